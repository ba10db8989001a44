"""Everything the execution report and the presentation of a year show, read in one unit of work.

The Prefect relies on the report (Articles 2 and 4), so it counts validated figures only. For a
year that is not over, the report still states the progress so far, and says why no clawback
proposal can be computed yet. The presentation (issue 5) tells the same story to partners and
officials; it also compares with the year before and says who has not reported yet.
"""

from __future__ import annotations

from datetime import date, datetime

from lda_dash import storage
from lda_dash.domain.model import QuarterFigure
from lda_dash.domain.progress_report import ProgressReport, group_figures
from lda_dash.domain.workflow import COUNTED_STATUSES, FigureStatus
from lda_dash.domain.year_report import ExecutionReportData, quarter_figure
from lda_dash.services import calendar
from lda_dash.services.control import ControlRefused, convention_record, load_clawback
from lda_dash.services.evidence import evidence_lines
from lda_dash.services.finances import load_finances
from lda_dash.services.forecast import open_year_forecast
from lda_dash.services.in_force import source_line
from lda_dash.services.progress import load_progress
from lda_dash.services.settings import clawback_threshold
from lda_dash.services.setup import is_demo


def read_report_data(
    con, convention_id: str, year: int, as_of: date | None = None
) -> ExecutionReportData:
    """Read and compute the report inside the caller's unit of work (validated figures only)."""
    as_of = as_of or calendar.today(con)
    convention = convention_record(con, convention_id)
    try:
        calendar.check_year(con, convention, year)
    except calendar.YearOutsideConvention as outside:
        raise ControlRefused(str(outside)) from outside
    proposal, reason = None, None
    if as_of <= date(year, 12, 31):
        reason = (
            f"l'année {year} n'est pas terminée : aucune proposition de reversement ne peut "
            f"encore être calculée (elle le sera après le 31/12/{year})"
        )
        progress = load_progress(con, convention_id, year, as_of, validated_only=True)
    else:
        try:
            proposal, progress = load_clawback(con, convention_id, year, as_of=as_of)
        except ControlRefused as refusal:
            reason = str(refusal)
            progress = load_progress(con, convention_id, year, as_of, validated_only=True)

    specs = {(row.spec.action, row.spec.code): row.spec.mode for row in progress.rows}
    counted = storage.figures(con, convention_id, COUNTED_STATUSES)
    grouped = group_figures([fig for fig in counted if fig.status == FigureStatus.VALIDATED])
    quarters = {
        key: {q: quarter_figure(mode, fig) for q, fig in grouped.get((*key, year), {}).items()}
        for key, mode in specs.items()
    }
    return ExecutionReportData(
        convention=convention,
        year=year,
        as_of=as_of,
        generated_at=datetime.now(),
        demo=is_demo(con),
        payments=storage.payments(con, convention_id),
        actions=storage.actions(con, convention_id),
        progress=progress,
        quarters=quarters,
        finances=load_finances(con, convention_id, year, as_of, report=progress),
        threshold=proposal.threshold if proposal else clawback_threshold(con),
        proposal=proposal,
        no_proposal_reason=reason,
        history=storage.history_of_year(con, convention_id, year),
        last_validated=storage.last_validated_update(con, convention_id, year),
        submitted_progress=load_progress(con, convention_id, year, as_of),
        previous_progress=_previous_progress(con, convention, year, as_of),
        unvalidated=_quarters_of(counted, year, (FigureStatus.SUBMITTED,)),
        reported_quarters=_quarters_of(counted, year, COUNTED_STATUSES),
        organisations=_organisations(con, convention_id),
        decision=next(
            (d for d in storage.decisions(con, convention_id) if d["year"] == year), None
        ),
        forecast=open_year_forecast(con, convention_id, year, as_of),
        amendment_source=source_line(con, convention_id, year, as_of),
        evidence=evidence_lines(con, convention_id, year),
        data_date=calendar.data_date(con, convention_id),
    )


def _previous_progress(con, convention: dict, year: int, as_of: date) -> ProgressReport | None:
    """The year before, for the comparison; none before the convention's first year."""
    if year - 1 < convention["first_year"]:
        return None
    return load_progress(con, convention["id"], year - 1, as_of)


def _organisations(con, convention_id: str) -> dict[int, tuple[str, ...]]:
    """action → names of the partner organisations entrusted with it."""
    names: dict[int, list[str]] = {}
    for row in storage.assignments(con, convention_id):
        names.setdefault(row["action_number"], []).append(row["organisation"])
    return {action: tuple(found) for action, found in names.items()}


def _quarters_of(
    figures: list[QuarterFigure], year: int, statuses: tuple[str, ...]
) -> dict[tuple[int, str], tuple[int, ...]]:
    """(action, code) → the quarters of `year` with a figure in one of `statuses`."""
    quarters: dict[tuple[int, str], set[int]] = {}
    for fig in figures:
        if fig.year == year and fig.status in statuses:
            quarters.setdefault((fig.action, fig.code), set()).add(fig.quarter)
    return {key: tuple(sorted(found)) for key, found in quarters.items()}
