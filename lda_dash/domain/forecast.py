"""Year-end forecast « à rythme constant » for an open year (DOMAIN.md section 12).

Where each indicator and action will land if the pace so far holds, and how much money that
puts at risk under Article 4. A forecast is never a proposal: it reuses the rules of sections 5,
6 and 8 (exact fractions, ratios compared after rounding half up to 4 decimals, euros rounded
half up) so that the forecast of a year and its later proposal speak the same language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from lda_dash.domain.clawback import DEFAULT_CLAWBACK_THRESHOLD, objective_base
from lda_dash.domain.model import SPENDING_CODE, IndicatorSpec, Mode, QuarterFigure, Status
from lda_dash.domain.progress import (
    DEFAULT_WATCH_THRESHOLD,
    ONE,
    ZERO,
    IndicatorProgress,
    as_fraction,
    attainment,
    reaches,
    year_value,
)
from lda_dash.domain.rounding import euros


def project_value(
    mode: Mode, value: Fraction, quarter: int, start: Fraction | None
) -> Fraction | None:
    """v̂ from the year value `v` after quarter `q`; None for a milestone not yet produced.

    At q = 4 the year value is final and the forecast equals it, whatever the mode.
    `start` is the previous year's value, else the baseline, else None (read as 0).
    """
    if quarter >= 4:
        return value
    if mode in (Mode.SOMME, Mode.CUMUL_ANNUEL):
        return value * 4 / quarter
    if mode == Mode.STOCK:
        s = start if start is not None else ZERO
        return max(ZERO, s + (value - s) * 4 / quarter)
    if mode == Mode.TAUX:
        return value
    return ONE if value >= 1 else None  # jalon: produced, or « à produire »


def projected_status(projected_attainment: Fraction, watch_threshold: Fraction) -> Status:
    """The closed-year statuses of section 5 applied to â (shown labelled « prévision »)."""
    if reaches(projected_attainment, 1):
        return Status.ACHIEVED
    if reaches(projected_attainment, watch_threshold):
        return Status.PARTIALLY_ACHIEVED
    return Status.NOT_ACHIEVED


@dataclass(frozen=True)
class IndicatorForecast:
    """One indicator's projection; `projected` is None for a milestone « à produire »."""

    spec: IndicatorSpec
    target: Fraction
    value: Fraction
    quarter: int
    projected: Fraction | None
    projected_attainment: Fraction | None
    status: Status | None


def indicator_forecast(
    spec: IndicatorSpec,
    year: int,
    figures: Mapping[int, QuarterFigure],
    previous_year_value: Fraction | None = None,
    watch_threshold: Fraction = DEFAULT_WATCH_THRESHOLD,
) -> IndicatorForecast | None:
    """The forecast of one indicator, or None when it has no target, no figure or is DEP_AMI."""
    target = as_fraction(spec.target(year))
    if spec.code == SPENDING_CODE or target is None or not figures:
        return None
    value = year_value(spec.mode, figures)
    quarter = max(figures)
    baseline = as_fraction(spec.baseline)
    start = previous_year_value if previous_year_value is not None else baseline
    projected = project_value(spec.mode, value, quarter, start)
    if projected is None:
        return IndicatorForecast(spec, target, value, quarter, None, None, None)
    projected_a = attainment(spec.mode, projected, target, baseline)
    status = projected_status(projected_a, watch_threshold)
    return IndicatorForecast(spec, target, value, quarter, projected, projected_a, status)


def projected_action_attainment(rows: list[IndicatorForecast]) -> Fraction | None:
    """Section 6 for an open year on â: weighted mean of min(â, 1) over the projected indicators.

    Indicators without figures, and milestones still « à produire », are left out.
    """
    total_weight, weighted = ZERO, ZERO
    for row in rows:
        if row.projected_attainment is None:
            continue
        weight = as_fraction(row.spec.weight)
        total_weight += weight
        weighted += weight * min(row.projected_attainment, ONE)
    return None if total_weight == 0 else weighted / total_weight


