"""Amendments as use cases (DOMAIN.md section 13): record one, read the targets and payment in
force at a date, say which amendment a year's values come from, seed the Dijon steps."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal

from lda_dash import fmt, storage
from lda_dash.domain.amendments import (
    CHANGE_LABELS,
    Amendment,
    Change,
    ChangeKind,
    Step,
    amendment_refusal,
    latest_on_or_before,
    value_in_force,
)
from lda_dash.domain.model import IndicatorSpec
from lda_dash.domain.permissions import Actor, may
from lda_dash.storage import amendments as store

TargetKey = tuple[int, str]
YEARS_AHEAD = 20  # a plan runs 5 years; the same bound as accepted figure years


class AmendmentRefused(ValueError):
    """An amendment that cannot be recorded; the message says why in French."""


def _steps(found: list[Amendment], kind: ChangeKind) -> dict[tuple, list[Step]]:
    """(year, action, indicator) → the steps that set it, in date order."""
    steps: dict[tuple, list[Step]] = {}
    for amendment in found:  # already ordered by date, then recording
        for change in amendment.changes:
            if change.kind == kind:
                key = (amendment.year, change.action, change.indicator)
                steps.setdefault(key, []).append(
                    Step(amendment.amended_on, change.before, change.after)
                )
    return steps


def targets_in_force(con, convention_id: str, as_of: date) -> dict[TargetKey, IndicatorSpec]:
    """The catalogue with, for each year, the targets in force on `as_of` (section 13).

    Progress and forecast read their targets here, so `--as-of` before an amendment still
    judges the year against the targets it replaced.
    """
    specs = storage.indicator_specs(con, convention_id)
    steps = _steps(store.amendments(con, convention_id), ChangeKind.TARGET)
    if not steps:
        return specs
    in_force = {}
    for key, spec in specs.items():
        targets = dict(spec.targets)
        for (year, action, code), year_steps in steps.items():
            if (action, code) == key:
                targets[year] = value_in_force(year_steps, targets.get(year), as_of)
        in_force[key] = dataclasses.replace(spec, targets=targets)
    return in_force


def payment_in_force(con, convention_id: str, year: int, as_of: date) -> Decimal | None:
    """The year's payment in force on `as_of`; the stored one is the latest (reversement's)."""
    current = storage.payments(con, convention_id).get(year)
    steps = _steps(store.amendments(con, convention_id), ChangeKind.PAYMENT)
    return value_in_force(steps.get((year, None, None), []), current, as_of)


def source_of_year(con, convention_id: str, year: int, as_of: date | None = None):
    """The amendment a year's targets and payment come from on `as_of` (default: today)."""
    found = store.amendments(con, convention_id)
    return latest_on_or_before(found, year, as_of or date.today())


def source_line(con, convention_id: str, year: int, as_of: date | None = None) -> str | None:
    """« Cibles et versement : Avenant 2022 du 25/05/2022 », or None without any amendment."""
    amendment = source_of_year(con, convention_id, year, as_of)
    return None if amendment is None else f"Cibles et versement : {amendment.label()}"


def planned_changes(
    con, convention_id: str, year: int, amended_on: date,
    payment: Decimal | None, targets: dict[TargetKey, Decimal],
) -> list[Change]:  # fmt: skip
    """What the amendment sets, before → after as in force on its date (the preview). A value
    restated unchanged is kept: the signed text restates it, and the source line names it."""
    changes = []
    if payment is not None:
        before = payment_in_force(con, convention_id, year, amended_on)
        changes.append(Change(ChangeKind.PAYMENT, None, None, before, Decimal(payment)))
    specs = targets_in_force(con, convention_id, amended_on)
    for key, after in sorted(targets.items()):
        if key not in specs:
            raise AmendmentRefused(f"indicateur inconnu : action {key[0]} · {key[1]}")
        before = specs[key].target(year)
        changes.append(Change(ChangeKind.TARGET, key[0], key[1], before, Decimal(after)))
    return changes


