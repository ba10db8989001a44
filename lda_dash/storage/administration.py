"""The administration's writes on accounts, organisations, assignments and settings: each one
checks the actor's role here, in storage, and lands in the history with its reason."""

from __future__ import annotations

from lda_dash.domain.permissions import Actor, may, require
from lda_dash.storage.base import Connection, append_history, set_setting

SET_PASSWORD = (
    "UPDATE account SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE login = ?"
)
SET_ROLE = "UPDATE account SET role = ?, organisation_id = ? WHERE login = ?"
SET_ACTIVE = "UPDATE account SET active = ? WHERE login = ?"
ACTIVE_ADMINS = "SELECT login FROM account WHERE role = 'admin' AND active ORDER BY login"
INSERT_ORGANISATION = "INSERT INTO organisation (id, name) VALUES (?, ?)"
RENAME_ORGANISATION = "UPDATE organisation SET name = ? WHERE id = ?"
ORGANISATION = "SELECT id, name FROM organisation WHERE id = ?"
ORGANISATION_BY_NAME = "SELECT id, name FROM organisation WHERE lower(name) = lower(?)"
ASSIGN = """
INSERT INTO assignment (convention_id, action_number, organisation_id) VALUES (?, ?, ?)
ON CONFLICT DO NOTHING
"""
UNASSIGN = """
DELETE FROM assignment WHERE convention_id = ? AND action_number = ? AND organisation_id = ?
"""


def _admin(actor: Actor, what: str = "accounts") -> None:
    if not may(actor, what):
        require("seule l'administration gère les comptes, les organisations et les réglages")


def _reason(reason: str | None) -> str:
    if not reason or not reason.strip():
        require("le motif est obligatoire")
    return reason.strip()


def set_password_hash(con: Connection, login: str, password_hash: str) -> None:
    """By the person themself (current password or invitation link checked by the service)."""
    con.execute(SET_PASSWORD, [password_hash, login])


def active_admins(con: Connection) -> list[str]:
    return [row[0] for row in con.execute(ACTIVE_ADMINS).fetchall()]


def organisation(con: Connection, organisation_id: str) -> dict | None:
    row = con.execute(ORGANISATION, [organisation_id]).fetchone()
    return None if row is None else {"id": row[0], "name": row[1]}


def organisation_by_name(con: Connection, name: str) -> dict | None:
    row = con.execute(ORGANISATION_BY_NAME, [name]).fetchone()
    return None if row is None else {"id": row[0], "name": row[1]}


def set_role(
    con: Connection, actor: Actor, login: str, role: str, organisation_id: str | None,
    old: str, new: str, reason: str,
) -> None:  # fmt: skip
    _admin(actor)
    reason = _reason(reason)
    con.execute(SET_ROLE, [role, organisation_id, login])
    append_history(con, actor.login, "account", None, login, old, new, reason)


def set_active(con: Connection, actor: Actor, login: str, active: bool, reason: str) -> None:
    _admin(actor)
    reason = _reason(reason)
    con.execute(SET_ACTIVE, [active, login])
    old, new = ("désactivé", "actif") if active else ("actif", "désactivé")
    append_history(con, actor.login, "account", None, login, old, new, reason)


def record_account_event(con: Connection, actor: Actor, login: str, what: str, reason: str) -> None:
    """An administration act without a column of its own (invitation, reset link)."""
    _admin(actor)
    append_history(con, actor.login, "account", None, login, None, what, _reason(reason))


def create_organisation(
    con: Connection, actor: Actor, organisation_id: str, name: str, reason: str
) -> None:
    _admin(actor)
    reason = _reason(reason)
    con.execute(INSERT_ORGANISATION, [organisation_id, name])
    append_history(con, actor.login, "organisation", None, organisation_id, None, name, reason)


def rename_organisation(
    con: Connection, actor: Actor, organisation_id: str, old: str, name: str, reason: str
) -> None:
    _admin(actor)
    reason = _reason(reason)
    con.execute(RENAME_ORGANISATION, [name, organisation_id])
    append_history(con, actor.login, "organisation", None, organisation_id, old, name, reason)


def assign(
    con: Connection, actor: Actor, convention_id: str, action: int, organisation_id: str,
    assigned: bool, reason: str,
) -> None:  # fmt: skip
    _admin(actor, "assignments")
    reason = _reason(reason)
    con.execute(ASSIGN if assigned else UNASSIGN, [convention_id, action, organisation_id])
    old, new = (None, organisation_id) if assigned else (organisation_id, None)
    append_history(
        con, actor.login, "assignment", convention_id, f"action {action}", old, new, reason
    )


def set_clawback_threshold(
    con: Connection, actor: Actor, key: str, old: str, value: str, reason: str
) -> None:
    _admin(actor, "settings")
    reason = _reason(reason)
    set_setting(con, key, value)
    append_history(con, actor.login, "setting", None, "seuil de reversement", old, value, reason)
