"""Accounts: argon2id password hashing, sign-in with lockout, account administration.

No Streamlit here: the login page and the command line both call these functions.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from lda_dash import storage
from lda_dash.domain.emails import email_refusal
from lda_dash.domain.permissions import ROLES, Actor, Role
from lda_dash.services import passwords
from lda_dash.services.sessions import ENDED_BY_DISABLED, end_all_sessions
from lda_dash.storage import guards

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 12
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,62}$")
MAX_LOGIN_KEY = 100  # failures of longer strings are counted under their first 100 characters
REFUSED = (
    "Identifiant ou mot de passe incorrect, ou compte temporairement bloqué après "
    f"{MAX_FAILED_ATTEMPTS} essais : réessayez dans 15 minutes."
)
ASK_ADMIN = "demandez votre compte à l'administration."


class AccountError(ValueError):
    """A refused account operation or sign-in; the message says why in French."""


@dataclass(frozen=True)
class SignIn:
    """Outcome of a sign-in attempt; `actor` is set only on success."""

    actor: Actor | None
    message: str


def slug(text: str) -> str:
    """`CCAS de Dijon` → `ccas-de-dijon` (ids of organisations and territories)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def hash_password(password: str, login: str | None = None) -> str:
    """argon2id of an accepted password; AccountError says why one is refused."""
    refused = passwords.refusal(password, login)
    if refused:
        raise AccountError(refused)
    return _hasher.hash(password)


def actor_of(record: dict) -> Actor:
    return Actor(record["login"], record["role"], record["organisation_id"])


def add_account(
    con,
    login: str,
    role: str,
    password: str | None,
    *,
    display_name: str | None = None,
    email: str | None = None,
    organisation: str | None = None,
    is_demo: bool = False,
    organisation_id: str | None = None,
    author: str = "admin",
) -> Actor:
    """Create an account; a partner needs an organisation (created if new), or the id of an
    existing one (`organisation_id`, as the administration page gives it)."""
    login = login.strip().lower()
    if not _LOGIN.match(login):
        raise AccountError(f"identifiant « {login} » invalide (lettres, chiffres, . _ @ -)")
    if role not in ROLES:
        raise AccountError(f"rôle « {role} » inconnu (rôles : {', '.join(ROLES)})")
    if storage.account(con, login) is not None:
        raise AccountError(f"l'identifiant « {login} » existe déjà")
    if role != Role.PARTENAIRE:
        organisation_id = None
    elif organisation_id is None:
        if not organisation or not organisation.strip():
            raise AccountError("un compte partenaire doit être rattaché à une organisation")
        organisation_id = slug(organisation)
        storage.upsert_organisation(con, organisation_id, organisation.strip())
    password_hash = hash_password(password, login) if password else None
    storage.insert_account(
        con, login, display_name or login, email, role, organisation_id, password_hash,
        is_demo=is_demo,
    )  # fmt: skip
    storage.append_history(con, author, "account", None, login, None, role, "Création")
    return Actor(login, role, organisation_id)


def disable_account(con, login: str, author: str = "admin") -> None:
    record = storage.account(con, login)
    if record is None:
        raise AccountError(f"compte « {login} » inconnu")
    if record["role"] == Role.ADMIN and record["active"]:
        others = [a for a in storage.accounts(con) if a["role"] == Role.ADMIN and a["active"]]
        if len(others) <= 1:
            raise AccountError("c'est le dernier compte administrateur actif : il reste actif")
    storage.set_active(con, login, False)
    end_all_sessions(con, login, ENDED_BY_DISABLED)
    storage.append_history(con, author, "account", None, login, "actif", "désactivé", None)


