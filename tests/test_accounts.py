"""Accounts: argon2id hashes, sign-in, lockout after five failures, disabled accounts."""

from datetime import datetime, timedelta

import pytest

from lda_dash import storage
from lda_dash.services.accounts import (
    AccountError,
    add_account,
    disable_account,
    sign_in,
    sign_in_by_email,
)
from lda_dash.storage import database

PASSWORD = "un-mot-de-passe-solide"
T0 = datetime(2026, 3, 2, 10, 0)


@pytest.fixture
def con(db_path):
    with database.connect(db_path) as connection:
        add_account(connection, "alice", "partenaire", PASSWORD, organisation="CCAS de Dijon",
                    email="alice@example.org")  # fmt: skip
        yield connection


def test_passwords_are_stored_as_argon2id_hashes(con):
    stored = storage.account(con, "alice")["password_hash"]
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_sign_in_with_the_right_password(con):
    result = sign_in(con, "Alice", PASSWORD, now=T0)
    assert result.actor is not None
    assert (result.actor.role, result.actor.organisation_id) == ("partenaire", "ccas-de-dijon")


@pytest.mark.parametrize("failures", [1, 4])
def test_fewer_than_five_failures_do_not_lock(con, failures):
    for _ in range(failures):
        assert sign_in(con, "alice", "wrong", now=T0).actor is None
    assert sign_in(con, "alice", PASSWORD, now=T0).actor is not None


def test_five_failures_lock_the_account_for_fifteen_minutes(con):
    for _ in range(5):
        last = sign_in(con, "alice", "wrong", now=T0)
    assert "bloqué après 5 essais" in last.message
    assert sign_in(con, "alice", PASSWORD, now=T0 + timedelta(minutes=14)).actor is None
    assert sign_in(con, "alice", PASSWORD, now=T0 + timedelta(minutes=15, seconds=1)).actor


def test_a_disabled_account_cannot_sign_in(con):
    disable_account(con, "alice")
    assert sign_in(con, "alice", PASSWORD, now=T0).actor is None
    assert sign_in_by_email(con, "alice@example.org").actor is None


def test_single_sign_on_maps_the_email_to_the_account(con):
    assert sign_in_by_email(con, "ALICE@example.org").actor.login == "alice"
    assert sign_in_by_email(con, "nobody@example.org").actor is None


@pytest.mark.parametrize(
    ("login", "role", "password", "organisation", "message"),
    [
        ("bob", "partenaire", PASSWORD, None, "organisation"),
        ("bob", "chef", PASSWORD, None, "rôle"),
        ("bob", "coordination", "court", None, "trop court"),
        ("alice", "coordination", PASSWORD, None, "existe déjà"),
        ("bob; DROP TABLE account", "admin", PASSWORD, None, "invalide"),
    ],
)
def test_refused_accounts(con, login, role, password, organisation, message):
    with pytest.raises(AccountError, match=message):
        add_account(con, login, role, password, organisation=organisation)


def test_an_account_without_password_cannot_sign_in_with_one(con):
    add_account(con, "sso-only", "prefecture", None, email="p@example.org")
    assert sign_in(con, "sso-only", "", now=T0).actor is None
