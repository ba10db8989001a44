"""Server-side sign-in sessions: a one-time code exchanged for a cookie token, then each request's
token checked against idle and absolute expiry, the account's state and sign-out.

Why a code first: the sign-in form runs inside Streamlit's script, which cannot set a cookie.
It asks for a code (30 seconds, single use, bound to the browser), sends the browser to the
server route that exchanges it for the HttpOnly cookie, and the token itself never appears in
an address. Only SHA-256 digests of codes and tokens are stored (see SECURITY.md).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from lda_dash import config
from lda_dash.domain.permissions import Actor
from lda_dash.storage import database
from lda_dash.storage import sessions as store

COOKIE = "lda_session"
CODE_LIFETIME = timedelta(seconds=30)
TOUCH_EVERY = timedelta(seconds=30)  # last activity is written at most this often

METHOD_PASSWORD = "mot de passe"
METHOD_SSO = "connexion unique"
METHOD_DEMO = "démonstration"

ENDED_BY_SIGN_OUT = "déconnexion"
ENDED_BY_IDLE = "inactivité"
ENDED_BY_AGE = "durée maximale atteinte"
ENDED_BY_DISABLED = "compte désactivé"
ENDED_BY_PASSWORD = "mot de passe changé"
ENDED_BY_OWNER = "fermée depuis « Mon compte »"

EXPIRY_MESSAGES = {
    ENDED_BY_IDLE: "Session terminée après une période d'inactivité : reconnectez-vous.",
    ENDED_BY_AGE: "Session terminée (durée maximale atteinte) : reconnectez-vous.",
    ENDED_BY_DISABLED: "Ce compte est désactivé : adressez-vous à l'administration.",
    ENDED_BY_PASSWORD: "Le mot de passe a changé : reconnectez-vous.",
}
ENDED_MESSAGE = "Cette session a pris fin : reconnectez-vous."


@dataclass(frozen=True)
class Resumed:
    """What a cookie's token opens: an actor, or the reason it opens nothing (None: no token)."""

    actor: Actor | None
    session_id: str | None = None
    method: str | None = None
    ended: str | None = None

    @property
    def message(self) -> str | None:
        if self.ended is None:
            return None
        return EXPIRY_MESSAGES.get(self.ended, ENDED_MESSAGE)


def digest(secret: str) -> str:
    """The SHA-256 stored in place of a secret: a stolen database opens no session."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_secret() -> str:
    """256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def open_session(
    login: str,
    method: str,
    binding: str | None = None,
    user_agent: str | None = None,
    now: datetime | None = None,
) -> str:
    """Start a session for a person already authenticated; return its one-time code."""
    now = now or datetime.now()
    code = new_secret()
    with database.connect() as con:
        store.insert_session(
            con, new_secret()[:16], login, method, digest(code), now + CODE_LIFETIME,
            digest(binding) if binding else None, now,
            now + timedelta(hours=config.session_hours()), (user_agent or "")[:200] or None,
        )  # fmt: skip
    return code


def exchange_code(
    code: str, binding: str | None = None, now: datetime | None = None
) -> tuple[str, int] | None:
    """The cookie's token and its lifetime in seconds, or None for a code unknown, used,
    expired or presented by another browser (then it is burnt)."""
    now = now or datetime.now()
    if not code or len(code) > 100:
        return None
    with database.connect() as con:
        row = store.session_by_code(con, digest(code))
        if row is None:
            return None
        if row["code_expires_at"] is None or row["code_expires_at"] < now:
            store.burn_code(con, row["id"], now, "code expiré")
            return None
        if row["binding_hash"] and row["binding_hash"] != digest(binding or ""):
            store.burn_code(con, row["id"], now, "code présenté par un autre navigateur")
            return None
        token = new_secret()
        store.exchange_code(con, row["id"], digest(token), now)
    return token, max(1, int((row["expires_at"] - now).total_seconds()))


def resume(token: str | None, now: datetime | None = None) -> Resumed:
    """The actor a cookie's token opens now; ends the session when it has expired."""
    if not token or len(token) > 100:
        return Resumed(None)
    now = now or datetime.now()
    with database.connect() as con:
        row = store.session_by_token(con, digest(token))
        if row is None:
            return Resumed(None, ended="inconnue")
        if row["ended_at"] is not None:
            return Resumed(None, row["id"], row["method"], row["end_reason"] or "terminée")
        reason = None
        if not row["active"]:
            reason = ENDED_BY_DISABLED
        elif now >= row["expires_at"]:
            reason = ENDED_BY_AGE
        elif now - row["last_seen_at"] > timedelta(minutes=config.idle_minutes()):
            reason = ENDED_BY_IDLE
        if reason is not None:
            store.end_session(con, row["id"], row["login"], now, reason)
            return Resumed(None, row["id"], row["method"], reason)
        if now - row["last_seen_at"] >= TOUCH_EVERY:
            store.touch_session(con, row["id"], now)
    actor = Actor(row["login"], row["role"], row["organisation_id"])
    return Resumed(actor, row["id"], row["method"])


def end_session(session_id: str, login: str, reason: str = ENDED_BY_SIGN_OUT) -> bool:
    """End one of `login`'s sessions (sign-out, or « Mon compte »); whether it was open."""
    with database.connect() as con:
        return store.end_session(con, session_id, login, datetime.now(), reason) > 0


def end_all_sessions(con, login: str, reason: str, now: datetime | None = None) -> None:
    """Inside another unit of work: a password change or disabling ends every session."""
    store.end_sessions_of(con, login, now or datetime.now(), reason)


def active_sessions(login: str) -> list[dict]:
    """`login`'s open sessions, most recent activity first (« Mon compte »)."""
    with database.connect() as con:
        return store.active_sessions(con, login, datetime.now())


def safe_next(path: str | None) -> str:
    """Where to go after sign-in: a path of this site only (no other host, no scheme)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    if any(ord(c) < 32 for c in path) or len(path) > 500:
        return "/"
    return path