def projected_spending(dep_ami: Mapping[int, Mapping[int, QuarterFigure]]) -> Fraction | None:
    """Projected DEP_AMI of the year: Σ per action of v × 4 / q, each action's own q.

    `dep_ami` maps action → quarter → figure of the year; None when no action reported any.
    """
    total, seen = ZERO, False
    for figures in dep_ami.values():
        if not figures:
            continue
        seen = True
        total += project_value(Mode.SOMME, year_value(Mode.SOMME, figures), max(figures), None)
    return total if seen else None


@dataclass(frozen=True)
class ActionForecast:
    """One action's projected attainment and the money its shortfall would put at risk."""

    action: int
    allocation: Decimal
    projected_attainment: Fraction | None
    at_risk: int


@dataclass(frozen=True)
class Forecast:
    """Every term of the forecast, so that pages can show the rule in full."""

    year: int
    payment: Decimal
    threshold: Fraction
    indicators: list[IndicatorForecast]
    actions: list[ActionForecast]
    objective_at_risk: int
    spending_projected: Fraction | None
    projected_unspent: int | None
    projected_total: int


def action_forecasts(
    indicators: list[IndicatorForecast],
    allocations: Mapping[int, Decimal],
    threshold: Fraction,
) -> list[ActionForecast]:
    """Per action with an allocation: Â and F × (1 − Â) when Â < θ (section 8's comparison)."""
    out = []
    for action, allocation in sorted(allocations.items()):
        rows = [row for row in indicators if row.spec.action == action]
        projected = projected_action_attainment(rows)
        _, at_risk = objective_base(Decimal(allocation), projected, threshold)
        out.append(ActionForecast(action, Decimal(allocation), projected, at_risk))
    return out


def forecast(
    year: int,
    indicators: list[IndicatorForecast],
    allocations: Mapping[int, Decimal],
    payments: Mapping[int, Decimal],
    spending_before: Mapping[int, Decimal],
    spending_projected: Fraction | None,
    decided: Mapping[int, Decimal],
    threshold: Fraction = DEFAULT_CLAWBACK_THRESHOLD,
) -> Forecast:
    """Money at risk per action and in total, projected unspent base and projected total.

    `spending_before` holds the DEP_AMI totals of the years before `year` (later years are
    ignored); `spending_projected` is `projected_spending` of `year` (None: nothing reported).
    The unspent base is none when no DEP_AMI figure exists for any year up to `year`.
    """
    actions = action_forecasts(indicators, allocations, threshold)
    objective_total = sum(term.at_risk for term in actions)
    paid = sum((Fraction(v) for y, v in payments.items() if y <= year), ZERO)
    earlier = [Fraction(v) for y, v in spending_before.items() if y < year]
    already = sum((Fraction(v) for y, v in decided.items() if y < year), ZERO)
    if earlier or spending_projected is not None:
        spent = sum(earlier, ZERO) + (spending_projected or ZERO)
        unspent = max(0, euros(paid - spent - already))
    else:
        unspent = None
    payment = Decimal(payments.get(year, 0))
    total = min(euros(Fraction(payment)), max(objective_total, unspent or 0))
    return Forecast(
        year, payment, threshold, indicators, actions, objective_total, spending_projected,
        unspent, total,
    )  # fmt: skip


@dataclass(frozen=True)
class ForecastReport:
    """A forecast with what it was computed from, for the command's JSON and the pages."""

    convention_id: str
    as_of: date
    validated_only: bool
    watch_threshold: Fraction
    forecast: Forecast

    @property
    def year(self) -> int:
        return self.forecast.year


def milestone_to_produce(row: IndicatorForecast) -> bool:
    """A milestone not yet produced: shown « à produire », outside the projected attainment."""
    return row.spec.mode == Mode.JALON and row.projected is None


def projected_point(row: IndicatorProgress, start: Fraction | None) -> Fraction | None:
    """Where an indicator's line ends at Q4 « à rythme constant », for the trajectory chart.

    None once its year is closed (over, or four quarters reported), without figures, or for a
    milestone still to produce. `start` is last year's value, else the baseline.
    """
    if row.closed or row.value is None or row.latest_quarter is None:
        return None
    return project_value(row.spec.mode, row.value, row.latest_quarter, start)
