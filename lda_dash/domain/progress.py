"""Progress rules: year value, attainment, expected pace and status of an indicator (DOMAIN.md 4-6).

Every computation uses exact fractions so that "a value exactly at a threshold reaches it" holds
whatever the figures; ratios are rounded half up to 4 decimals only to compare with thresholds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from lda_dash.domain.model import IndicatorSpec, Mode, QuarterFigure, Status
from lda_dash.domain.rounding import RATIO_SCALE, half_up_units

DEFAULT_WATCH_THRESHOLD = Fraction(85, 100)
# Fractions are immutable: shared constants spare building 0 and 1 again in every comparison,
# which counts when a national progress runs these rules for tens of thousands of indicators.
ZERO, ONE = Fraction(0), Fraction(1)


def as_fraction(number: Decimal | int | Fraction | None) -> Fraction | None:
    """Exact conversion (Decimal("0.1") is 1/10, not the nearest float)."""
    if number is None or type(number) is Fraction:  # immutable: no copy needed
        return number
    if type(number) is Decimal:  # through the C ratio: several times faster, the same value
        numerator, denominator = number.as_integer_ratio()
        return Fraction(numerator) if denominator == 1 else Fraction(numerator, denominator)
    return Fraction(number)


def reaches(ratio: Fraction, threshold: Fraction | Decimal | float) -> bool:
    """True when `ratio`, rounded half up to 4 decimals, is at or above `threshold`.

    Integer arithmetic gives exactly `rounding.ratio_4(ratio) >= threshold`, without building
    fractions: this is the costliest comparison of a national progress.
    """
    rounded = half_up_units(ratio, RATIO_SCALE)
    if type(threshold) is int:  # 1, the usual threshold: no fraction to build
        return rounded >= threshold * RATIO_SCALE
    limit = threshold if isinstance(threshold, Fraction) else Fraction(str(threshold))
    return rounded * limit.denominator >= limit.numerator * RATIO_SCALE


def year_closed(year: int, as_of: date, quarters_reported: Iterable[int] = ()) -> bool:
    """A year is closed after 31 December, or once all four quarters have a figure (DOMAIN.md 5)."""
    # as_of > 31 December of `year` is as_of.year > year, without building a date each time
    return as_of.year > year or set(quarters_reported) >= _ALL_QUARTERS


_ALL_QUARTERS = frozenset((1, 2, 3, 4))


def year_value(mode: Mode, figures: Mapping[int, QuarterFigure]) -> Fraction | None:
    """How the reported quarters make the year's value (DOMAIN.md 4); None without figures."""
    if not figures:
        return None
    quarters = sorted(figures)
    if mode == Mode.SOMME:
        return sum((as_fraction(figures[q].value) for q in quarters), Fraction(0))
    if mode in (Mode.CUMUL_ANNUEL, Mode.STOCK):
        return as_fraction(figures[quarters[-1]].value)
    if mode == Mode.JALON:
        return max(as_fraction(figures[q].value) for q in quarters)
    numerators = sum(figures[q].numerator for q in quarters)
    denominators = sum(figures[q].denominator for q in quarters)
    return Fraction(100 * numerators, denominators)


def attainment(
    mode: Mode, value: Fraction, target: Fraction, baseline: Fraction | None
) -> Fraction:
    """a = v / T, or for a rate with a baseline (v − b) / (T − b), never below 0 (DOMAIN.md 5).

    A zero denominator (target 0, or a rate target equal to its baseline) cannot be divided by:
    the target is then met (1) when the value reaches it, else 0. This reading is ours.
    """
    if mode == Mode.TAUX and baseline is not None:
        numerator, denominator = value - baseline, target - baseline
    else:
        numerator, denominator = value, target
    if denominator == 0:
        return ONE if value >= target else ZERO
    if numerator < 0 or denominator < 0:  # a rate below its baseline
        ratio = numerator / denominator
        return ratio if ratio >= 0 else ZERO
    # The usual case: one exact division, without the dispatch of the / operator.
    return Fraction(
        numerator.numerator * denominator.denominator,
        numerator.denominator * denominator.numerator,
    )


def expected_to_date(
    mode: Mode, target: Fraction, quarter: int, start: Fraction | None
) -> Fraction | None:
    """What the pace requires after `quarter` (DOMAIN.md 5); None for a milestone.

    `start` is the previous year's value, else the baseline, else None (read as 0).
    """
    if mode in (Mode.SOMME, Mode.CUMUL_ANNUEL):
        return Fraction(target.numerator * quarter, target.denominator * 4)  # T × q / 4
    if mode in (Mode.STOCK, Mode.TAUX):
        s = start if start is not None else Fraction(0)
        return s + (target - s) * quarter / 4
    return None


@dataclass(frozen=True)
class IndicatorProgress:
    """Where one indicator stands for one year."""

    spec: IndicatorSpec
    year: int
    target: Fraction | None
    value: Fraction | None
    attainment: Fraction | None
    expected: Fraction | None
    pace: Fraction | None
    status: Status
    latest_quarter: int | None
    quarters_reported: tuple[int, ...]
    closed: bool


