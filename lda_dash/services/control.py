"""The Prefect's control of a year: allocation of the payment and the clawback proposal.

Reads what the rules of DOMAIN.md sections 7 and 8 need (validated figures only) and runs them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from lda_dash import storage
from lda_dash.domain.allocation import default_allocation, need_year2
from lda_dash.domain.amendments import allocation_in_force
from lda_dash.domain.clawback import ClawbackProposal, clawback_proposal
from lda_dash.domain.progress_report import ProgressReport
from lda_dash.domain.workflow import FigureStatus
from lda_dash.services import calendar
from lda_dash.services.convention_files import stored_annex
from lda_dash.services.in_force import allocation_steps, payment_in_force
from lda_dash.services.progress import load_progress
from lda_dash.services.settings import clawback_threshold


class ControlRefused(ValueError):
    """The year cannot be controlled yet (not over, no payment); the message says why in French."""


def convention_record(con, convention_id: str) -> dict:
    for convention in storage.conventions(con):
        if convention["id"] == convention_id:
            return convention
    raise ControlRefused(f"convention « {convention_id} » inconnue")


def load_default_allocation(
    con, convention_id: str, year: int, payment: Decimal | None = None
) -> dict[int, Decimal]:
    """The year's allocation by the default rule of section 7, override or not; of `payment`
    when given (the payment in force at a date), else of the stored payment."""
    if payment is None:
        payment = storage.payments(con, convention_id).get(year)
    if payment is None:
        raise ControlRefused(f"aucun versement enregistré pour {year}")
    first_year = convention_record(con, convention_id)["first_year"]
    annex = stored_annex(con, convention_id)
    ami_y1 = {row.row: row.ami_y1 for row in annex.rows}
    needs = {row.row: need_year2(row.cost_y2, row.cofunding_y2) for row in annex.rows}
    return default_allocation(year, first_year, payment, ami_y1, needs)


def load_allocation(
    con, convention_id: str, year: int, as_of: date | None = None
) -> tuple[dict[int, Decimal], bool]:
    """The year's allocation per action, and whether it departs from the default rule.

    Without `as_of`, the latest one (reversement's, the allocation editor's): the coordination's
    override, else the default rule. With `as_of`, the one in force on that date (amendments,
    DOMAIN.md 13): progress pages and the forecast judge a date by what applied then.
    """
    if year not in storage.payments(con, convention_id):
        raise ControlRefused(f"aucun versement enregistré pour {year}")
    overrides = storage.allocation_overrides(con, convention_id, year)
    steps = allocation_steps(con, convention_id, year) if as_of is not None else {}
    if not steps:
        if overrides:
            return overrides, True
        paid = None if as_of is None else payment_in_force(con, convention_id, year, as_of)
        return load_default_allocation(con, convention_id, year, paid), False
    paid = payment_in_force(con, convention_id, year, as_of)
    default = load_default_allocation(con, convention_id, year, paid)
    shares = allocation_in_force(steps, overrides or default, as_of, paid, default)
    return shares, shares != default


def load_clawback(
    con,
    convention_id: str,
    year: int,
    *,
    threshold: Fraction | None = None,
    as_of: date | None = None,
) -> tuple[ClawbackProposal, ProgressReport]:
    """The proposal for a year that is over, from validated figures only."""
    as_of = as_of or calendar.today(con)
    if as_of <= date(year, 12, 31):
        raise ControlRefused(
            f"l'année {year} n'est pas terminée : le reversement ne se calcule qu'après le "
            f"31/12/{year}"
        )
    allocation, _ = load_allocation(con, convention_id, year)
    report = load_progress(con, convention_id, year, as_of, validated_only=True)
    proposal = clawback_proposal(
        year=year,
        payment=storage.payments(con, convention_id)[year],
        allocations=allocation,
        attainments=report.action_attainments,
        payments=storage.payments(con, convention_id),
        spending=storage.spending_by_year(con, convention_id, [FigureStatus.VALIDATED]),
        decided=storage.decided_amounts(con, convention_id),
        threshold=clawback_threshold(con) if threshold is None else threshold,
    )
    return proposal, report
