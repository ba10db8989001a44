"""Hostile backups through the command line (issue 15 §6): a manifest that lost a table, a
forged or re-signed backup, refused restores; each refused in French, leaving no file behind."""

import json

import pytest

from lda_dash.services.accounts import add_account
from lda_dash.storage import database
from tests.hostile import cli, digest

KEY = {"LDA_DASH_BACKUP_KEY": "clé-de-sauvegarde-du-serveur"}
NO_KEY = {"LDA_DASH_BACKUP_KEY": ""}


@pytest.fixture
def signed(db_path, tmp_path):
    """A backup of the Dijon database signed with the server's key."""
    folder = tmp_path / "signee"
    done = cli("backup", "--output", str(folder), "--db", str(db_path), env=KEY)
    assert done.returncode == 0, done.stderr
    assert "Manifeste signé" in done.stdout
    return folder


@pytest.fixture
def forged(db_path, tmp_path):
    """A self-consistent backup holding an intruder's admin account, written without the key."""
    with database.connect(db_path) as con:
        add_account(con, "intrus", "admin", "mot-de-passe-de-l-intrus")
    folder = tmp_path / "forgee"
    done = cli("backup", "--output", str(folder), "--db", str(db_path), env=NO_KEY)
    assert "NON signée" in done.stdout
    return folder


def edit_manifest(folder, change):
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text("utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest), "utf-8")


def drop_history(manifest):
    del manifest["tables"]["history"]


def resign_with_other_key(manifest):
    manifest["signature"]["value"] = "0" * 64


def inflate_rows(manifest):
    manifest["tables"]["account"]["rows"] += 1


REFUSED = [
    ("history left out, no key", "signed", drop_history, NO_KEY, "ne liste pas la ou les tables"),
    ("history left out, signed", "signed", drop_history, KEY, "signature de la sauvegarde"),
    ("forged admin account", "forged", None, KEY, "non signée"),
    ("other key", "signed", resign_with_other_key, KEY, "signature de la sauvegarde invalide"),
    ("edited row count", "signed", inflate_rows, KEY, "signature de la sauvegarde invalide"),
]


@pytest.mark.parametrize(
    ("kind", "change", "env", "message"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED]
)
def test_hostile_backups_are_refused_and_leave_no_file(request, tmp_path, kind, change, env,
                                                        message):  # fmt: skip
    folder = request.getfixturevalue(kind)
    if change:
        edit_manifest(folder, change)
    target = tmp_path / "restauree" / "lda.duckdb"
    target.parent.mkdir()
    done = cli("restore", str(folder), "--db", str(target), env=env)
    assert done.returncode == 1
    assert message in done.stderr and "Traceback" not in done.stderr
    assert list(target.parent.iterdir()) == []  # no empty database, no temporary file


def test_four_refused_restores_in_a_row_leave_nothing(signed, tmp_path):
    edit_manifest(signed, drop_history)
    target = tmp_path / "cible.duckdb"
    for _ in range(4):
        assert cli("restore", str(signed), "--db", str(target), env=NO_KEY).returncode == 1
    assert not [p.name for p in tmp_path.iterdir() if "cible" in p.name]


def test_a_restore_over_data_is_refused_and_changes_nothing(signed, db_path):
    before = digest(db_path)
    done = cli("restore", str(signed), "--db", str(db_path), env=KEY)
    assert done.returncode == 1 and "contient déjà des données" in done.stderr
    assert digest(db_path) == before


def test_a_signed_backup_restores_identically_with_the_key(signed, db_path, tmp_path):
    target = tmp_path / "restauree.duckdb"
    done = cli("restore", str(signed), "--db", str(target), env=KEY)
    assert done.returncode == 0, done.stderr
    assert "toutes vérifiées" in done.stdout and "Signature du manifeste vérifiée" in done.stdout
    assert digest(target)["history"] == digest(db_path)["history"]


def test_without_a_key_an_unsigned_backup_restores_with_a_warning(forged, tmp_path):
    target = tmp_path / "restauree.duckdb"
    done = cli("restore", str(forged), "--db", str(target), env=NO_KEY)
    assert done.returncode == 0, done.stderr
    assert "authenticité non vérifiée" in done.stdout


def test_a_backup_older_than_a_migration_still_restores(signed, tmp_path):
    """A table created by a migration the backup never had is not required of it."""

    def before_0004(manifest):
        del manifest["tables"]["login_attempt"]
        manifest["migrations"] = [v for v in manifest["migrations"] if v < 4]

    edit_manifest(signed, before_0004)
    target = tmp_path / "ancienne.duckdb"
    done = cli("restore", str(signed), "--db", str(target), env=NO_KEY)
    assert done.returncode == 0, done.stderr
