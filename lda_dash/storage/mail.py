"""E-mails recorded (sent or waiting for a retry), and who should be told what: recipients,
figures sent back, submissions waiting, quarters not submitted, years without decision."""

from __future__ import annotations

from datetime import datetime

from lda_dash.storage.base import Connection, _dicts

INSERT_MAIL = """
INSERT INTO mail_message (id, kind, dedupe_key, recipient, subject, body, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?)
"""
HAS_KEY = "SELECT count(*) FROM mail_message WHERE dedupe_key = ?"
PENDING = "SELECT * FROM mail_message WHERE sent_at IS NULL ORDER BY created_at, id"
CLAIM = """
UPDATE mail_message SET claim = ?, claimed_at = ?
WHERE sent_at IS NULL AND (claim IS NULL OR claimed_at < ?)
"""
CLAIMED = "SELECT * FROM mail_message WHERE claim = ? AND sent_at IS NULL ORDER BY created_at, id"
MARK_SENT = """
UPDATE mail_message SET sent_at = ?, attempts = attempts + 1, last_error = NULL, claim = NULL,
    body = regexp_replace(body, 'jeton=[A-Za-z0-9_-]+', 'jeton=(retiré après envoi)', 'g')
WHERE id = ?
"""
MARK_FAILED = """
UPDATE mail_message SET attempts = attempts + 1, last_error = ?, claim = NULL WHERE id = ?
"""
MAILS = "SELECT * FROM mail_message ORDER BY created_at, id"
PARTNERS_OF_ACTIONS = """
SELECT DISTINCT a.login, a.email, a.organisation_id FROM account a
JOIN assignment s ON s.organisation_id = a.organisation_id
WHERE s.convention_id = ? AND list_contains(?, s.action_number) AND a.active
    AND a.role = 'partenaire' AND a.email IS NOT NULL AND a.email <> ''
ORDER BY a.login
"""
ACCOUNTS_OF_ROLE = """
SELECT login, email, organisation_id FROM account
WHERE role = ? AND active AND email IS NOT NULL AND email <> '' ORDER BY login
"""
ORGANISATION_ACTIONS = """
SELECT s.organisation_id, o.name, list(s.action_number ORDER BY s.action_number) AS actions
FROM assignment s JOIN organisation o ON o.id = s.organisation_id
WHERE s.convention_id = ? GROUP BY s.organisation_id, o.name ORDER BY o.name
"""
TRANSMITTED_QUARTERS = """
SELECT DISTINCT year, quarter FROM figure WHERE convention_id = ?
    AND list_contains(?, action_number) AND status IN ('submitted', 'validated')
"""
FIGURES_IN = """
SELECT action_number, code, year, quarter, status, return_reason, updated_at, updated_by
FROM figure WHERE convention_id = ? AND status = ? ORDER BY year, quarter, action_number, code
"""


def insert_mail(
    con: Connection, mail_id: str, kind: str, dedupe_key: str | None, recipient: str,
    subject: str, body: str, now: datetime,
) -> None:  # fmt: skip
    con.execute(INSERT_MAIL, [mail_id, kind, dedupe_key, recipient, subject, body, now])


def has_mail_key(con: Connection, dedupe_key: str) -> bool:
    return con.execute(HAS_KEY, [dedupe_key]).fetchone()[0] > 0


def pending_mails(con: Connection) -> list[dict]:
    return _dicts(con.execute(PENDING))


def claim_pending(con: Connection, claim: str, now: datetime, stale_before: datetime) -> list[dict]:
    """Take every unsent message nobody holds (or whose holder's lease ran out before
    `stale_before`) for this sender, and return them: a second sender finds them taken."""
    con.execute(CLAIM, [claim, now, stale_before])
    return _dicts(con.execute(CLAIMED, [claim]))


def mails(con: Connection) -> list[dict]:
    return _dicts(con.execute(MAILS))


def mark_sent(con: Connection, mail_id: str, now: datetime) -> None:
    con.execute(MARK_SENT, [now, mail_id])


def mark_failed(con: Connection, mail_id: str, error: str) -> None:
    con.execute(MARK_FAILED, [error[:300], mail_id])


def partners_of_actions(con: Connection, convention_id: str, actions: list[int]) -> list[dict]:
    return _dicts(con.execute(PARTNERS_OF_ACTIONS, [convention_id, actions]))


def accounts_of_role(con: Connection, role: str) -> list[dict]:
    return _dicts(con.execute(ACCOUNTS_OF_ROLE, [role]))


def organisation_actions(con: Connection, convention_id: str) -> list[dict]:
    return _dicts(con.execute(ORGANISATION_ACTIONS, [convention_id]))


def transmitted_quarters(
    con: Connection, convention_id: str, actions: list[int]
) -> set[tuple[int, int]]:
    rows = con.execute(TRANSMITTED_QUARTERS, [convention_id, actions]).fetchall()
    return {(year, quarter) for year, quarter in rows}


def figures_in(con: Connection, convention_id: str, status: str) -> list[dict]:
    return _dicts(con.execute(FIGURES_IN, [convention_id, status]))
