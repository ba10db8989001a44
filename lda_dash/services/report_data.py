"""Everything the execution report and the presentation of a year show, read in one unit of work.

The Prefect relies on the report (Articles 2 and 4), so it counts validated figures only. For a
year that is not over, the report still states the progress so far, and says why no clawback
proposal can be computed yet. The presentation (issue 5) tells the same story to partners and
officials; it also compares with the year before and says who has not reported yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from lda_dash import storage
from lda_dash.domain.clawback import ClawbackProposal
from lda_dash.domain.model import COUNTED_STATUSES, Mode, QuarterFigure
from lda_dash.services.amendments import source_line
from lda_dash.services.control import (
    ControlRefused,
    clawback_threshold,
    convention_record,
    load_clawback,
)
from lda_dash.services.evidence import evidence_lines
from lda_dash.services.finances import FinanceReport, load_finances
from lda_dash.services.progress import ProgressReport, group_figures, load_progress
from lda_dash.services.setup import is_demo
from lda_dash.storage import database


@dataclass(frozen=True)
class ExecutionReportData:
    """The year's references, progress, quarterly figures, finances, proposal and history."""

    convention: dict
    year: int
    as_of: date
    generated_at: datetime
    demo: bool
    payments: dict[int, Decimal]
    actions: list[dict]
    progress: ProgressReport
    quarters: dict[tuple[int, str], dict[int, Fraction]]
    finances: FinanceReport
    threshold: Fraction
    proposal: ClawbackProposal | None
    no_proposal_reason: str | None
    history: list[dict]
    last_validated: datetime | None
    # For the presentation, which is not a control view: it counts submitted figures too and
    # marks them (DOMAIN.md section 9). The year and the year before with submitted figures, the
    # quarters still waiting for validation and those reported (submitted or validated) per
    # indicator, the partner organisations of each action, and the Prefect's decision.
    submitted_progress: ProgressReport | None = None
    previous_progress: ProgressReport | None = None
    unvalidated: dict[tuple[int, str], tuple[int, ...]] = field(default_factory=dict)
    reported_quarters: dict[tuple[int, str], tuple[int, ...]] = field(default_factory=dict)
    organisations: dict[int, tuple[str, ...]] = field(default_factory=dict)
    decision: dict | None = None
    # « Cibles et versement : Avenant 2022 du 25/05/2022 » (DOMAIN.md 13), and the evidence of
    # the year's figures (file name, size, who, when), which the execution report lists.
    amendment_source: str | None = None
    evidence: list[dict] = field(default_factory=list)

    @property
    def pending_validation(self) -> int:
        """How many figures of the year are submitted and not yet validated."""
        return sum(len(quarters) for quarters in self.unvalidated.values())

    @property
    def titles(self) -> dict[int, str]:
        return {action["number"]: action["title"] for action in self.actions}


def quarter_figure(mode: Mode, figure: QuarterFigure) -> Fraction | None:
    """What a quarter column shows: the figure as entered, a rate as a percentage."""
    if mode == Mode.TAUX:
        if not figure.denominator:
            return None
        return Fraction(100 * figure.numerator, figure.denominator)
    return None if figure.value is None else Fraction(figure.value)


def read_report_data(
    con, convention_id: str, year: int, as_of: date | None = None
) -> ExecutionReportData:
    """Read and compute the report inside the caller's unit of work (validated figures only)."""
    as_of = as_of or date.today()
    convention = convention_record(con, convention_id)
    if year < convention["first_year"]:
        raise ControlRefused(
            f"l'année {year} précède la convention, qui commence en {convention['first_year']}"
        )
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
    grouped = group_figures([fig for fig in counted if fig.status == "validated"])
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
        unvalidated=_quarters_of(counted, year, ("submitted",)),
        reported_quarters=_quarters_of(counted, year, COUNTED_STATUSES),
        organisations=_organisations(con, convention_id),
        decision=next(
            (d for d in storage.decisions(con, convention_id) if d["year"] == year), None
        ),
        amendment_source=source_line(con, convention_id, year, as_of),
        evidence=evidence_lines(con, convention_id, year),
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


def load_report_data(
    path: Path | str | None,
    year: int,
    *,
    convention_id: str | None = None,
    as_of: date | None = None,
) -> ExecutionReportData:
    """One read-only unit of work; the first convention (Dijon) unless one is named."""
    with database.connect(path, read_only=True) as con:
        if convention_id is None:
            found = storage.conventions(con)
            if not found:
                raise ControlRefused("aucune convention chargée")
            convention_id = found[0]["id"]
        return read_report_data(con, convention_id, year, as_of)
