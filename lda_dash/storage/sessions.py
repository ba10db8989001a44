"""Sign-in sessions and one-time invitation links: rows keyed by hashes, never by secrets."""

from __future__ import annotations

from datetime import datetime

from lda_dash.storage.base import Connection, _dicts

INSERT_SESSION = """
INSERT INTO web_session (id, login, method, token_hash, code_hash, code_expires_at, binding_hash,
    created_at, last_seen_at, expires_at, user_agent)
VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)
"""
SESSION_BY_CODE = """
SELECT * FROM web_session WHERE code_hash = ? AND token_hash IS NULL AND ended_at IS NULL
"""
EXCHANGE_CODE = """
UPDATE web_session SET token_hash = ?, code_hash = NULL, code_expires_at = NULL, last_seen_at = ?
WHERE id = ?
"""
BURN_CODE = "UPDATE web_session SET code_hash = NULL, ended_at = ?, end_reason = ? WHERE id = ?"
SESSION_BY_TOKEN = """
SELECT s.*, a.role, a.organisation_id, a.active FROM web_session s
JOIN account a ON a.login = s.login WHERE s.token_hash = ?
"""
TOUCH = "UPDATE web_session SET last_seen_at = ? WHERE id = ? AND ended_at IS NULL"
END_ONE = """
UPDATE web_session SET ended_at = ?, end_reason = ? WHERE id = ? AND login = ? AND ended_at IS NULL
"""
END_ALL = "UPDATE web_session SET ended_at = ?, end_reason = ? WHERE login = ? AND ended_at IS NULL"
ACTIVE_OF = """
SELECT id, method, created_at, last_seen_at, expires_at, user_agent FROM web_session
WHERE login = ? AND ended_at IS NULL AND token_hash IS NOT NULL AND expires_at > ?
ORDER BY last_seen_at DESC
"""
INSERT_INVITATION = """
INSERT INTO invitation (id, login, purpose, token_hash, created_by, created_at, expires_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
"""
INVITATION_BY_TOKEN = "SELECT * FROM invitation WHERE token_hash = ?"
USE_INVITATION = "UPDATE invitation SET used_at = ? WHERE id = ? AND used_at IS NULL"
REVOKE_INVITATIONS = """
UPDATE invitation SET revoked_at = ? WHERE login = ? AND used_at IS NULL AND revoked_at IS NULL
"""


def insert_session(
    con: Connection,
    session_id: str,
    login: str,
    method: str,
    code_hash: str,
    code_expires_at: datetime,
    binding_hash: str | None,
    now: datetime,
    expires_at: datetime,
    user_agent: str | None,
) -> None:
    con.execute(
        INSERT_SESSION,
        [session_id, login, method, code_hash, code_expires_at, binding_hash, now, now,
         expires_at, user_agent],
    )  # fmt: skip


def session_by_code(con: Connection, code_hash: str) -> dict | None:
    rows = _dicts(con.execute(SESSION_BY_CODE, [code_hash]))
    return rows[0] if rows else None


def exchange_code(con: Connection, session_id: str, token_hash: str, now: datetime) -> None:
    con.execute(EXCHANGE_CODE, [token_hash, now, session_id])


def burn_code(con: Connection, session_id: str, now: datetime, reason: str) -> None:
    con.execute(BURN_CODE, [now, reason, session_id])


def session_by_token(con: Connection, token_hash: str) -> dict | None:
    """The session with its account's role, organisation and whether the account is active."""
    rows = _dicts(con.execute(SESSION_BY_TOKEN, [token_hash]))
    return rows[0] if rows else None


def touch_session(con: Connection, session_id: str, now: datetime) -> None:
    con.execute(TOUCH, [now, session_id])


def end_session(con: Connection, session_id: str, login: str, now: datetime, reason: str) -> int:
    """End one of `login`'s sessions; the number ended (0 or 1)."""
    return con.execute(END_ONE, [now, reason, session_id, login]).fetchone()[0]


def end_sessions_of(con: Connection, login: str, now: datetime, reason: str) -> None:
    con.execute(END_ALL, [now, reason, login])


def active_sessions(con: Connection, login: str, now: datetime) -> list[dict]:
    return _dicts(con.execute(ACTIVE_OF, [login, now]))


def insert_invitation(
    con: Connection,
    invitation_id: str,
    login: str,
    purpose: str,
    token_hash: str,
    created_by: str,
    now: datetime,
    expires_at: datetime,
) -> None:
    con.execute(
        INSERT_INVITATION,
        [invitation_id, login, purpose, token_hash, created_by, now, expires_at],
    )


def invitation_by_token(con: Connection, token_hash: str) -> dict | None:
    rows = _dicts(con.execute(INVITATION_BY_TOKEN, [token_hash]))
    return rows[0] if rows else None


def use_invitation(con: Connection, invitation_id: str, now: datetime) -> None:
    con.execute(USE_INVITATION, [now, invitation_id])


def revoke_invitations(con: Connection, login: str, now: datetime) -> None:
    """An earlier link of the same person stops working when a new one is made."""
    con.execute(REVOKE_INVITATIONS, [now, login])
