"""Finance figures of a convention for a year, read from the database and computed by the rules.

For the Finances page and the execution report. Control views count validated figures only
(DOMAIN.md section 9); other views may count submitted ones too (`validated_only=False`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lda_dash import storage
from lda_dash.domain.finances import (
    ActionFinance,
    BudgetLine,
    FinanceReport,
    action_finance,
    convention_balance,
    finance_totals,
    main_result_indicator,
)
from lda_dash.domain.model import SPENDING_CODE
from lda_dash.domain.progress_report import ProgressReport
from lda_dash.domain.workflow import counted_statuses
from lda_dash.services.control import ControlRefused, convention_record, load_allocation
from lda_dash.services.progress import load_progress


def action_rows(
    report: ProgressReport,
    numbers: list[int],
    budgets: dict[int, BudgetLine],
    allocation: dict[int, Decimal] | None,
) -> list[ActionFinance]:
    """One finance row per action, its spending and results read from the year's progress."""
    rows = []
    for number in numbers:
        indicator_rows = report.rows_of(number)
        spending = next(
            (row.value for row in indicator_rows if row.spec.code == SPENDING_CODE), None
        )
        result = main_result_indicator(row.spec for row in indicator_rows)
        result_value = next(
            (row.value for row in indicator_rows if result and row.spec.code == result.code), None
        )
        rows.append(
            action_finance(
                number,
                budgets.get(number),
                None if allocation is None else allocation.get(number, Decimal(0)),
                spending,
                result,
                result_value,
            )
        )
    return rows


def load_finances(
    con,
    convention_id: str,
    year: int,
    as_of: date,
    *,
    validated_only: bool = True,
    report: ProgressReport | None = None,
    through_year: int | None = None,
) -> FinanceReport:
    """Read and compute the year's finances; `report` avoids computing the progress twice.

    The convention's balance runs from its first year to `through_year` (default: `year`).
    """
    if report is None:
        report = load_progress(con, convention_id, year, as_of, validated_only=validated_only)
    numbers = [action["number"] for action in storage.actions(con, convention_id)]
    budgets = {
        number: BudgetLine(*amounts)
        for number, amounts in storage.budget_of_year(con, convention_id, year).items()
    }
    try:
        allocation, override = load_allocation(con, convention_id, year, as_of)
        missing = None
    except ControlRefused as refusal:
        allocation, override, missing = None, False, str(refusal)
    rows = action_rows(report, numbers, budgets, allocation)

    statuses = list(counted_statuses(validated_only))
    first_year = convention_record(con, convention_id)["first_year"]
    balance = convention_balance(
        range(first_year, (through_year or year) + 1),
        storage.payments(con, convention_id),
        storage.spending_by_year(con, convention_id, statuses),
        storage.decided_amounts(con, convention_id),
    )
    return FinanceReport(
        convention_id=convention_id,
        year=year,
        validated_only=validated_only,
        actions=rows,
        totals=finance_totals(rows),
        balance=balance,
        allocation_is_override=override,
        allocation_missing=missing,
    )
