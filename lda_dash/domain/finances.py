"""Finance figures of a convention: budget, allocation, spending, consumption, cost per result.

Rules from DOMAIN.md sections 2, 7 and 8 and issue 4 item 2. Pure functions: the caller reads
the budget lines, allocation, year values and payments, and says which figures count (validated
only in control views and in the execution report).

Cost per result is our reading of "€ per dwelling captured, € per home visit": an amount divided
by the year value of the action's main counted indicator, i.e. its first indicator in catalogue
order whose mode counts things (somme, cumul_annuel, stock). Rates and milestones are left out:
a euro per percentage point or per report produced says nothing about unit cost. No cost per
result when that value is missing or 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from lda_dash.domain.model import SPENDING_CODE, IndicatorSpec, Mode

COUNTED_MODES = (Mode.SOMME, Mode.CUMUL_ANNUEL, Mode.STOCK)

Amount = Decimal | Fraction | int


@dataclass(frozen=True)
class BudgetLine:
    """One action's annex budget for a year: cost, State (AMI) funding, cofunding.

    The annex states no AMI amount for year 2, only cost and cofunding estimates: `ami` is None.
    """

    cost: Decimal | None = None
    ami: Decimal | None = None
    cofunding: Decimal | None = None


@dataclass(frozen=True)
class ActionFinance:
    """Where one action's money stands for a year."""

    action: int
    budget: BudgetLine
    allocation: Decimal | None
    spending: Fraction | None
    consumption: Fraction | None
    result: IndicatorSpec | None
    result_value: Fraction | None
    allocation_per_result: Fraction | None
    spending_per_result: Fraction | None


@dataclass(frozen=True)
class YearBalance:
    """One year of the convention: what was paid, spent, clawed back, and what is carried over."""

    year: int
    payment: Decimal | None
    spending: Decimal | None
    decided_clawback: Decimal | None
    balance: Decimal


def _fraction(amount: Amount | None) -> Fraction | None:
    return None if amount is None else Fraction(amount)


def consumption_rate(spending: Amount | None, allocation: Amount | None) -> Fraction | None:
    """Spending / allocation; None without spending reported, or with no allocation to divide."""
    if spending is None or allocation is None or allocation == 0:
        return None
    return Fraction(spending) / Fraction(allocation)


def cost_per_result(amount: Amount | None, value: Fraction | None) -> Fraction | None:
    """Euros per unit of result; None without an amount or without a positive result."""
    if amount is None or value is None or value <= 0:
        return None
    return Fraction(amount) / value


def main_result_indicator(specs: Iterable[IndicatorSpec]) -> IndicatorSpec | None:
    """The action's first counted indicator (somme, cumul_annuel, stock), spending excluded."""
    for spec in specs:
        if spec.code != SPENDING_CODE and spec.mode in COUNTED_MODES:
            return spec
    return None


def action_finance(
    action: int,
    budget: BudgetLine | None,
    allocation: Amount | None,
    spending: Amount | None,
    result: IndicatorSpec | None,
    result_value: Fraction | None,
) -> ActionFinance:
    """Consumption and cost per result of one action for one year."""
    value = result_value if result is not None else None
    return ActionFinance(
        action=action,
        budget=budget or BudgetLine(),
        allocation=None if allocation is None else Decimal(allocation),
        spending=_fraction(spending),
        consumption=consumption_rate(spending, allocation),
        result=result,
        result_value=value,
        allocation_per_result=cost_per_result(allocation, value),
        spending_per_result=cost_per_result(spending, value),
    )


@dataclass(frozen=True)
class FinanceTotals:
    """Sums over the actions (a missing amount counts for nothing) and the overall consumption."""

    cost: Decimal | None
    ami: Decimal | None
    cofunding: Decimal | None
    allocation: Decimal | None
    spending: Fraction | None
    consumption: Fraction | None


def finance_totals(rows: Iterable[ActionFinance]) -> FinanceTotals:
    """Totals of the action rows; a column with no amount at all totals None, not 0."""
    rows = list(rows)

    def total(values) -> Decimal | None:
        present = [Decimal(v) for v in values if v is not None]
        return sum(present, Decimal(0)) if present else None

    reported = [row.spending for row in rows if row.spending is not None]
    spending = sum(reported, Fraction(0)) if reported else None
    allocation = total(row.allocation for row in rows)
    return FinanceTotals(
        cost=total(row.budget.cost for row in rows),
        ami=total(row.budget.ami for row in rows),
        cofunding=total(row.budget.cofunding for row in rows),
        allocation=allocation,
        spending=spending,
        consumption=consumption_rate(spending, allocation),
    )


def convention_balance(
    years: Iterable[int],
    payments: Mapping[int, Amount],
    spending: Mapping[int, Amount],
    decided: Mapping[int, Amount],
) -> list[YearBalance]:
    """Per year, the balance carried over: Σ payments − Σ spending − Σ decided clawbacks so far.

    Cumulative like the unspent base of DOMAIN.md section 8, but after the clawback decided for
    the year itself: it is what remains with the territory at the end of that year. A year
    without spending reported counts no spending (its `spending` stays None to say so).
    """
    balance = Decimal(0)
    rows = []
    for year in sorted(set(years)):
        payment = payments.get(year)
        spent = spending.get(year)
        clawed = decided.get(year)
        for amount, sign in ((payment, 1), (spent, -1), (clawed, -1)):
            if amount is not None:
                balance += sign * _decimal(amount)
        rows.append(
            YearBalance(
                year=year,
                payment=None if payment is None else _decimal(payment),
                spending=None if spent is None else _decimal(spent),
                decided_clawback=None if clawed is None else _decimal(clawed),
                balance=balance,
            )
        )
    return rows


def _decimal(amount: Amount) -> Decimal:
    """Exact for Decimal and int; a Fraction of euros is taken to the cent (amounts are cents)."""
    if isinstance(amount, Fraction):
        return (Decimal(amount.numerator) / Decimal(amount.denominator)).quantize(Decimal("0.01"))
    return Decimal(amount)


@dataclass(frozen=True)
class FinanceReport:
    """Per action and for the convention, what was planned, allocated, spent and carried over."""

    convention_id: str
    year: int
    validated_only: bool
    actions: list[ActionFinance]
    totals: FinanceTotals
    balance: list[YearBalance]
    allocation_is_override: bool
    allocation_missing: str | None  # why there is no allocation (no payment recorded), in French
