"""Accounts, partner organisations and the assignment of actions to organisations."""

from __future__ import annotations

from datetime import datetime

from lda_dash.storage.base import Connection, _dicts

ACCOUNT = "SELECT * FROM account WHERE login = ?"
ACCOUNT_BY_EMAIL = "SELECT * FROM account WHERE lower(email) = lower(?) AND active"
ACCOUNTS = """
SELECT a.login, a.display_name, a.email, a.role, o.name AS organisation, a.active,
    a.locked_until, a.last_login_at, a.is_demo
FROM account a LEFT JOIN organisation o ON o.id = a.organisation_id ORDER BY a.role, a.login
"""
INSERT_ACCOUNT = """
INSERT INTO account (login, display_name, email, role, organisation_id, password_hash, active,
    failed_attempts, locked_until, created_at, is_demo)
VALUES (?, ?, ?, ?, ?, ?, TRUE, 0, NULL, ?, ?)
"""
SET_ACTIVE = "UPDATE account SET active = ? WHERE login = ?"
SET_PASSWORD = "UPDATE account SET password_hash = ?, failed_attempts = 0 WHERE login = ?"
RECORD_FAILURE = "UPDATE account SET failed_attempts = ?, locked_until = ? WHERE login = ?"
RECORD_SUCCESS = """
UPDATE account SET failed_attempts = 0, locked_until = NULL, last_login_at = ? WHERE login = ?
"""
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


def account_by_email(con: Connection, email: str) -> dict | None:
    rows = _dicts(con.execute(ACCOUNT_BY_EMAIL, [email]))
    return rows[0] if rows else None


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
    con.execute(
        INSERT_ACCOUNT,
        [login, display_name, email, role, organisation_id, password_hash,
         now or datetime.now(), is_demo],
    )  # fmt: skip


def set_active(con: Connection, login: str, active: bool) -> None:
    con.execute(SET_ACTIVE, [active, login])


def record_login_failure(
    con: Connection, login: str, attempts: int, locked_until: datetime | None
) -> None:
    con.execute(RECORD_FAILURE, [attempts, locked_until, login])


def record_login_success(con: Connection, login: str, now: datetime) -> None:
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
