"""What the Présentation page reads: the chosen convention and year, and the year's report data.

One unit of work per rerun, no Streamlit here (testable). The slides and the PowerPoint deck are
both built from the same `ExecutionReportData`, so the page and the file tell the same story.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from lda_dash.domain.year_report import ExecutionReportData
from lda_dash.services.context import Context, Selection, page_unit_of_work
from lda_dash.services.report_data import read_report_data


@dataclass(frozen=True)
class PresentationData:
    context: Context
    report: ExecutionReportData


def load_presentation(
    path: Path | str | None, wanted: Selection, as_of: date | None = None
) -> PresentationData:
    """The convention and year asked for (else the latest with figures) and its report data."""
    with page_unit_of_work(path, wanted, as_of) as (con, context, _):
        report = read_report_data(con, context.convention_id, context.year, context.as_of)
        return PresentationData(context, report)