def record_amendment(
    con, convention_id: str, actor: Actor, *, year: int, amended_on: date, reference: str,
    payment: Decimal | None = None, targets: dict[TargetKey, Decimal] | None = None,
    reason: str = "", now: datetime | None = None,
) -> Amendment:  # fmt: skip
    """Check and store an amendment; the current values follow it unless a later one exists.

    Refused (storage level) for a role other than coordination, admin or a trusted import, a missing
    reference, a year outside the convention's plan, no change at all, or a decided year.
    """
    if not (actor.trusted_import or may(actor, "amendments")):
        raise AmendmentRefused("seule la coordination (ou l'administration) enregistre un avenant")
    reference = (reference or "").strip()
    if not reference:
        raise AmendmentRefused("la référence de l'avenant est obligatoire (ex. « Avenant 2022 »)")
    convention = next(c for c in storage.conventions(con) if c["id"] == convention_id)
    first = convention["first_year"]
    if not first <= year < first + YEARS_AHEAD:
        raise AmendmentRefused(f"l'année {year} est hors du plan ({first}-{first + 19})")
    refusal = amendment_refusal(year, amended_on, store.decision_day(con, convention_id, year))
    if refusal:
        raise AmendmentRefused(refusal)
    if payment is not None and Decimal(payment) < 0:
        raise AmendmentRefused("le versement ne peut pas être négatif")
    changes = planned_changes(con, convention_id, year, amended_on, payment, targets or {})
    if not changes:
        raise AmendmentRefused("l'avenant ne fixe ni versement ni cible (--payment, --targets)")
    now = now or datetime.now()
    later = [
        a for a in store.amendments(con, convention_id)
        if a.year == year and a.amended_on > amended_on
    ]  # fmt: skip
    amendment_id = store.insert_amendment(
        con, convention_id, year, amended_on, reference, reason.strip(), actor.login, changes,
        now=now,
    )  # fmt: skip
    amendment = Amendment(
        amendment_id, year, amended_on, reference, reason.strip(), actor.login, now, tuple(changes)
    )
    for change in changes:
        _apply(con, convention_id, amendment, change, later)
    return amendment


def _apply(con, convention_id: str, amendment: Amendment, change: Change, later) -> None:
    """Make the change current (unless a later amendment sets the same value) and log it."""
    overridden = any(
        (c.kind, c.action, c.indicator) == (change.kind, change.action, change.indicator)
        for a in later
        for c in a.changes
    )
    label = amendment.label()
    if not overridden and change.kind == ChangeKind.PAYMENT:
        store.apply_payment(con, convention_id, amendment.year, change.after, label)
    elif not overridden and change.kind == ChangeKind.TARGET:
        store.apply_target(
            con, convention_id, (change.action, change.indicator), amendment.year, change.after
        )
    storage.append_history(
        con, amendment.author, "amendment", convention_id,
        f"{label} · année {amendment.year} · {change_text(change)}",
        None if change.before is None else str(change.before), str(change.after),
        amendment.reason or label, now=amendment.created_at,
    )  # fmt: skip


def change_text(change: Change) -> str:
    """« cible action 2 · CAPT » or « versement », what a change is about, in French."""
    if change.action is None:
        return CHANGE_LABELS[change.kind]
    return f"{CHANGE_LABELS[change.kind]} action {change.action} · {change.indicator}"


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def amendment_records(found: list[Amendment]) -> list[dict]:
    """`amendment list --format json`: keys fixed, documented in the README."""
    return [
        {
            "year": a.year,
            "date": a.amended_on.isoformat(),
            "reference": a.reference,
            "changes": [
                {
                    "kind": c.kind.value,
                    "action": c.action,
                    "indicator": c.indicator,
                    "before": _json_number(c.before),
                    "after": _json_number(c.after),
                }
                for c in a.changes
            ],
        }
        for a in found
    ]


def change_line(change: Change) -> str:
    """« cible action 2 · CAPT : 40 → 45 », for tables and previews."""
    show = fmt.money if change.kind == ChangeKind.PAYMENT else fmt.number
    before = "—" if change.before is None else show(change.before)
    return f"{change_text(change)} : {before} → {show(change.after)}"


def seed_amendments(con, convention_id: str, steps: list[dict], specs, payments) -> int:
    """Record the convention's own steps (data/<territory>/convention.json "amendments") once.

    They set the values the data files already hold (before: none), so reading at any date
    gives what it gave before amendments existed. Returns how many were recorded.
    """
    recorded = 0
    amounts = {p["year"]: p["amount"] for p in payments}
    for step in steps:
        year = step["year"]
        if store.has_amendment(con, convention_id, year, step["reference"]):
            continue
        changes = []
        if year in amounts:
            changes.append(Change(ChangeKind.PAYMENT, None, None, None, Decimal(amounts[year])))
        for spec in specs:
            if spec.target(year) is not None:
                changes.append(Change(ChangeKind.TARGET, spec.action, spec.code, None,
                                      spec.target(year)))  # fmt: skip
        store.insert_amendment(
            con, convention_id, year, date.fromisoformat(step["date"]), step["reference"],
            step.get("reason", ""), "init", changes,
        )  # fmt: skip
        recorded += 1
    return recorded


def reapply_amended_payments(con, convention_id: str) -> None:
    """`init` rewrites the payments from the data files: the latest amendment's stay in force."""
    stored = storage.payments(con, convention_id)
    latest: dict[int, tuple[Decimal, str]] = {}
    for amendment in store.amendments(con, convention_id):  # by date, then recording
        for change in amendment.changes:
            if change.kind == ChangeKind.PAYMENT and change.after is not None:
                latest[amendment.year] = (change.after, amendment.label())
    for year, (amount, label) in latest.items():
        if stored.get(year) is None or Decimal(stored[year]) != Decimal(amount):
            store.apply_payment(con, convention_id, year, amount, label)
