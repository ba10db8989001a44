"""Account administration, shared by the pages and the command line: invitations and reset links,
roles, organisations, enabling and disabling, assignments; and each person's own password.

Every change carries a reason and lands in the history (storage checks the admin role). The last
active administrator can be neither disabled nor demoted. Invitation and reset links are valid
72 hours, once; only their SHA-256 is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from lda_dash import config, storage
from lda_dash.domain.permissions import ROLES, Actor, Role
from lda_dash.services import mail, passwords
from lda_dash.services.accounts import AccountError, add_account, hash_password, slug
from lda_dash.services.sessions import (
    ENDED_BY_DISABLED,
    ENDED_BY_PASSWORD,
    digest,
    end_all_sessions,
    new_secret,
)
from lda_dash.storage import administration as admin_store
from lda_dash.storage import database
from lda_dash.storage import sessions as session_store

LINK_LIFETIME = timedelta(hours=72)
INVITATION_PAGE = "invitation"
INVITATION, RESET = "invitation", "reinitialisation"
LINK_REFUSED = (
    "Ce lien n'est pas valable : il a déjà servi, a expiré (72 heures) ou a été modifié. "
    "Demandez un nouveau lien à l'administration."
)


@dataclass(frozen=True)
class Link:
    """A one-time link to hand to a person (by e-mail or otherwise)."""

    login: str
    url: str
    expires_at: datetime


def clean_text(text: str | None, what: str, limit: int = 120) -> str:
    """A name as typed, refused when it holds line breaks or control characters (they would
    forge lines in e-mail headers and tables)."""
    text = (text or "").strip()
    if not text:
        raise AccountError(f"{what} : champ obligatoire.")
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise AccountError(f"{what} : retours à la ligne et caractères de contrôle refusés.")
    if len(text) > limit:
        raise AccountError(f"{what} : {limit} caractères au plus.")
    return text


def _link(con, actor: Actor, login: str, purpose: str, now: datetime) -> Link:
    token = new_secret()
    session_store.revoke_invitations(con, login, now)
    session_store.insert_invitation(
        con, new_secret()[:16], login, purpose, digest(token), actor.login, now,
        now + LINK_LIFETIME,
    )  # fmt: skip
    url = f"{config.public_url()}/{INVITATION_PAGE}?" + urlencode({"jeton": token})
    return Link(login, url, now + LINK_LIFETIME)


def _organisation_id(con, actor: Actor, name: str | None, reason: str) -> str:
    name = clean_text(name, "Organisation")
    known = admin_store.organisation_by_name(con, name)
    if known is not None:
        return known["id"]
    organisation_id = slug(name)
    if not organisation_id or admin_store.organisation(con, organisation_id) is not None:
        raise AccountError(f"Organisation « {name} » : nom trop proche d'une autre.")
    admin_store.create_organisation(con, actor, organisation_id, name, reason)
    return organisation_id


def invite(
    actor: Actor, login: str, role: str, *, organisation: str | None = None,
    email: str | None = None, display_name: str | None = None, reason: str = "",
    now: datetime | None = None,
) -> Link:  # fmt: skip
    """Create an account without password, and the link through which its person sets one."""
    now = now or datetime.now()
    reason = clean_text(reason, "Motif", 500)
    display = clean_text(display_name or login, "Nom")
    if email:
        email = clean_text(email, "Adresse électronique")
        if "@" not in email or " " in email:
            raise AccountError("Adresse électronique invalide.")
    with database.connect() as con:
        admin_store.record_account_event(con, actor, login.strip().lower(), "invitation", reason)
        organisation_id = None
        if role == Role.PARTENAIRE:
            organisation_id = _organisation_id(con, actor, organisation, reason)
        created = add_account(
            con, login, role, None, display_name=display, email=email,
            organisation_id=organisation_id, author=actor.login,
        )  # fmt: skip
        link = _link(con, actor, created.login, INVITATION, now)
        _mail_link(con, email, link, "Votre compte LDA Dash")
    mail.send_soon()
    return link


def _mail_link(con, email: str | None, link: Link, subject: str) -> None:
    """The link by e-mail too, when the account has an address (sent if SMTP is configured)."""
    if email:
        mail.queue(
            con, "invitation", email, subject,
            f"Bonjour,\n\nUn compte LDA Dash vous attend (identifiant : {link.login}). Choisissez "
            f"votre mot de passe par ce lien, valable une fois jusqu'au "
            f"{link.expires_at:%d/%m/%Y à %H:%M} :\n{link.url}",
        )  # fmt: skip


def reset_link(actor: Actor, login: str, reason: str, now: datetime | None = None) -> Link:
    """A new one-time link to set a password; earlier links stop working."""
    now = now or datetime.now()
    with database.connect() as con:
        record = _account(con, login)
        admin_store.record_account_event(
            con, actor, record["login"], "lien de réinitialisation", reason
        )
        link = _link(con, actor, record["login"], RESET, now)
        _mail_link(con, record["email"], link, "LDA Dash : nouveau mot de passe")
    mail.send_soon()
    return link


def _account(con, login: str) -> dict:
    record = storage.account(con, (login or "").strip().lower())
    if record is None:
        raise AccountError(f"Compte « {login} » inconnu.")
    return record


def _keep_an_admin(con, login: str) -> None:
    if set(admin_store.active_admins(con)) <= {login}:
        raise AccountError(
            "C'est le dernier compte administrateur actif : créez ou activez d'abord un autre "
            "administrateur."
        )


def change_role(actor: Actor, login: str, role: str, organisation: str | None, reason: str) -> None:
    """Change an account's role and organisation (a partner needs one)."""
    if role not in ROLES:
        raise AccountError(f"Rôle « {role} » inconnu.")
    with database.connect() as con:
        record = _account(con, login)
        if record["role"] == Role.ADMIN and role != Role.ADMIN and record["active"]:
            _keep_an_admin(con, record["login"])
        organisation_id = None
        if role == Role.PARTENAIRE:
            organisation_id = _organisation_id(con, actor, organisation, reason)
        old = f"{record['role']} / {record['organisation_id'] or '-'}"
        new = f"{role} / {organisation_id or '-'}"
        admin_store.set_role(con, actor, record["login"], role, organisation_id, old, new, reason)
        end_all_sessions(con, record["login"], "rôle changé")


