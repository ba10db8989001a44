"""Accounts, partner organisations and the assignment of actions to organisations."""

from __future__ import annotations

from datetime import datetime

from lda_dash.domain.emails import email_key, email_refusal
from lda_dash.domain.permissions import require
from lda_dash.storage.base import Connection, _dicts

ACCOUNT = "SELECT * FROM account WHERE login = ?"
# NFKC has no SQL form: addresses are compared in Python, over a table of a few hundred rows.
ACCOUNTS_WITH_EMAIL = "SELECT * FROM account WHERE email IS NOT NULL ORDER BY login"
ACCOUNTS = """
SELECT a.login, a.display_name, a.email, a.role, o.name AS organisation, a.active,
    l.locked_until, a.last_login_at, a.is_demo
FROM account a LEFT JOIN organisation o ON o.id = a.organisation_id
LEFT JOIN login_attempt l ON l.login = a.login ORDER BY a.role, a.login
"""
INSERT_ACCOUNT = """
INSERT INTO account (login, display_name, email, role, organisation_id, password_hash, active,
    failed_attempts, locked_until, created_at, is_demo)
VALUES (?, ?, ?, ?, ?, ?, TRUE, 0, NULL, ?, ?)
"""
SET_ACTIVE = "UPDATE account SET active = ? WHERE login = ?"
SET_PASSWORD = "UPDATE account SET password_hash = ?, failed_attempts = 0 WHERE login = ?"
LOGIN_ATTEMPT = "SELECT failed_attempts, locked_until FROM login_attempt WHERE login = ?"
RECORD_FAILURE = """
INSERT INTO login_attempt (login, failed_attempts, locked_until) VALUES (?, ?, ?)
ON CONFLICT (login) DO UPDATE SET failed_attempts = excluded.failed_attempts,
    locked_until = excluded.locked_until
"""
CLEAR_ATTEMPTS = "DELETE FROM login_attempt WHERE login = ?"
RECORD_SUCCESS = "UPDATE account SET last_login_at = ? WHERE login = ?"
UPSERT_ORGANISATION = """
INSERT INTO organisation (id, name) VALUES (?, ?)
ON CONFLICT (id) DO UPDATE SET name = excluded.name
"""
ORGANISATIONS = "SELECT id, name FROM organisation ORDER BY name"
ASSIGN = """
INSERT INTO assignment (convention_id, action_number, organisation_id) VALUES (?, ?, ?)
ON CONFLICT DO NOTHING
"""
UNASSIGN = """
DELETE FROM assignment WHERE convention_id = ? AND action_number = ? AND organisation_id = ?
"""
ASSIGNMENTS = """
SELECT s.action_number, s.organisation_id, o.name AS organisation FROM assignment s
JOIN organisation o ON o.id = s.organisation_id WHERE s.convention_id = ?
ORDER BY s.action_number, o.name
"""
ACTIONS_OF = """
SELECT action_number FROM assignment WHERE convention_id = ? AND organisation_id = ?
ORDER BY action_number
"""
COUNT_REAL_ACCOUNTS = "SELECT count(*) FROM account WHERE NOT is_demo"
DELETE_DEMO_ACCOUNTS = "DELETE FROM account WHERE is_demo"


def account(con: Connection, login: str) -> dict | None:
    rows = _dicts(con.execute(ACCOUNT, [login]))
    return rows[0] if rows else None


def accounts_by_email(con: Connection, email: str, *, active_only: bool = True) -> list[dict]:
    """Accounts whose address equals `email` once both are normalised (emails.email_key)."""
    key = email_key(email)
    return [
        row
        for row in _dicts(con.execute(ACCOUNTS_WITH_EMAIL))
        if email_key(row["email"]) == key and (row["active"] or not active_only)
    ]


def accounts(con: Connection) -> list[dict]:
    return _dicts(con.execute(ACCOUNTS))


def count_real_accounts(con: Connection) -> int:
    return con.execute(COUNT_REAL_ACCOUNTS).fetchone()[0]


def insert_account(
    con: Connection,
    login: str,
    display_name: str,
    email: str | None,
    role: str,
    organisation_id: str | None,
    password_hash: str | None,
    *,
    is_demo: bool = False,
    now: datetime | None = None,
) -> None:
    """Store an account; an e-mail must be plain and carried by no other account, disabled
    ones included, so that single sign-on never has two accounts to choose from."""
    if email is not None and email.strip():
        email = email.strip()
        refusal = email_refusal(email)
        if refusal:
            require(f"{refusal} : compte non créé")
        taken = accounts_by_email(con, email, active_only=False)
        if taken:
            require(
                f"cette adresse électronique est déjà celle du compte « {taken[0]['login']} » : "
                "compte non créé"
            )
    else:
        email = None
    con.execute(
        INSERT_ACCOUNT,
        [login, display_name, email, role, organisation_id, password_hash,
         now or datetime.now(), is_demo],
    )  # fmt: skip


def set_active(con: Connection, login: str, active: bool) -> None:
    con.execute(SET_ACTIVE, [active, login])


def login_attempt(con: Connection, login: str) -> tuple[int, datetime | None]:
    """Failures in a row and lock end of a login string, whether an account carries it or not."""
    row = con.execute(LOGIN_ATTEMPT, [login]).fetchone()
    return (0, None) if row is None else (row[0], row[1])


def record_login_failure(
    con: Connection, login: str, attempts: int, locked_until: datetime | None
) -> None:
    con.execute(RECORD_FAILURE, [login, attempts, locked_until])


def record_login_success(con: Connection, login: str, now: datetime) -> None:
    con.execute(CLEAR_ATTEMPTS, [login])
    con.execute(RECORD_SUCCESS, [now, login])


def upsert_organisation(con: Connection, organisation_id: str, name: str) -> None:
    con.execute(UPSERT_ORGANISATION, [organisation_id, name])


def organisations(con: Connection) -> list[dict]:
    return _dicts(con.execute(ORGANISATIONS))


def assign(con: Connection, convention_id: str, action: int, organisation_id: str) -> None:
    con.execute(ASSIGN, [convention_id, action, organisation_id])


def assignments(con: Connection, convention_id: str) -> list[dict]:
    return _dicts(con.execute(ASSIGNMENTS, [convention_id]))


def actions_of(con: Connection, convention_id: str, organisation_id: str | None) -> list[int]:
    if organisation_id is None:
        return []
    rows = con.execute(ACTIONS_OF, [convention_id, organisation_id]).fetchall()
    return [row[0] for row in rows]


def delete_demo_accounts(con: Connection) -> None:
    con.execute(DELETE_DEMO_ACCOUNTS)