def indicator_progress(
    spec: IndicatorSpec,
    year: int,
    figures: Mapping[int, QuarterFigure],
    as_of: date,
    previous_year_value: Fraction | None = None,
    threshold: Fraction | Decimal = DEFAULT_WATCH_THRESHOLD,
) -> IndicatorProgress:
    """Value, attainment, expected, pace and status of `spec` for `year` (DOMAIN.md 4-5).

    `figures` maps quarter → figure for this indicator and year (already filtered by status).
    """
    value = year_value(spec.mode, figures)
    quarters = tuple(sorted(figures))
    return progress_of_value(spec, year, value, quarters, as_of, previous_year_value, threshold)


def progress_of_value(
    spec: IndicatorSpec,
    year: int,
    value: Fraction | None,
    quarters: tuple[int, ...],
    as_of: date,
    previous_year_value: Fraction | None = None,
    threshold: Fraction | Decimal = DEFAULT_WATCH_THRESHOLD,
) -> IndicatorProgress:
    """The rules of DOMAIN.md 5 once the year value and the quarters reported are known.

    Split from `indicator_progress` so that a year value summed up by the database (see
    `aggregate_year_value`) goes through exactly the same rules as one made from the quarters.
    """
    target = as_fraction(spec.target(year))
    baseline = as_fraction(spec.baseline)
    closed = year_closed(year, as_of, quarters)
    latest = quarters[-1] if quarters else None

    a = e = p = None
    if target is None:
        status = Status.NO_TARGET
    elif value is None:
        status = Status.NO_DATA
    else:
        q = 4 if closed else latest
        a = attainment(spec.mode, value, target, baseline)
        start = previous_year_value if previous_year_value is not None else baseline
        e = expected_to_date(spec.mode, target, q, start)
        if e is not None:
            p = value / e if e != 0 else None
        status = _status(spec.mode, a, p, e, value, closed, threshold)
    return IndicatorProgress(spec, year, target, value, a, e, p, status, latest, quarters, closed)


class YearAggregate(NamedTuple):
    """An indicator's quarters of one year as the database sums them up (inputs of year_value).

    `total` is the sum of the values, `latest` the value of the latest quarter reported,
    `highest` the largest value, all as whole numbers of 1/`scale` (exact, and much cheaper to
    read from the database than decimals); rates sum their numerators and denominators.
    """

    quarters: tuple[int, ...]
    total: int | None = None
    latest: int | None = None
    highest: int | None = None
    numerators: int | None = None
    denominators: int | None = None
    scale: int = 1


def aggregate_year_value(mode: Mode, aggregate: YearAggregate | None) -> Fraction | None:
    """The year value of DOMAIN.md 4 from the aggregates: equal to `year_value` on the quarters."""
    if aggregate is None or not aggregate.quarters:
        return None
    if mode == Mode.SOMME:
        return _scaled(aggregate.total, aggregate.scale)
    if mode in (Mode.CUMUL_ANNUEL, Mode.STOCK):
        return _scaled(aggregate.latest, aggregate.scale)
    if mode == Mode.JALON:
        return _scaled(aggregate.highest, aggregate.scale)
    return Fraction(100 * aggregate.numerators, aggregate.denominators)


def _scaled(number: int, scale: int) -> Fraction:
    whole, rest = divmod(number, scale)
    return Fraction(whole) if rest == 0 else Fraction(number, scale)  # counts are mostly whole


def _status(
    mode: Mode,
    a: Fraction,
    p: Fraction | None,
    e: Fraction | None,
    value: Fraction,
    closed: bool,
    threshold: Fraction | Decimal,
) -> Status:
    if closed:
        if reaches(a, 1):
            return Status.ACHIEVED
        return Status.PARTIALLY_ACHIEVED if reaches(a, threshold) else Status.NOT_ACHIEVED
    if reaches(a, 1):
        return Status.ACHIEVED
    if mode == Mode.JALON:
        return Status.ON_TRACK  # a milestone is not due before the year is closed
    if p is None:
        # Nothing was expected yet (expected 0): any value keeps pace. Our reading.
        return Status.ON_TRACK if value >= (e or 0) else Status.LATE
    if reaches(p, 1):
        return Status.ON_TRACK
    return Status.WATCH if reaches(p, threshold) else Status.LATE


def action_attainment(rows: Iterable[IndicatorProgress], year_over: bool) -> Fraction | None:
    """Weighted mean of min(a, 1) over the action's indicators with a target (DOMAIN.md 6).

    Once the year is over an indicator without data counts as 0; before, it is left out.
    Indicators without a target (DEP_AMI among them) never count.
    """
    ones, other_weights, weighted = 0, ZERO, ZERO
    for row in rows:
        if row.target is None or row.spec.code == "DEP_AMI":
            continue
        if row.attainment is None:
            if not year_over:
                continue
            share = ZERO
        else:
            share = row.attainment if row.attainment < 1 else ONE
        weight = as_fraction(row.spec.weight)
        if weight == 1:  # the usual weight: the same sums with fewer fraction operations
            ones += 1
            weighted += share
        else:
            other_weights += weight
            weighted += weight * share
    total_weight = other_weights + ones
    if total_weight == 0:
        return None
    return weighted / total_weight
