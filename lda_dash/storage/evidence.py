"""Evidence documents attached to figures and the per-indicator requirement: the only SQL."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from datetime import datetime

from lda_dash.domain.model import QuarterFigure
from lda_dash.storage.base import Connection, _dicts, has_table

INSERT_DOCUMENT = """
INSERT INTO document (id, convention_id, action_number, code, year, quarter, file_name,
    media_type, size_bytes, sha256, content, uploaded_by, uploaded_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
DOCUMENTS = """
SELECT id, action_number, code, year, quarter, file_name, media_type, size_bytes, sha256,
    uploaded_by, uploaded_at
FROM document WHERE convention_id = ? AND (? IS NULL OR year = ?)
ORDER BY action_number, code, year, quarter, uploaded_at
"""
CONTENT = "SELECT file_name, media_type, content FROM document WHERE convention_id = ? AND id = ?"
REQUIREMENTS = """
SELECT action_number, code FROM evidence_requirement WHERE convention_id = ? AND required
"""
SET_REQUIREMENT = """
INSERT INTO evidence_requirement (convention_id, action_number, code, required, set_by, set_at)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (convention_id, action_number, code) DO UPDATE SET required = excluded.required,
    set_by = excluded.set_by, set_at = excluded.set_at
"""
EVIDENCED_KEYS = """
SELECT DISTINCT action_number, code, year, quarter FROM document WHERE convention_id = ?
"""
MODES = "SELECT action_number, code, mode FROM indicator WHERE convention_id = ?"


def insert_document(
    con: Connection, convention_id: str, key: tuple[int, str, int, int], file_name: str,
    media_type: str, content: bytes, login: str, now: datetime,
) -> str:  # fmt: skip
    """Store an already checked file; returns its id."""
    document_id = uuid.uuid4().hex
    con.execute(
        INSERT_DOCUMENT,
        [document_id, convention_id, *key, file_name, media_type, len(content),
         hashlib.sha256(content).hexdigest(), content, login, now],
    )  # fmt: skip
    return document_id


def documents(con: Connection, convention_id: str, year: int | None = None) -> list[dict]:
    """Every document's description (not its bytes), per figure then upload time."""
    if not has_table(con, "document"):
        return []
    return _dicts(con.execute(DOCUMENTS, [convention_id, year, year]))


def document_content(con: Connection, convention_id: str, document_id: str) -> dict | None:
    """{file_name, media_type, content} of one document, None when absent."""
    rows = _dicts(con.execute(CONTENT, [convention_id, document_id]))
    return rows[0] if rows else None


def required_evidence(con: Connection, convention_id: str) -> set[tuple[int, str]]:
    """(action, code) of the indicators whose figures need a document (coordination setting)."""
    return {tuple(row) for row in con.execute(REQUIREMENTS, [convention_id]).fetchall()}


def set_required_evidence(
    con: Connection, convention_id: str, key: tuple[int, str], required: bool, login: str
) -> None:
    con.execute(SET_REQUIREMENT, [convention_id, *key, required, login, datetime.now()])


def missing_evidence_refusal(
    con: Connection, convention_id: str, figures: Iterable[QuarterFigure]
) -> str | None:
    """Why these figures cannot be submitted: a required document is missing, or None.

    Applies to submitted figures of an indicator the coordination marked: a milestone (jalon)
    only when marked produced (1), any other indicator whenever it is submitted.
    """
    if not has_table(con, "evidence_requirement"):
        return None
    required = required_evidence(con, convention_id)
    submitted = [f for f in figures if f.status == "submitted" and (f.action, f.code) in required]
    if not submitted:
        return None
    modes = {(a, c): m for a, c, m in con.execute(MODES, [convention_id]).fetchall()}
    evidenced = {tuple(row) for row in con.execute(EVIDENCED_KEYS, [convention_id]).fetchall()}
    for fig in submitted:
        if modes.get((fig.action, fig.code)) == "jalon" and fig.value != 1:
            continue
        if (fig.action, fig.code, fig.year, fig.quarter) not in evidenced:
            return (
                f"action {fig.action} · {fig.code} · {fig.year} T{fig.quarter} : la coordination "
                "demande une pièce justificative ; joignez le document (par exemple le bilan "
                "annuel) avant de soumettre"
            )
    return None
