"""The year-end forecast of a convention, read from the database and computed by section 12's rules.

Reads in one place what the forecast needs (figures of the year and the year before, the
targets, weights, allocation and payments in force on the reference date, spending, decisions,
thresholds) so that the command, the pages and the presentation show the same figures.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from lda_dash import storage
from lda_dash.domain.forecast import (
    ForecastReport,
    forecast,
    indicator_forecast,
    projected_spending,
)
from lda_dash.domain.model import SPENDING_CODE
from lda_dash.domain.progress import as_fraction, year_value
from lda_dash.domain.progress_report import group_figures
from lda_dash.domain.workflow import counted_statuses
from lda_dash.services.control import ControlRefused, load_allocation
from lda_dash.services.in_force import payments_in_force, specs_of_year
from lda_dash.services.progress import number
from lda_dash.services.settings import clawback_threshold


class ForecastRefused(ControlRefused):
    """No forecast for this year (it is over); the message says why in French."""


def year_open(year: int, as_of: date) -> bool:
    """A forecast needs a year not over at the reference date (DOMAIN.md 12)."""
    return as_of <= date(year, 12, 31)


def load_forecast(
    con,
    convention_id: str,
    year: int,
    as_of: date | None = None,
    *,
    threshold: Fraction | None = None,
    validated_only: bool = False,
) -> ForecastReport:
    """The forecast of an open year; refused once the year is over, or without a payment.

    The targets, weights, allocation and payments are those in force on `as_of` (DOMAIN.md 13).
    """
    as_of = as_of or date.today()
    if not year_open(year, as_of):
        raise ForecastRefused(
            f"l'année {year} est terminée au {as_of:%d/%m/%Y} : pas de prévision, "
            "voir la proposition de reversement"
        )
    allocations, _ = load_allocation(con, convention_id, year, as_of)
    counted = counted_statuses(validated_only)
    specs = specs_of_year(con, convention_id, year, as_of)
    figures = storage.figures_of_years(con, convention_id, counted, (year - 1, year))
    grouped = group_figures(figures)
    watch = Fraction(storage.setting(con, "watch_threshold", "0.85"))

    rows, dep_ami = [], {}
    for (action, code), spec in specs.items():
        quarters = grouped.get((action, code, year), {})
        if code == SPENDING_CODE:
            dep_ami[action] = quarters
            continue
        previous = year_value(spec.mode, grouped.get((action, code, year - 1), {}))
        row = indicator_forecast(spec, year, quarters, previous, watch)
        if row is not None:
            rows.append(row)
    rows.sort(key=lambda row: row.spec.action)  # catalogue order within an action

    result = forecast(
        year=year,
        indicators=rows,
        allocations=allocations,
        payments=payments_in_force(con, convention_id, as_of),
        spending_before=storage.spending_by_year(con, convention_id, list(counted)),
        spending_projected=projected_spending(dep_ami),
        decided=storage.decided_amounts(con, convention_id),
        threshold=clawback_threshold(con) if threshold is None else threshold,
    )
    return ForecastReport(convention_id, as_of, validated_only, watch, result)


def forecast_json(report: ForecastReport) -> dict:
    """The JSON of `forecast` (DOMAIN.md section 12), keys fixed, numbers as JSON numbers."""
    result = report.forecast
    return {
        "year": result.year,
        "as_of": report.as_of.isoformat(),
        "threshold": float(result.threshold),
        "indicators": [
            {
                "action": row.spec.action,
                "indicator": row.spec.code,
                "value": number(row.value),
                "quarter": row.quarter,
                "projected": number(row.projected),
                "projected_attainment": _ratio(row.projected_attainment),
            }
            for row in result.indicators
        ],
        "actions": [
            {
                "action": term.action,
                "allocation": number(as_fraction(term.allocation)),
                "projected_attainment": _ratio(term.projected_attainment),
                "at_risk": term.at_risk,
            }
            for term in result.actions
        ],
        "objective_at_risk": result.objective_at_risk,
        "projected_unspent": result.projected_unspent,
        "projected_total": result.projected_total,
    }


def _ratio(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def open_year_forecast(
    con,
    convention_id: str,
    year: int,
    as_of: date,
    *,
    threshold: Fraction | None = None,
    validated_only: bool = False,
) -> ForecastReport | None:
    """The forecast pages show beside an open year; None once it is over or without a payment."""
    if not year_open(year, as_of):
        return None
    try:
        return load_forecast(
            con, convention_id, year, as_of, threshold=threshold, validated_only=validated_only
        )
    except ControlRefused:  # no payment recorded for the year: no money to put at risk
        return None
