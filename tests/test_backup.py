"""Backup to Parquet with a manifest, and restore into an empty database: identical data."""

import json
from decimal import Decimal

import pytest

from lda_dash import storage
from lda_dash.cli.main import main
from lda_dash.domain.model import QuarterFigure
from lda_dash.domain.permissions import Actor
from lda_dash.services.backup import BackupError, backup, restore
from lda_dash.storage import backup as sql
from lda_dash.storage import database
from tests.reading import figure_frame


def contents(path):
    """Every table's rows, sorted, so two databases can be compared whole."""
    with database.connect(path) as con:
        return {
            table: sorted(map(repr, con.execute(f'SELECT * FROM "{table}"').fetchall()))
            for table in sql.table_names(con)
        }


def test_backup_then_restore_gives_identical_data(demo_db_path, tmp_path, capsys):
    folder = tmp_path / "sauvegarde"
    assert main(["backup", "--output", str(folder), "--db", str(demo_db_path)]) == 0
    restored = tmp_path / "restored.duckdb"
    assert main(["restore", str(folder), "--db", str(restored)]) == 0
    assert "toutes vérifiées" in capsys.readouterr().out
    original, copy = contents(demo_db_path), contents(restored)
    assert original.keys() == copy.keys()
    for table in original:
        assert copy[table] == original[table], table
    assert len(original["figure"]) > 200


def test_the_manifest_counts_rows_and_fingerprints_files(demo_db_path, tmp_path):
    manifest = backup(tmp_path / "b", demo_db_path)
    saved = json.loads((tmp_path / "b" / "manifest.json").read_text())
    assert saved == manifest
    with database.connect(demo_db_path) as con:
        figures = len(figure_frame(con, "dijon-2021-2022"))
    assert manifest["tables"]["figure"]["rows"] == figures
    assert len(manifest["tables"]["figure"]["sha256"]) == 64
    assert manifest["migrations"] == sorted(manifest["migrations"]) and manifest["migrations"]


def test_history_ids_continue_after_a_restore(demo_db_path, tmp_path):
    backup(tmp_path / "b", demo_db_path)
    restored = tmp_path / "r.duckdb"
    restore(tmp_path / "b", restored)
    trusted = Actor("admin", "admin", trusted_import=True)
    with database.connect(restored) as con:
        before = storage.history(con, "dijon-2021-2022").id.max()
        storage.save_figures(
            con, "dijon-2021-2022", [QuarterFigure(6, "DIAG", 2023, 1, Decimal(4))], trusted, "x"
        )
        assert storage.history(con, "dijon-2021-2022").id.max() == before + 1


def test_restore_refuses_a_database_with_data(demo_db_path, tmp_path):
    backup(tmp_path / "b", demo_db_path)
    with pytest.raises(BackupError, match="déjà des données"):
        restore(tmp_path / "b", demo_db_path)


def test_a_tampered_backup_restores_nothing(demo_db_path, tmp_path):
    backup(tmp_path / "b", demo_db_path)
    target = tmp_path / "b" / "figure.parquet"
    target.write_bytes(target.read_bytes()[:-10] + b"0123456789")
    restored = tmp_path / "r.duckdb"
    with pytest.raises(BackupError, match="abîmé"):
        restore(tmp_path / "b", restored)
    assert not restored.exists()


def test_backup_refuses_a_folder_that_is_not_empty(demo_db_path, tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "autre.txt").write_text("x")
    with pytest.raises(BackupError, match="pas vide"):
        backup(tmp_path / "b", demo_db_path)


def test_a_folder_without_manifest_is_not_a_backup(tmp_path):
    with pytest.raises(BackupError, match="manifest"):
        restore(tmp_path, tmp_path / "r.duckdb")
