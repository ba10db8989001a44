"""Who may change what (DOMAIN.md section 9): rules the storage layer applies at every write."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lda_dash.domain.workflow import PARTNER_EDITABLE, FigureStatus


class Role(StrEnum):
    """Who someone is in the plan (DOMAIN.md section 9); the stored value is the enum's value."""

    PARTENAIRE = "partenaire"
    COORDINATION = "coordination"
    PREFECTURE = "prefecture"
    ADMIN = "admin"


ROLES = tuple(Role)
ROLE_LABELS = {
    Role.PARTENAIRE: "Partenaire",
    Role.COORDINATION: "Coordination",
    Role.PREFECTURE: "Préfecture",
    Role.ADMIN: "Administration",
}


@dataclass(frozen=True)
class Actor:
    """Who is acting: an account's login, role and organisation (None outside partners).

    `trusted_import` marks the command line run by an administrator on the server (DOMAIN.md 11):
    its figures are recorded as validated.
    """

    login: str
    role: str
    organisation_id: str | None = None
    trusted_import: bool = False


class PermissionDenied(PermissionError):
    """The actor may not do this; the message says why in French."""


def figure_write_refusal(
    actor: Actor,
    assigned_organisations: set[str],
    current_status: str | None,
    new_status: str,
    year_locked: bool,
) -> str | None:
    """Why `actor` may not write this figure, or None when it may."""
    if year_locked:
        return "l'année est verrouillée après la décision de reversement (déverrouillage : admin)"
    if actor.trusted_import:
        return None
    if actor.role != Role.PARTENAIRE:
        return f"le rôle « {actor.role} » ne saisit pas de chiffres (rôle partenaire requis)"
    if actor.organisation_id not in assigned_organisations:
        return "cette action n'est pas confiée à votre organisation"
    if current_status not in PARTNER_EDITABLE:
        shown = {FigureStatus.SUBMITTED: "soumis", FigureStatus.VALIDATED: "validé"}.get(
            current_status, current_status
        )
        return f"ce chiffre est déjà {shown} : la coordination doit d'abord vous le renvoyer"
    if new_status not in (FigureStatus.DRAFT, FigureStatus.SUBMITTED):
        return (
            "un partenaire enregistre un brouillon ou soumet ; "
            "la validation revient à la coordination"
        )
    return None


def review_refusal(actor: Actor, current_status: str | None, year_locked: bool) -> str | None:
    """Why `actor` may not validate or return this figure, or None when it may."""
    if actor.role != Role.COORDINATION:
        return "seule la coordination valide ou renvoie les chiffres"
    if year_locked:
        return "l'année est verrouillée après la décision de reversement"
    if current_status != FigureStatus.SUBMITTED:
        return "seul un chiffre soumis peut être validé ou renvoyé"
    return None


def require(refusal: str | None) -> None:
    if refusal is not None:
        raise PermissionDenied(refusal)


def may(actor: Actor, what: str) -> bool:
    """Coarse capabilities per role, for writes other than figures (DOMAIN.md section 9)."""
    allowed = {
        Role.PARTENAIRE: set(),
        Role.COORDINATION: {"targets", "allocation", "review", "presentation"},
        Role.PREFECTURE: {"decision"},
        Role.ADMIN: {"accounts", "assignments", "settings", "locks"},
    }
    # Amendments change the convention: coordination and administration. Evidence may hold
    # personal data: partners open only their own actions' documents (lda_dash.services.evidence).
    for role in ("coordination", "admin"):
        allowed[role].add("amendments")
    for role in ("coordination", "prefecture", "admin"):
        allowed[role].add("evidence")
    return what in allowed.get(actor.role, set())
