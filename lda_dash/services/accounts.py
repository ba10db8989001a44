"""Accounts: argon2id password hashing, sign-in with lockout, account administration.

No Streamlit here: the login page and the command line both call these functions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from lda_dash import storage
from lda_dash.domain.permissions import ROLES, Actor, Role
from lda_dash.services import passwords
from lda_dash.services.sessions import ENDED_BY_DISABLED, end_all_sessions

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 12
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,62}$")


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


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


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
    """Check a password; five failures in a row lock the account for 15 minutes."""
    now = now or datetime.now()
    record = storage.account(con, login.strip().lower())
    refused = SignIn(None, "Identifiant ou mot de passe incorrect.")
    if record is None or not record["active"]:
        return refused
    if record["locked_until"] is not None and record["locked_until"] > now:
        until = record["locked_until"].strftime("%H:%M")
        return SignIn(
            None, f"Compte verrouillé après {MAX_FAILED_ATTEMPTS} échecs, jusqu'à {until}."
        )
    try:
        if not record["password_hash"]:
            raise VerificationError("no password")
        _hasher.verify(record["password_hash"], password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        attempts = record["failed_attempts"] + 1
        locked = now + LOCKOUT if attempts >= MAX_FAILED_ATTEMPTS else None
        storage.record_login_failure(con, record["login"], 0 if locked else attempts, locked)
        if locked:
            return SignIn(
                None,
                f"Compte verrouillé pour 15 minutes après {MAX_FAILED_ATTEMPTS} échecs.",
            )
        return refused
    storage.record_login_success(con, record["login"], now)
    return SignIn(actor_of(record), "Connexion réussie.")


def sign_in_by_email(con, email: str, now: datetime | None = None) -> SignIn:
    """Single sign-on: the identity provider vouched for the e-mail; map it to an account."""
    record = storage.account_by_email(con, email)
    if record is None:
        return SignIn(None, f"Aucun compte actif pour {email} : demandez-le à l'administration.")
    storage.record_login_success(con, record["login"], now or datetime.now())
    return SignIn(actor_of(record), "Connexion réussie.")
