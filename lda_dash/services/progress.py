"""Progress of a convention for a year: read from storage, assembled by the domain rules, and
written as the rows of the `progress` command (DOMAIN.md section 11)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from lda_dash import storage
from lda_dash.domain.progress_report import ProgressReport, compute_progress
from lda_dash.domain.workflow import counted_statuses
from lda_dash.services.in_force import specs_of_year
from lda_dash.services.settings import watch_threshold


def load_progress(
    con, convention_id: str, year: int, as_of: date, *, validated_only: bool = False
) -> ProgressReport:
    """Read the catalogue with the targets and weights in force on `as_of` (amendments, DOMAIN.md
    13), the figures of the year and the year before, and the threshold, then compute the year's
    progress (older years never change it, so they are not read)."""
    specs = specs_of_year(con, convention_id, year, as_of)
    counted = counted_statuses(validated_only)
    figures = storage.figures_of_years(con, convention_id, counted, (year - 1, year))
    threshold = watch_threshold(con)
    return compute_progress(
        convention_id,
        specs,
        figures,
        year,
        as_of,
        validated_only=validated_only,
        threshold=threshold,
    )


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
