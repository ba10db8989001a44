"""What the Finances, Répartition, Contrôle and Verrous pages read, one unit of work each.

No Streamlit here, so the loaders are testable. Control views count validated figures only
(DOMAIN.md section 9); what is submitted but not yet validated is counted apart, to be shown as
such, never added in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from lda_dash import storage
from lda_dash.domain.clawback import ClawbackProposal
from lda_dash.domain.finances import FinanceReport
from lda_dash.domain.forecast import ForecastReport
from lda_dash.domain.model import SPENDING_CODE
from lda_dash.domain.pending_work import PendingIndicator, pending_work
from lda_dash.domain.workflow import FigureStatus
from lda_dash.services.context import Context, Selection, page_unit_of_work
from lda_dash.services.control import (
    ControlRefused,
    load_allocation,
    load_clawback,
    load_default_allocation,
)
from lda_dash.services.finances import load_finances
from lda_dash.services.forecast import open_year_forecast
from lda_dash.services.settings import clawback_threshold


@dataclass(frozen=True)
class YearPage:
    """What the Contrôle, Finances and Répartition pages show around their content."""

    context: Context
    titles: dict[int, str]  # action number -> title
    payment: Decimal | None  # the year's payment, None while not recorded


@dataclass(frozen=True)
class ControlData(YearPage):
    """The clawback proposal of a year with every term, and what was decided and locked."""

    stored_threshold: Fraction
    threshold: Fraction
    proposal: ClawbackProposal | None
    refusal: str | None  # why no proposal can be computed, in French
    allocation_overridden: bool
    pending_figures: int  # figures of the year submitted but not validated: they do not count
    decision: dict | None
    lock: dict | None
    forecast: ForecastReport | None = None  # an open year: the forecast, from validated figures
    # Indicators of the year not wholly validated: what the decision would leave out for good.
    pending_work: tuple[PendingIndicator, ...] = ()

    @property
    def locked(self) -> bool:
        return bool(self.lock and self.lock["locked"])


@dataclass(frozen=True)
class FinancesData(YearPage):
    """The year's finances from validated figures, and the spending still awaiting validation."""

    finances: FinanceReport
    pending_spending: dict[int, Fraction]


@dataclass(frozen=True)
class AllocationData(YearPage):
    """The year's allocation in force, the default rule's, who overrode it, and its history."""

    refusal: str | None
    default: dict[int, Decimal]
    current: dict[int, Decimal]
    overridden: bool
    override: dict | None
    history: list[dict]
    locked: bool


@dataclass(frozen=True)
class YearLockRow:
    """One year of the convention: payment, decision, lock."""

    year: int
    payment: Decimal | None
    decision: dict | None
    lock: dict | None

    @property
    def locked(self) -> bool:
        return bool(self.lock and self.lock["locked"])


@dataclass(frozen=True)
class LocksData:
    context: Context
    years: list[YearLockRow]
    history: list[dict]  # lock changes and decisions, newest first


def _year_page(con, context: Context) -> dict:
    """The fields of YearPage, to build any of its kinds."""
    cid = context.convention_id
    return {
        "context": context,
        "titles": {a["number"]: a["title"] for a in storage.actions(con, cid)},
        "payment": storage.payments(con, cid).get(context.year),
    }


def load_control(
    path: Path | str | None,
    wanted: Selection,
    *,
    threshold: Fraction | None = None,
    as_of: date | None = None,
) -> ControlData:
    """The proposal at `threshold` (the stored setting by default), never changing the setting."""
    with page_unit_of_work(path, wanted, as_of) as (con, context, figures):
        cid, year = context.convention_id, context.year
        stored = clawback_threshold(con)
        used = stored if threshold is None else threshold
        proposal, refusal, overridden = None, None, False
        try:
            proposal, _ = load_clawback(con, cid, year, threshold=used, as_of=context.as_of)
            overridden = load_allocation(con, cid, year)[1]
        except ControlRefused as refused:
            refusal = str(refused)
        decision = next((d for d in storage.decisions(con, cid) if d["year"] == year), None)
        return ControlData(
            **_year_page(con, context),
            stored_threshold=stored,
            threshold=used,
            proposal=proposal,
            refusal=refusal,
            allocation_overridden=overridden,
            pending_figures=sum(
                1 for f in figures if f.year == year and f.status == FigureStatus.SUBMITTED
            ),
            decision=decision,
            lock=storage.year_locks(con, cid).get(year),
            forecast=open_year_forecast(
                con, cid, year, context.as_of, threshold=used, validated_only=True
            ),
            pending_work=tuple(pending_work(storage.indicator_specs(con, cid), figures, year)),
        )


def load_finance_page(
    path: Path | str | None, wanted: Selection, as_of: date | None = None
) -> FinancesData:
    """Finances of the year, validated figures only; submitted spending per action apart."""
    with page_unit_of_work(path, wanted, as_of) as (con, context, figures):
        cid, year = context.convention_id, context.year
        pending: dict[int, Fraction] = {}
        for fig in figures:
            if (
                fig.code == SPENDING_CODE
                and fig.year == year
                and fig.status == FigureStatus.SUBMITTED
            ):
                pending[fig.action] = pending.get(fig.action, Fraction(0)) + Fraction(fig.value)
        return FinancesData(
            **_year_page(con, context),
            finances=load_finances(con, cid, year, context.as_of, validated_only=True),
            pending_spending=pending,
        )


def load_allocation_page(
    path: Path | str | None, wanted: Selection, as_of: date | None = None
) -> AllocationData:
    """What the allocation editor starts from."""
    with page_unit_of_work(path, wanted, as_of) as (con, context, _):
        cid, year = context.convention_id, context.year
        try:
            default = load_default_allocation(con, cid, year)
            current, overridden = load_allocation(con, cid, year)
            refusal = None
        except ControlRefused as refused:
            default, current, overridden, refusal = {}, {}, False, str(refused)
        history = [
            row for row in storage.history_of_year(con, cid, year) if row["entity"] == "allocation"
        ]
        return AllocationData(
            **_year_page(con, context),
            refusal=refusal,
            default=default,
            current=current,
            overridden=overridden,
            override=storage.allocation_record(con, cid, year) if overridden else None,
            history=list(reversed(history)),  # newest first
            locked=storage.is_year_locked(con, cid, year),
        )


def load_locks(path: Path | str | None, wanted: Selection, as_of: date | None = None) -> LocksData:
    """Every year of the convention with its decision and lock, and the lock history."""
    with page_unit_of_work(path, wanted, as_of) as (con, context, _):
        cid = context.convention_id
        payments = storage.payments(con, cid)
        decisions = {d["year"]: d for d in storage.decisions(con, cid)}
        locks = storage.year_locks(con, cid)
        years = [
            YearLockRow(year, payments.get(year), decisions.get(year), locks.get(year))
            for year in context.years
        ]
        history = storage.history(con, cid)
        # A decision locks its year too: its row belongs to the story of the locks.
        lock_rows = history[history["entity"].isin(["lock", "decision"])].to_dict("records")
        return LocksData(context=context, years=years, history=lock_rows)
