"""Progress of a convention for a year, read from the database and computed by the domain rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from lda_dash import storage
from lda_dash.domain.model import (
    COUNTED_STATUSES,
    SPENDING_CODE,
    IndicatorSpec,
    QuarterFigure,
    Status,
)
from lda_dash.domain.progress import (
    DEFAULT_WATCH_THRESHOLD,
    IndicatorProgress,
    action_attainment,
    indicator_progress,
    reaches,
    year_value,
)
from lda_dash.services.amendments import targets_in_force


@dataclass(frozen=True)
class ProgressReport:
    """Every indicator of a convention for one year, and each action's attainment."""

    convention_id: str
    year: int
    as_of: date
    validated_only: bool
    threshold: Fraction
    rows: list[IndicatorProgress]
    action_attainments: dict[int, Fraction | None]

    @property
    def year_over(self) -> bool:
        return self.as_of > date(self.year, 12, 31)

    def rows_of(self, action: int) -> list[IndicatorProgress]:
        return [row for row in self.rows if row.spec.action == action]


def group_figures(
    figures: list[QuarterFigure],
) -> dict[tuple[int, str, int], dict[int, QuarterFigure]]:
    """(action, code, year) → quarter → figure."""
    grouped: dict[tuple[int, str, int], dict[int, QuarterFigure]] = defaultdict(dict)
    for fig in figures:
        grouped[(fig.action, fig.code, fig.year)][fig.quarter] = fig
    return grouped


def compute_progress(
    convention_id: str,
    specs: dict[tuple[int, str], IndicatorSpec],
    figures: list[QuarterFigure],
    year: int,
    as_of: date,
    *,
    validated_only: bool = False,
    threshold: Fraction = DEFAULT_WATCH_THRESHOLD,
) -> ProgressReport:
    """Pure assembly of DOMAIN.md sections 4-6 over a whole catalogue."""
    counted = ("validated",) if validated_only else COUNTED_STATUSES
    grouped = group_figures([f for f in figures if f.status in counted])
    rows = []
    for (action, code), spec in specs.items():
        previous = year_value(spec.mode, grouped.get((action, code, year - 1), {}))
        rows.append(
            indicator_progress(
                spec,
                year,
                grouped.get((action, code, year), {}),
                as_of,
                previous_year_value=previous,
                threshold=threshold,
            )
        )
    return assemble_report(convention_id, year, as_of, validated_only, threshold, rows)


def assemble_report(
    convention_id: str,
    year: int,
    as_of: date,
    validated_only: bool,
    threshold: Fraction,
    rows: list[IndicatorProgress],
) -> ProgressReport:
    """Each action's attainment from its indicators' rows (DOMAIN.md 6), and the report."""
    year_over = as_of > date(year, 12, 31)
    by_action: dict[int, list[IndicatorProgress]] = defaultdict(list)
    for row in rows:
        by_action[row.spec.action].append(row)
    attainments = {n: action_attainment(r, year_over) for n, r in sorted(by_action.items())}
    return ProgressReport(convention_id, year, as_of, validated_only, threshold, rows, attainments)


def load_progress(
    con, convention_id: str, year: int, as_of: date, *, validated_only: bool = False
) -> ProgressReport:
    """Read the catalogue with the targets in force on `as_of` (amendments, DOMAIN.md 13), the
    figures of the year and the year before, and the threshold, then compute the year's progress
    (older years never change it, so they are not read)."""
    specs = targets_in_force(con, convention_id, as_of)
    counted = ("validated",) if validated_only else COUNTED_STATUSES
    figures = storage.figures_of_years(con, convention_id, counted, (year - 1, year))
    threshold = Fraction(storage.setting(con, "watch_threshold", "0.85"))
    return compute_progress(
        convention_id,
        specs,
        figures,
        year,
        as_of,
        validated_only=validated_only,
        threshold=threshold,
    )


def action_status(report: ProgressReport, action: int) -> Status:
    """One status per action, for counting actions (our reading; DOMAIN.md rates indicators).

    Achieved when its attainment reaches 1; once the year is over, partially achieved from the
    threshold on, else not achieved; during the year, the worst pace among its indicators.
    """
    attained = report.action_attainments.get(action)
    if attained is None:
        return Status.NO_DATA
    if reaches(attained, 1):
        return Status.ACHIEVED
    if report.year_over:
        if reaches(attained, report.threshold):
            return Status.PARTIALLY_ACHIEVED
        return Status.NOT_ACHIEVED
    statuses = {row.status for row in report.rows_of(action) if row.spec.code != SPENDING_CODE}
    for worst in (Status.LATE, Status.NOT_ACHIEVED, Status.WATCH, Status.PARTIALLY_ACHIEVED):
        if worst in statuses:
            return worst
    return Status.ON_TRACK


def number(value: Fraction | None) -> int | float | None:
    """JSON number: an int when whole, else a float (full precision)."""
    if value is None:
        return None
    if value.denominator == 1:
        return int(value)
    return float(value)


# The keys of a `progress` row, in order (DOMAIN.md section 11).
RECORD_KEYS = (
    "action", "indicator", "year", "mode", "target", "value", "attainment", "expected", "status",
)  # fmt: skip


def progress_records(report: ProgressReport, convention: str | None = None) -> list[dict]:
    """The rows of `progress --format json` (DOMAIN.md section 11), keys fixed; with a
    `convention`, each row starts with a "convention" key (`--all-territories`)."""
    first = {} if convention is None else {"convention": convention}
    return [
        {
            **first,
            "action": row.spec.action,
            "indicator": row.spec.code,
            "year": row.year,
            "mode": row.spec.mode.value,
            "target": number(row.target),
            "value": number(row.value),
            "attainment": None if row.attainment is None else float(row.attainment),
            "expected": number(row.expected),
            "status": row.status.value,
        }
        for row in report.rows
    ]
