"""Everything known of a convention's year, as values: references, progress, quarterly figures,
finances, the clawback proposal, the decision and the history.

The execution report (XLSX, PDF), the présentation and its deck all draw from this one value, so
they tell the same story; services.report_data reads it in one unit of work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from lda_dash.domain.clawback import ClawbackProposal
from lda_dash.domain.finances import FinanceReport
from lda_dash.domain.forecast import ForecastReport
from lda_dash.domain.model import Mode, QuarterFigure
from lda_dash.domain.progress_report import ProgressReport


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
    # An open year's forecast « à rythme constant » (submitted and validated figures).
    forecast: ForecastReport | None = None
    # « Cibles et versement : Avenant 2022 du 25/05/2022 » (DOMAIN.md 13), and the evidence of
    # the year's figures (file name, size, who, when), which the execution report lists.
    amendment_source: str | None = None
    evidence: list[dict] = field(default_factory=list)
    # The last change of the convention's figures: the one « données au » of every document.
    data_date: datetime | None = None

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