def sign_in(con, login: str, password: str, now: datetime | None = None) -> SignIn:
    """Check a password; five failures in a row block the login string for 15 minutes.

    Unknown login, disabled account, wrong password and blocked login get the same answer after
    the same work (one argon2 verification, one write), so that neither the message nor the time
    tells whether a login exists (issue 15 §7). Failures are counted per login string.
    """
    now = now or datetime.now()
    key = login.strip().lower()[:MAX_LOGIN_KEY]
    record = storage.account(con, key)
    stored = record["password_hash"] if record is not None else None
    matched = verify_password(stored or dummy_hash(), password) and stored is not None
    failures, blocked_until = storage.login_attempt(con, key)
    blocked = blocked_until is not None and blocked_until > now
    if matched and record["active"] and not blocked:
        storage.record_login_success(con, key, now)
        return SignIn(actor_of(record), "Connexion réussie.")
    if blocked:  # the same write as a failure, so that a blocked login costs the same
        storage.record_login_failure(con, key, failures, blocked_until)
    else:
        failures += 1
        until = now + LOCKOUT if failures >= MAX_FAILED_ATTEMPTS else None
        storage.record_login_failure(con, key, 0 if until else failures, until)
    return SignIn(None, REFUSED)


def verify_password(password_hash: str, password: str) -> bool:
    """One argon2 verification; False for any mismatch or unreadable hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@cache
def dummy_hash() -> str:
    """A hash no password matches, verified for unknown logins so that they cost the same."""
    return _hasher.hash(secrets.token_hex(32))


def sign_in_by_email(
    con, email: str | None, verified: bool | None = None, now: datetime | None = None
) -> SignIn:
    """Single sign-on: map the identity the provider vouched for to exactly one active account.

    Refused: no e-mail, an e-mail the provider says is not verified, a look-alike spelling, and
    an address two accounts share (never pick one of them arbitrarily).
    """
    refusal = email_refusal(email)
    if refusal:
        return SignIn(None, f"Connexion unique refusée : {refusal} ; {ASK_ADMIN}")
    if verified is False:
        return SignIn(
            None, f"Connexion unique refusée : adresse électronique non vérifiée ; {ASK_ADMIN}"
        )
    matches = storage.accounts_by_email(con, email)
    if not matches:
        # The address is not echoed: the page shows messages as Markdown, and it is not ours.
        return SignIn(None, f"Aucun compte actif pour cette adresse électronique : {ASK_ADMIN}")
    if len(matches) > 1:
        return SignIn(
            None,
            "Connexion unique refusée : plusieurs comptes portent cette adresse ; "
            "l'administration doit n'en garder qu'un.",
        )
    record = matches[0]
    storage.record_login_success(con, record["login"], now or datetime.now())
    return SignIn(actor_of(record), "Connexion réussie.")


def session_refusal(con, actor: Actor) -> str | None:
    """Why a session opened as `actor` must end now, or None; read at every rerun, so that
    `user disable` or a change of role takes effect on sessions already open."""
    record = storage.account(con, actor.login)
    if record is None or not record["active"]:
        return "Votre compte a été désactivé ou supprimé : vous avez été déconnecté."
    if (record["role"], record["organisation_id"]) != (actor.role, actor.organisation_id):
        return (
            "Votre rôle ou votre organisation a changé : vous avez été déconnecté, "
            "reconnectez-vous pour retrouver vos pages."
        )
    if record["is_demo"] and not guards.demo_only(con):
        return DEMO_OFF
    return None


def demo_sign_in(con, login: str) -> SignIn:
    """One-click sign-in of a demo profile, only in a database holding nothing but
    demonstration data (checked here, at the click, not only when the page was drawn)."""
    record = storage.account(con, login)
    if record is None or not record["is_demo"] or not record["active"]:
        return SignIn(None, "Ce profil de démonstration n'existe pas.")
    if not guards.demo_only(con):
        return SignIn(None, DEMO_OFF)
    storage.record_login_success(con, login, datetime.now())
    return SignIn(actor_of(record), "Connexion réussie.")


DEMO_OFF = (
    "Les profils de démonstration sont désactivés : cette base contient des comptes ou des "
    "chiffres réels. Connectez-vous avec votre identifiant et votre mot de passe."
)
