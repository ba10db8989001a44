"""What the « Avenants » page reads and writes: the amendments, a preview, the recording."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from lda_dash import fmt
from lda_dash.domain.amendments import Amendment, Change, amendment_refusal
from lda_dash.domain.numbers import NotANumber, parse_decimal
from lda_dash.domain.permissions import Actor
from lda_dash.importers.amendment_file import TargetsFileError, read_targets_file
from lda_dash.services.amendments import (
    AmendmentRefused,
    change_line,
    planned_changes,
    record_amendment,
    targets_in_force,
)
from lda_dash.services.context import Context, Selection, page_unit_of_work, unit_of_work
from lda_dash.storage import amendments as store

TARGETS_HEADER = "action;indicateur;cible\n"


@dataclass(frozen=True)
class AmendmentsData:
    context: Context
    amendments: list[Amendment]


@dataclass(frozen=True)
class AmendmentDraft:
    """What the form asked for, checked and ready to preview or record."""

    year: int
    amended_on: date
    reference: str
    payment: Decimal | None
    targets: dict[tuple[int, str], Decimal]
    reason: str


def load_amendments(path: Path | str | None, wanted: Selection) -> AmendmentsData:
    with page_unit_of_work(path, wanted) as (con, context, _):
        return AmendmentsData(context, store.amendments(con, context.convention_id))


def amendment_rows(found: list[Amendment]) -> list[dict]:
    """One row per amendment, most recent first, for the page's table."""
    return [
        {
            "Date": fmt.day(a.amended_on),
            "Référence": a.reference,
            "Année": str(a.year),
            "Changements": " ; ".join(change_line(c) for c in a.changes),
            "Motif": a.reason,
            "Enregistré par": a.author,
        }
        for a in reversed(found)
    ]


def read_draft(
    path, convention_id: str, *, year: int, day_text: str, reference: str, payment_text: str,
    targets_text: str, upload: bytes | None, reason: str,
) -> AmendmentDraft:  # fmt: skip
    """The form's fields read and checked; raises AmendmentRefused with every problem found."""
    try:
        amended_on = datetime.strptime(day_text.strip(), "%d/%m/%Y").date()
    except ValueError as exc:
        raise AmendmentRefused(f"date illisible « {day_text} » (attendu JJ/MM/AAAA)") from exc
    try:
        payment = parse_decimal(payment_text)
    except NotANumber as exc:
        raise AmendmentRefused(f"versement : {exc}") from exc
    targets: dict[tuple[int, str], Decimal] = {}
    with unit_of_work(path) as con:
        specs = targets_in_force(con, convention_id, amended_on)
    for label, data in (("fichier", upload), ("saisie", _typed(targets_text))):
        if not data:
            continue
        try:
            read = read_targets_file(data, specs)
        except TargetsFileError as exc:
            raise AmendmentRefused(f"cibles ({label}) : {exc}") from exc
        if read.errors:
            lines = " ; ".join(f"ligne {n} : {m}" for n, m in read.errors)
            raise AmendmentRefused(f"cibles ({label}) : {lines}")
        targets.update(read.targets)
    return AmendmentDraft(year, amended_on, reference.strip(), payment, targets, reason.strip())


def _typed(text: str) -> bytes | None:
    """Lines typed as `action;indicateur;cible`, with the header added when left out."""
    if not text.strip():
        return None
    first = text.strip().splitlines()[0].lower()
    return (text if first.startswith("action") else TARGETS_HEADER + text).encode("utf-8")


def preview(path, convention_id: str, draft: AmendmentDraft) -> list[Change]:
    """The changes before → after; a decided year is refused here already, before confirming."""
    with unit_of_work(path) as con:
        decided_on = store.decision_day(con, convention_id, draft.year)
        if refusal := amendment_refusal(draft.year, draft.amended_on, decided_on):
            raise AmendmentRefused(refusal)
        return planned_changes(
            con, convention_id, draft.year, draft.amended_on, draft.payment, draft.targets
        )


def record(path, convention_id: str, actor: Actor, draft: AmendmentDraft) -> Amendment:
    with unit_of_work(path) as con:
        return record_amendment(
            con, convention_id, actor, year=draft.year, amended_on=draft.amended_on,
            reference=draft.reference, payment=draft.payment, targets=draft.targets,
            reason=draft.reason,
        )  # fmt: skip
