"""Amendments as use cases (DOMAIN.md section 13): check and record one (payment, targets,
weights, allocation), say what it changes in words, list them, seed the convention's own steps.
What is in force at a date is read in services/in_force.py."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from lda_dash import storage
from lda_dash.domain.amendments import Amendment, Change, ChangeKind, amendment_refusal
from lda_dash.domain.model import SPENDING_CODE
from lda_dash.domain.permissions import Actor, may
from lda_dash.services.amendment_allocation import allocation_changes, stored_allocation_after
from lda_dash.services.in_force import payment_in_force, specs_of_year
from lda_dash.storage import amendments as store
from lda_dash.words.amendments import Names, change_subject, change_value, history_item

TargetKey = tuple[int, str]
YEARS_AHEAD = 20  # a plan runs 5 years; the same bound as accepted figure years
NOTHING = "l'avenant ne fixe ni versement, ni cible, ni poids, ni répartition"


class AmendmentRefused(ValueError):
    """An amendment that cannot be recorded; the message says why in French."""


def names_of(con, convention_id: str) -> Names:
    """The labels that put a change in words (words/amendments.py)."""
    return Names(
        storage.indicator_specs(con, convention_id),
        {action["number"]: action["title"] for action in storage.actions(con, convention_id)},
    )


def planned_changes(
    con, convention_id: str, year: int, amended_on: date, payment: Decimal | None,
    targets: dict[TargetKey, Decimal], weights: dict[TargetKey, Decimal] | None = None,
    allocation: dict[int, Decimal] | None = None,
) -> list[Change]:  # fmt: skip
    """What the amendment sets, before → after as in force on its date (the preview). A value
    restated unchanged is kept: the signed text restates it, and the source line names it.
    Raises AmendmentRefused for an unknown indicator or action, a weight not above 0, an
    allocation that would not sum exactly to the payment."""
    changes = []
    if payment is not None:
        before = payment_in_force(con, convention_id, year, amended_on)
        changes.append(Change(ChangeKind.PAYMENT, None, None, before, Decimal(payment)))
    specs = specs_of_year(con, convention_id, year, amended_on)
    names = names_of(con, convention_id)
    for key, after in sorted(targets.items()):
        if key not in specs:
            raise AmendmentRefused(f"indicateur inconnu : action {key[0]} · {key[1]}")
        before = specs[key].target(year)
        changes.append(Change(ChangeKind.TARGET, key[0], key[1], before, Decimal(after)))
    for key, after in sorted((weights or {}).items()):
        changes.append(_weight_change(key, Decimal(after), specs, names))
    shares, problem = allocation_changes(
        con, convention_id, year, amended_on, payment, allocation or {}, names.actions
    )
    if problem:
        raise AmendmentRefused(problem)
    return changes + shares


def _weight_change(key: TargetKey, after: Decimal, specs, names: Names) -> Change:
    """An indicator's weight for the year (DOMAIN.md 6): strictly positive, never DEP_AMI's."""
    if key not in specs:
        raise AmendmentRefused(f"indicateur inconnu : action {key[0]} · {key[1]}")
    change = Change(ChangeKind.WEIGHT, key[0], key[1], specs[key].weight, after)
    if key[1] == SPENDING_CODE:
        raise AmendmentRefused(
            f"action {key[0]} : les dépenses sur crédits AMI ne comptent pas dans l'atteinte, "
            "elles n'ont pas de poids"
        )
    if after <= 0:
        raise AmendmentRefused(
            f"{change_subject(change, names)} : un poids doit être strictement positif "
            f"({change_value(change, after, names)} demandé)"
        )
    return change


def record_amendment(
    con, convention_id: str, actor: Actor, *, year: int, amended_on: date, reference: str,
    payment: Decimal | None = None, targets: dict[TargetKey, Decimal] | None = None,
    weights: dict[TargetKey, Decimal] | None = None,
    allocation: dict[int, Decimal] | None = None, reason: str = "",
    now: datetime | None = None,
) -> Amendment:  # fmt: skip
    """Check and store an amendment; the current values follow it unless a later one exists.

    Refused (storage level) for a role other than coordination, admin or a trusted import, a
    missing reference, a year outside the convention's plan, no change at all, a decided year,
    or a change `planned_changes` refuses. Nothing is written before every check has passed.
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
    changes = planned_changes(
        con, convention_id, year, amended_on, payment, targets or {}, weights, allocation
    )
    if not changes:
        raise AmendmentRefused(NOTHING)
    later = [
        a for a in store.amendments(con, convention_id)
        if a.year == year and a.amended_on > amended_on
    ]  # fmt: skip
    current = [change for change in changes if not _set_later(change, later)]
    shares = _stored_shares(con, convention_id, year, current)
    now = now or datetime.now()
    amendment_id = store.insert_amendment(
        con, convention_id, year, amended_on, reference, reason.strip(), actor.login, changes,
        now=now,
    )  # fmt: skip
    amendment = Amendment(
        amendment_id, year, amended_on, reference, reason.strip(), actor.login, now, tuple(changes)
    )
    _apply(con, convention_id, amendment, current, shares)
    names = names_of(con, convention_id)
    for change in changes:
        storage.append_history(
            con, amendment.author, "amendment", convention_id,
            history_item(amendment, change, names),
            None if change.before is None else change_value(change, change.before, names),
            change_value(change, change.after, names), amendment.reason or amendment.label(),
            now=amendment.created_at,
        )  # fmt: skip
    return amendment


def _set_later(change: Change, later: list[Amendment]) -> bool:
    """Whether an amendment dated after this one sets the same value (it stays in force)."""
    return any(
        (c.kind, c.action, c.indicator) == (change.kind, change.action, change.indicator)
        for amendment in later
        for c in amendment.changes
    )


def _stored_shares(con, convention_id: str, year: int, current: list[Change]):
    """The year's stored allocation once the amendment applies, checked before any write; None
    when it stays as it is (the default rule follows the payment by itself)."""
    kinds = {change.kind for change in current}
    if not kinds & {ChangeKind.PAYMENT, ChangeKind.ALLOCATION}:
        return None
    payment = next(
        (c.after for c in current if c.kind == ChangeKind.PAYMENT),
        storage.payments(con, convention_id).get(year),
    )
    set_here = {c.action: c.after for c in current if c.kind == ChangeKind.ALLOCATION}
    shares, problem = stored_allocation_after(con, convention_id, year, payment, set_here)
    if problem:
        raise AmendmentRefused(problem)
    return shares if set_here else None


def _apply(
    con, convention_id: str, amendment: Amendment, current: list[Change], shares
) -> None:  # fmt: skip
    """Make the changes no later amendment overrides the current values. A weight has no
    stored value per year: it is read from the amendments (services/in_force.py)."""
    label = amendment.label()
    for change in current:
        if change.kind == ChangeKind.PAYMENT:
            store.apply_payment(con, convention_id, amendment.year, change.after, label)
        elif change.kind == ChangeKind.TARGET:
            store.apply_target(
                con, convention_id, (change.action, change.indicator), amendment.year,
                change.after,
            )  # fmt: skip
    if shares is not None:
        store.apply_allocation(
            con, convention_id, amendment.year, shares, amendment.author,
            amendment.created_at, label,
        )  # fmt: skip


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
