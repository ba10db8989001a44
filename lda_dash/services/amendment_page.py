"""What the « Avenants » page reads and writes: the amendments, the values in force for a year,
a preview before → after, the recording."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from lda_dash import fmt, storage
from lda_dash.domain.amendments import Amendment, Change, amendment_refusal
from lda_dash.domain.model import SPENDING_CODE
from lda_dash.domain.numbers import NotANumber, parse_decimal
from lda_dash.domain.permissions import Actor
from lda_dash.importers.amendment_file import (
    ALLOCATION,
    HEADERS,
    TARGETS,
    WEIGHTS,
    WHAT,
    TargetsFileError,
    read_amendment_file,
)
from lda_dash.services.amendments import (
    AmendmentRefused,
    names_of,
    planned_changes,
    record_amendment,
)
from lda_dash.services.context import Context, Selection, page_unit_of_work, unit_of_work
from lda_dash.services.control import ControlRefused, load_allocation
from lda_dash.services.in_force import specs_of_year
from lda_dash.storage import amendments as store
from lda_dash.words.amendments import Names, change_line


@dataclass(frozen=True)
class AmendmentsData:
    context: Context
    amendments: list[Amendment]
    names: Names


@dataclass(frozen=True)
class AmendmentDraft:
    """What the form asked for, checked and ready to preview or record."""

    year: int
    amended_on: date
    reference: str
    payment: Decimal | None
    targets: dict[tuple[int, str], Decimal]
    reason: str
    weights: dict[tuple[int, str], Decimal] | None = None
    allocation: dict[int, Decimal] | None = None


def load_amendments(path: Path | str | None, wanted: Selection) -> AmendmentsData:
    with page_unit_of_work(path, wanted) as (con, context, _):
        cid = context.convention_id
        return AmendmentsData(context, store.amendments(con, cid), names_of(con, cid))


def amendment_rows(found: list[Amendment], names: Names) -> list[dict]:
    """One row per amendment, most recent first, for the page's table."""
    return [
        {
            "Date": fmt.day(a.amended_on),
            "Référence": a.reference,
            "Année": str(a.year),
            "Changements": " ; ".join(change_line(c, names) for c in a.changes),
            "Motif": a.reason,
            "Enregistré par": a.author,
        }
        for a in reversed(found)
    ]


def values_in_force(path, convention_id: str, year: int, as_of: date) -> tuple[list, list]:
    """The year's weights (indicators with a target) and allocation in force on `as_of`, with
    the codes an amendment's lines use, for the form's reference tables."""
    with unit_of_work(path) as con:
        specs = specs_of_year(con, convention_id, year, as_of)
        titles = {a["number"]: a["title"] for a in storage.actions(con, convention_id)}
        try:
            shares, _ = load_allocation(con, convention_id, year, as_of)
        except ControlRefused:  # no payment for the year yet: nothing shared
            shares = {}
    weights = [
        {
            "Action": str(spec.action),
            "Code": spec.code,
            "Indicateur": spec.label,
            "Cible": fmt.number(spec.target(year)),
            "Poids": fmt.number(spec.weight, 2),
        }
        for spec in specs.values()
        if spec.code != SPENDING_CODE and spec.target(year) is not None
    ]
    allocation = [
        {"Action": str(action), "Intitulé": titles.get(action, ""), "Part": fmt.money(amount, 2)}
        for action, amount in sorted(shares.items())
    ]
    return weights, allocation


def read_draft(
    path, convention_id: str, *, year: int, day_text: str, reference: str, payment_text: str,
    targets_text: str, upload: bytes | list[bytes] | None, reason: str,
    weights_text: str = "", allocation_text: str = "",
) -> AmendmentDraft:  # fmt: skip
    """The form's fields read and checked; raises AmendmentRefused with every problem found.

    Lines typed in each box and uploaded CSV files (each told by its header) are read alike.
    """
    try:
        amended_on = datetime.strptime(day_text.strip(), "%d/%m/%Y").date()
    except ValueError as exc:
        raise AmendmentRefused(f"date illisible « {day_text} » (attendu JJ/MM/AAAA)") from exc
    try:
        payment = parse_decimal(payment_text)
    except NotANumber as exc:
        raise AmendmentRefused(f"versement : {exc}") from exc
    with unit_of_work(path) as con:
        specs = specs_of_year(con, convention_id, year, amended_on)
        actions = {a["number"] for a in storage.actions(con, convention_id)}
    uploads = upload if isinstance(upload, list) else [upload] if upload else []
    sources = [(f"fichier {n}", data) for n, data in enumerate(uploads, start=1)] + [
        ("saisie", _typed(text, kind))
        for text, kind in (
            (targets_text, TARGETS), (weights_text, WEIGHTS), (allocation_text, ALLOCATION)
        )
    ]  # fmt: skip
    values: dict[str, dict] = {TARGETS: {}, WEIGHTS: {}, ALLOCATION: {}}
    problems = []
    for label, data in sources:
        if not data:
            continue
        try:
            read = read_amendment_file(data, specs, actions)
        except TargetsFileError as exc:
            problems.append(f"{label} : {exc}")
            continue
        where = f"{WHAT[read.kind]} ({label})"
        problems += [f"{where} : ligne {n} : {m}" for n, m in read.errors]
        values[read.kind].update(read.targets)
    if problems:
        raise AmendmentRefused(" ; ".join(problems))
    return AmendmentDraft(
        year, amended_on, reference.strip(), payment, values[TARGETS], reason.strip(),
        values[WEIGHTS], values[ALLOCATION],
    )  # fmt: skip


def _typed(text: str, kind: str) -> bytes | None:
    """Lines typed as the kind's CSV, with the header added when left out."""
    if not text.strip():
        return None
    first = text.strip().splitlines()[0].lower()
    header = ";".join(HEADERS[kind]) + "\n"
    return (text if first.startswith("action") else header + text).encode("utf-8")


def preview(path, convention_id: str, draft: AmendmentDraft) -> tuple[list[Change], Names]:
    """The changes before → after, in words; a decided year is refused here already, and so is
    an allocation that does not make the payment, before confirming."""
    with unit_of_work(path) as con:
        decided_on = store.decision_day(con, convention_id, draft.year)
        if refusal := amendment_refusal(draft.year, draft.amended_on, decided_on):
            raise AmendmentRefused(refusal)
        changes = planned_changes(
            con, convention_id, draft.year, draft.amended_on, draft.payment, draft.targets,
            draft.weights, draft.allocation,
        )  # fmt: skip
        return changes, names_of(con, convention_id)


def record(path, convention_id: str, actor: Actor, draft: AmendmentDraft) -> Amendment:
    with unit_of_work(path) as con:
        return record_amendment(
            con, convention_id, actor, year=draft.year, amended_on=draft.amended_on,
            reference=draft.reference, payment=draft.payment, targets=draft.targets,
            weights=draft.weights, allocation=draft.allocation, reason=draft.reason,
        )  # fmt: skip
