"""A convention's progress for a year, assembled from its indicators (DOMAIN.md sections 4-6).

Pure: the services read the catalogue and figures, these functions assemble the report that
charts, tables, exports and the story all read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from lda_dash.domain.model import SPENDING_CODE, IndicatorSpec, QuarterFigure, Status
from lda_dash.domain.progress import (
    DEFAULT_WATCH_THRESHOLD,
    IndicatorProgress,
    action_attainment,
    indicator_progress,
    reaches,
    year_value,
)
from lda_dash.domain.workflow import counted_statuses


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
    counted = counted_statuses(validated_only)
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