def set_enabled(actor: Actor, login: str, enabled: bool, reason: str) -> None:
    """Enable or disable an account; disabling ends its sessions at once."""
    with database.connect() as con:
        record = _account(con, login)
        if not enabled and record["role"] == Role.ADMIN and record["active"]:
            _keep_an_admin(con, record["login"])
        admin_store.set_active(con, actor, record["login"], enabled, reason)
        if not enabled:
            end_all_sessions(con, record["login"], ENDED_BY_DISABLED)


def create_organisation(actor: Actor, name: str, reason: str) -> str:
    with database.connect() as con:
        name = clean_text(name, "Organisation")
        if admin_store.organisation_by_name(con, name) is not None:
            raise AccountError(f"L'organisation « {name} » existe déjà.")
        return _organisation_id(con, actor, name, reason)


def rename_organisation(actor: Actor, organisation_id: str, name: str, reason: str) -> None:
    with database.connect() as con:
        name = clean_text(name, "Nouveau nom")
        known = admin_store.organisation(con, organisation_id)
        if known is None:
            raise AccountError("Organisation inconnue.")
        other = admin_store.organisation_by_name(con, name)
        if other is not None and other["id"] != organisation_id:
            raise AccountError(f"L'organisation « {name} » existe déjà.")
        admin_store.rename_organisation(con, actor, organisation_id, known["name"], name, reason)


def set_assignment(
    actor: Actor, convention_id: str, action: int, organisation_id: str, assigned: bool,
    reason: str,
) -> None:  # fmt: skip
    """Entrust an action to an organisation (its partners then report it), or stop."""
    with database.connect() as con:
        if admin_store.organisation(con, organisation_id) is None:
            raise AccountError("Organisation inconnue.")
        numbers = {a["number"] for a in storage.actions(con, convention_id)}
        if action not in numbers:
            raise AccountError(f"Action n° {action} inconnue dans cette convention.")
        admin_store.assign(con, actor, convention_id, action, organisation_id, assigned, reason)


def invitation_login(token: str, now: datetime | None = None) -> str:
    """The login a link is for, or AccountError when it cannot be used."""
    with database.connect() as con:
        return _usable(con, token, now or datetime.now())["login"]


def _usable(con, token: str, now: datetime) -> dict:
    row = session_store.invitation_by_token(con, digest(token or "")) if token else None
    if row is None or row["used_at"] or row["revoked_at"] or row["expires_at"] <= now:
        raise AccountError(LINK_REFUSED)
    return row


def accept_invitation(
    token: str, password: str, confirmation: str, now: datetime | None = None
) -> str:
    """Set the password through a one-time link; the link then stops working."""
    now = now or datetime.now()
    if password != confirmation:
        raise AccountError("Les deux mots de passe ne sont pas identiques.")
    with database.connect() as con:
        row = _usable(con, token, now)
        record = _account(con, row["login"])
        if not record["active"]:
            raise AccountError(LINK_REFUSED)
        password_hash = hash_password(password, record["login"])
        session_store.use_invitation(con, row["id"], now)
        admin_store.set_password_hash(con, record["login"], password_hash)
        end_all_sessions(con, record["login"], ENDED_BY_PASSWORD, now)
        storage.append_history(
            con, record["login"], "account", None, record["login"], None,
            "mot de passe défini par lien", None,
        )  # fmt: skip
        return record["login"]


def change_password(actor: Actor, current: str, new: str, confirmation: str) -> None:
    """« Mon compte »: the current password, then the new one twice; every session ends."""
    from lda_dash.services.accounts import verify_password

    if new != confirmation:
        raise AccountError("Les deux nouveaux mots de passe ne sont pas identiques.")
    with database.connect() as con:
        record = _account(con, actor.login)
        if record["password_hash"] and not verify_password(record["password_hash"], current):
            raise AccountError("Mot de passe actuel incorrect.")
        password_hash = hash_password(new, record["login"])
        admin_store.set_password_hash(con, record["login"], password_hash)
        end_all_sessions(con, record["login"], ENDED_BY_PASSWORD)
        storage.append_history(
            con, actor.login, "account", None, actor.login, None, "mot de passe changé", None
        )


def password_refusal(password: str, login: str | None = None) -> str | None:
    return passwords.refusal(password, login)


def invite_from_form(
    actor: Actor, login: str, role: str, organisation: str, email: str, name: str, reason: str
) -> Link:
    """`invite` with the page's fields, empty ones meaning none."""
    return invite(
        actor, login, role, organisation=organisation.strip() or None,
        email=email.strip() or None, display_name=name.strip() or None, reason=reason,
    )  # fmt: skip
