"""Hostile sign-ins and accounts (issue 15 §3, §4, §7, §8), through storage on a real DuckDB
file and through the command line: a clear French refusal, and nothing changed."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from lda_dash import storage
from lda_dash.domain.model import QuarterFigure
from lda_dash.domain.permissions import Actor, PermissionDenied
from lda_dash.services import accounts
from lda_dash.services.accounts import (
    REFUSED,
    add_account,
    disable_account,
    sign_in,
    sign_in_by_email,
)
from lda_dash.storage import database, guards
from tests.hostile import cli, digest

PASSWORD = "un-mot-de-passe-solide"
T0 = datetime(2026, 3, 2, 10, 0)
CID = "dijon-2021-2022"
KELVIN = "\u212a"  # looks like K, becomes K under NFKC


class CountingHasher:
    """The real argon2 hasher, counting verifications."""

    def __init__(self, real):
        self.real, self.verifications = real, 0

    def verify(self, password_hash, password):
        self.verifications += 1
        return self.real.verify(password_hash, password)

    def hash(self, password):
        return self.real.hash(password)


@pytest.fixture
def hasher(monkeypatch):
    counting = CountingHasher(accounts._hasher)
    monkeypatch.setattr(accounts, "_hasher", counting)
    return counting


@pytest.fixture
def people(db_path):
    with database.connect(db_path) as con:
        add_account(con, "alice", "partenaire", PASSWORD, organisation="CCAS", email="alice@ex.fr")
        add_account(con, "claire", "coordination", PASSWORD, email="kevin@ex.fr")
        add_account(con, "sso", "prefecture", None, email="sso@ex.fr")
        add_account(con, "ancien", "coordination", PASSWORD)
        disable_account(con, "ancien")
        storage.assign(con, CID, 6, "ccas")
    return db_path


# --- §7: an unknown login answers like an existing one ----------------------------------------

ATTEMPTS = [
    ("unknown login", "personne", PASSWORD),
    ("wrong password", "alice", "mauvais-mot-de-passe"),
    ("disabled account, right password", "ancien", PASSWORD),
    ("account without password", "sso", ""),
    ("SQL in the login", "x' OR '1'='1", PASSWORD),
    ("very long login", "a" * 5000, PASSWORD),
]


@pytest.mark.parametrize(("login", "password"), [a[1:] for a in ATTEMPTS],
                         ids=[a[0] for a in ATTEMPTS])  # fmt: skip
def test_every_refusal_reads_the_same_after_one_argon2_verification(
    people, hasher, login, password
):
    with database.connect(people) as con:
        result = sign_in(con, login, password, now=T0)
    assert (result.actor, result.message) == (None, REFUSED)
    assert hasher.verifications == 1


@pytest.mark.parametrize("login", ["alice", "personne"])
def test_five_failures_block_known_and_unknown_logins_alike(people, hasher, login):
    with database.connect(people) as con:
        answers = [sign_in(con, login, "mauvais", now=T0).message for _ in range(6)]
        right = sign_in(con, login, PASSWORD, now=T0 + timedelta(minutes=14))
        assert storage.login_attempt(con, login)[1] == T0 + timedelta(minutes=15)
    assert set(answers) == {REFUSED}
    assert (right.actor, right.message) == (None, REFUSED)
    assert hasher.verifications == 7  # blocked or not, each attempt costs one verification


def test_the_block_ends_after_fifteen_minutes(people):
    with database.connect(people) as con:
        for _ in range(5):
            sign_in(con, "alice", "mauvais", now=T0)
        assert sign_in(con, "alice", PASSWORD, now=T0 + timedelta(minutes=16)).actor


# --- §4: a disabled or changed account writes nothing, whatever the door --------------------

FIGURE = QuarterFigure(6, "DIAG", 2022, 1, Decimal(3), status="draft")
WRITES = {
    "partner draft": (
        "alice",
        lambda con: storage.save_figures(
            con, CID, [FIGURE], Actor("alice", "partenaire", "ccas"), "saisie"
        ),
    ),
    "target": (
        "claire",
        lambda con: storage.set_target(
            con, CID, (2, "CAPT"), 2022, Decimal(1), Decimal(40), Actor("claire", "coordination"),
            "x",
        ),
    ),
    "decision": (
        "sso",
        lambda con: storage.record_decision(
            con, CID, 2021, Actor("sso", "prefecture"), proposed=Decimal(1), decided=Decimal(1),
            threshold=Decimal(1), justification="x", decided_on=T0.date(),
        ),
    ),
}  # fmt: skip


@pytest.mark.parametrize("login, write", WRITES.values(), ids=WRITES.keys())
def test_a_disabled_account_writes_nothing(people, login, write):
    with database.connect(people) as con:
        disable_account(con, login)
    before = digest(people)
    with pytest.raises(PermissionDenied, match="désactivé"), database.connect(people) as con:
        write(con)
    assert digest(people) == before


def test_an_account_whose_role_changed_writes_nothing(people):
    with database.connect(people) as con:
        con.execute("UPDATE account SET role = 'prefecture' WHERE login = 'claire'")
    before = digest(people)
    with pytest.raises(PermissionDenied, match="a changé"), database.connect(people) as con:
        WRITES["target"][1](con)
    assert digest(people) == before


def test_the_command_line_refuses_an_import_by_a_disabled_account(people, tmp_path):
    path = tmp_path / "chiffres.csv"
    path.write_text("action;indicateur;annee;trimestre;valeur\n6;DIAG;2022;1;3\n", "utf-8")
    before = digest(people)
    done = cli("import-figures", str(path), "--user", "ancien", "--db", str(people))
    assert done.returncode == 1 and "désactivé" in done.stderr
    assert digest(people) == before


def test_a_session_of_a_disabled_account_is_refused(people):
    with database.connect(people) as con:
        disable_account(con, "claire")
        assert "désactivé" in accounts.session_refusal(con, Actor("claire", "coordination"))


# --- §8: e-mails of single sign-on ------------------------------------------------------------

SIGN_ONS = [
    ("same address", "kevin@ex.fr", True, "claire"),
    ("other case", "KEVIN@Ex.Fr", None, "claire"),
    ("Kelvin sign for K", f"{KELVIN}evin@ex.fr", True, "trompeurs"),
    ("full-width letters", "ｋｅｖｉｎ@ex.fr", True, "trompeurs"),
    ("no e-mail claim", None, None, "aucune adresse"),
    ("empty e-mail", "  ", True, "aucune adresse"),
    ("not verified", "kevin@ex.fr", False, "non vérifiée"),
    ("unknown address", "nobody@ex.fr", True, "Aucun compte actif"),
]


@pytest.mark.parametrize(("email", "verified", "expected"), [s[1:] for s in SIGN_ONS],
                         ids=[s[0] for s in SIGN_ONS])  # fmt: skip
def test_single_sign_on_opens_only_the_account_of_that_exact_address(
    people, email, verified, expected
):
    with database.connect(people) as con:
        result = sign_in_by_email(con, email, verified)
    if result.actor is not None:
        assert result.actor.login == expected
    else:
        assert expected in result.message


@pytest.mark.parametrize(
    "email", ["KEVIN@ex.fr", f"{KELVIN}evin@ex.fr", " kevin@ex.fr ", "alice@ex.fr"]
)
def test_the_command_line_refuses_a_second_account_for_one_address(people, email):
    before = digest(people)
    done = cli("user", "add", "bob", "--role", "admin", "--email", email, "--db", str(people),
               env={"LDA_DASH_PASSWORD": PASSWORD})  # fmt: skip
    assert done.returncode == 1, done.stdout
    assert "compte non créé" in done.stderr and "Traceback" not in done.stderr
    assert digest(people) == before


def test_two_accounts_sharing_an_address_open_neither(people):
    with database.connect(people) as con:  # as an older version could have stored them
        con.execute("UPDATE account SET email = 'KEVIN@ex.fr' WHERE login = 'alice'")
        result = sign_in_by_email(con, "kevin@ex.fr", True)
    assert result.actor is None and "plusieurs comptes" in result.message


# --- §3: demo profiles only in a database of demonstration data only --------------------------


def test_real_data_switches_demo_accounts_off(demo_db_path):
    with database.connect(demo_db_path) as con:
        assert guards.demo_only(con)
        assert accounts.demo_sign_in(con, "demo-admin").actor is not None
        add_account(con, "vraie", "admin", PASSWORD)
        assert not guards.demo_only(con)
        assert "désactivés" in accounts.demo_sign_in(con, "demo-admin").message
        assert "désactivés" in accounts.session_refusal(con, Actor("demo-admin", "admin"))
    before = digest(demo_db_path)
    with (
        pytest.raises(PermissionDenied, match="démonstration"),
        database.connect(demo_db_path) as con,
    ):
        storage.set_target(con, CID, (2, "CAPT"), 2022, Decimal(1), None,
                              Actor("demo-coordination", "coordination"), "x")  # fmt: skip
    assert digest(demo_db_path) == before


def test_a_real_figure_switches_demo_accounts_off(demo_db_path, tmp_path):
    path = tmp_path / "chiffres.csv"
    path.write_text("action;indicateur;annee;trimestre;valeur\n2;CAPT;2022;4;3\n", "utf-8")
    assert cli("import-figures", str(path), "--db", str(demo_db_path)).returncode == 0
    with database.connect(demo_db_path) as con:
        assert accounts.demo_sign_in(con, "demo-coordination").actor is None


def test_a_demo_partner_draft_keeps_the_database_a_demo(demo_db_path):
    partner = Actor("demo-partenaire", "partenaire", "association-habitat-solidaire-demo")
    draft = QuarterFigure(2, "CAPT", 2022, 4, Decimal(3), status="draft")
    with database.connect(demo_db_path) as con:
        storage.save_figures(con, CID, [draft], partner, "saisie")
        assert guards.demo_only(con)


def test_init_demo_refuses_the_default_path(tmp_path):
    from lda_dash.config import DEFAULT_DB_PATH

    existed = DEFAULT_DB_PATH.exists()
    done = cli("init", "--demo", env={"LDA_DASH_DB": ""})
    assert done.returncode == 1
    assert "--demo-at-default-path" in done.stderr and "data/demo.duckdb" in done.stderr
    assert DEFAULT_DB_PATH.exists() == existed
