"""Evidence as use cases (issue 16): attach a checked document to a figure, open it, list it,
and the coordination's per-indicator requirement."""

from __future__ import annotations

from datetime import datetime

from lda_dash import fmt, storage
from lda_dash.domain.evidence import CheckedFile, EvidenceRefused, check_file
from lda_dash.domain.permissions import Actor, PermissionDenied, may
from lda_dash.storage import evidence as store

FigureKey = tuple[int, str, int, int]  # action, code, year, quarter

__all__ = ["EvidenceRefused", "attach_document", "evidence_lines", "open_document"]


def attach_document(
    con, convention_id: str, actor: Actor, key: FigureKey, name: str, data: bytes,
    *, now: datetime | None = None,
) -> str:  # fmt: skip
    """Check the file by its content, then store it against the figure; returns its id.

    Only a partner of an organisation the action is assigned to (or the trusted command line)
    attaches evidence, and not to a year locked by its clawback decision.
    """
    checked: CheckedFile = check_file(name, data)
    action, _, year, _ = key
    if storage.is_year_locked(con, convention_id, year):
        raise PermissionDenied("l'année est verrouillée après la décision de reversement")
    if not actor.trusted_import:
        if actor.role != "partenaire":
            raise PermissionDenied("seul un partenaire joint une pièce justificative")
        if actor.organisation_id not in storage.assigned_organisations(con, convention_id, action):
            raise PermissionDenied("cette action n'est pas confiée à votre organisation")
    document_id = store.insert_document(
        con, convention_id, key, checked.file_name, checked.media_type, data, actor.login,
        now or datetime.now(),
    )  # fmt: skip
    storage.append_history(
        con, actor.login, "evidence", convention_id,
        f"action {action} · {key[1]} · {year} T{key[3]}", None,
        f"pièce jointe {checked.file_name} ({fmt_size(len(data))})", "Pièce justificative",
    )  # fmt: skip
    return document_id


def open_document(con, convention_id: str, document_id: str) -> dict:
    """The document's name, media type and bytes, for a download button."""
    found = store.document_content(con, convention_id, document_id)
    if found is None:
        raise EvidenceRefused("document introuvable")
    return found


def set_requirement(
    con, convention_id: str, actor: Actor, key: tuple[int, str], required: bool
) -> None:
    """The coordination decides which indicators need a document before submission."""
    if not may(actor, "targets"):
        raise PermissionDenied("seule la coordination exige des pièces justificatives")
    store.set_required_evidence(con, convention_id, key, required, actor.login)
    storage.append_history(
        con, actor.login, "setting", convention_id, f"action {key[0]} · {key[1]}",
        None, "pièce exigée" if required else "pièce facultative", "Pièces justificatives",
    )  # fmt: skip


def fmt_size(size: int) -> str:
    """« 12,3 ko » or « 1,2 Mo »."""
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} ko".replace(".", ",")
    return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")


def evidence_lines(
    con, convention_id: str, year: int | None = None, actor: Actor | None = None
) -> list[dict]:
    """The evidence of a year as rows for pages and reports (figure, file, size, who, when).

    With an `actor`, only what it may open: everything for the coordination, the préfecture
    and the administration; a partner, the documents of the actions entrusted to it.
    """
    visible = None
    if actor is not None and not may(actor, "evidence"):
        visible = {
            action
            for action in {d["action_number"] for d in store.documents(con, convention_id, year)}
            if actor.organisation_id in storage.assigned_organisations(con, convention_id, action)
        }
    return [
        {
            "id": d["id"],
            "Action": d["action_number"],
            "Indicateur": d["code"],
            "Chiffre": f"{d['year']} T{d['quarter']}",
            "Fichier": d["file_name"],
            "Taille": fmt_size(d["size_bytes"]),
            "Déposé par": d["uploaded_by"],
            "Le": fmt.moment(d["uploaded_at"]),
        }
        for d in store.documents(con, convention_id, year)
        if visible is None or d["action_number"] in visible
    ]


def required_evidence(con, convention_id: str) -> set[tuple[int, str]]:
    """The indicators whose figures need a document before submission (the coordination's
    setting)."""
    return store.required_evidence(con, convention_id)


def documents(con, convention_id: str, year: int) -> list[dict]:
    """The documents attached to the year's figures (without their bytes)."""
    return store.documents(con, convention_id, year)
