"""The values in force at a date (DOMAIN.md section 13): a year's targets, weights, payment and
allocation as the amendments dated on or before that date set them, and which amendment each
comes from. Progress, the forecast, the allocation and the pages read them here, so `--as-of`
before an amendment still judges the year by what it replaced."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

from lda_dash import storage
from lda_dash.domain.amendments import Amendment, ChangeKind, Step, value_in_force
from lda_dash.domain.model import IndicatorSpec
from lda_dash.storage import amendments as store

TargetKey = tuple[int, str]

# The order a source line names what an amendment set, and the words it uses.
SOURCE_KINDS = (ChangeKind.TARGET, ChangeKind.PAYMENT, ChangeKind.WEIGHT, ChangeKind.ALLOCATION)
SOURCE_WORDS = {
    ChangeKind.TARGET: "cibles",
    ChangeKind.PAYMENT: "versement",
    ChangeKind.WEIGHT: "poids",
    ChangeKind.ALLOCATION: "répartition",
}


def amendment_steps(found: list[Amendment], kind: ChangeKind) -> dict[tuple, list[Step]]:
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
    """The catalogue with, for each year, the targets in force on `as_of`."""
    return _targets(
        storage.indicator_specs(con, convention_id), store.amendments(con, convention_id), as_of
    )


def _targets(specs: dict, found: list[Amendment], as_of: date) -> dict[TargetKey, IndicatorSpec]:
    steps = amendment_steps(found, ChangeKind.TARGET)
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


def specs_of_year(
    con, convention_id: str, year: int, as_of: date
) -> dict[TargetKey, IndicatorSpec]:
    """The catalogue as `year` is judged on `as_of`: the targets in force, and each indicator's
    weight for that year (an amendment's, else the indicator's own weight)."""
    found = store.amendments(con, convention_id)
    specs = _targets(storage.indicator_specs(con, convention_id), found, as_of)
    for key, weight in weights_in_force(found, year, as_of).items():
        if key in specs:
            specs[key] = dataclasses.replace(specs[key], weight=weight)
    return specs


def weights_in_force(found: list[Amendment], year: int, as_of: date) -> dict[TargetKey, Decimal]:
    """The weights amendments set for `year`, as in force on `as_of` (only the amended ones).

    A weight set by an amendment belongs to its year: the latest one keeps applying after its
    date; before the first, the weight it replaced applies.
    """
    weights = {}
    for (amended_year, action, code), steps in amendment_steps(found, ChangeKind.WEIGHT).items():
        if amended_year == year:
            weights[(action, code)] = value_in_force(steps, steps[-1].after, as_of)
    return weights


def payment_in_force(con, convention_id: str, year: int, as_of: date) -> Decimal | None:
    """The year's payment in force on `as_of`; the stored one is the latest (reversement's)."""
    current = storage.payments(con, convention_id).get(year)
    steps = amendment_steps(store.amendments(con, convention_id), ChangeKind.PAYMENT)
    return value_in_force(steps.get((year, None, None), []), current, as_of)


def payments_in_force(con, convention_id: str, as_of: date) -> dict[int, Decimal]:
    """Every year's payment in force on `as_of` (the forecast's Σ payments and cap)."""
    steps = amendment_steps(store.amendments(con, convention_id), ChangeKind.PAYMENT)
    return {
        year: value_in_force(steps.get((year, None, None), []), amount, as_of)
        for year, amount in storage.payments(con, convention_id).items()
    }


def allocation_steps(con, convention_id: str, year: int) -> dict[int, list[Step]]:
    """action → the steps amendments set its share of `year` by, in date order."""
    steps = amendment_steps(store.amendments(con, convention_id), ChangeKind.ALLOCATION)
    return {action: found for (y, action, _), found in steps.items() if y == year}


def sources(con, convention_id: str, year: int, as_of: date | None = None) -> list[tuple]:
    """(what, amendment) pairs: for targets, payment, weights and allocation, the latest
    amendment of `year` dated on or before `as_of` (default: today) that set them, grouped
    when one amendment set several: [("cibles et versement", <Avenant 2022>), ...]."""
    as_of = as_of or date.today()
    latest: dict[ChangeKind, Amendment] = {}
    for amendment in store.amendments(con, convention_id):  # by date, then recording
        if amendment.year == year and amendment.amended_on <= as_of:
            for change in amendment.changes:
                latest[change.kind] = amendment
    groups: dict[str, list[ChangeKind]] = {}
    for kind in SOURCE_KINDS:
        if kind in latest:
            groups.setdefault(latest[kind].id, []).append(kind)
    by_id = {amendment.id: amendment for amendment in latest.values()}
    return [(_words([SOURCE_WORDS[k] for k in kinds]), by_id[i]) for i, kinds in groups.items()]


def _words(items: list[str]) -> str:
    """« cibles », « cibles et versement », « cibles, versement et poids »."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} et {items[-1]}"


def source_line(con, convention_id: str, year: int, as_of: date | None = None) -> str | None:
    """« Cibles et versement : Avenant 2022 du 25/05/2022 ; poids : Avenant bis du 30/06/2022 »,
    or None without any amendment of the year."""
    found = sources(con, convention_id, year, as_of)
    if not found:
        return None
    line = " ; ".join(f"{what} : {amendment.label()}" for what, amendment in found)
    return line[:1].upper() + line[1:]
