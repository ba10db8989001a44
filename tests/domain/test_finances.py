"""Finance figures (issue 4 item 2): consumption, cost per result, totals, balance carried over."""

from decimal import Decimal
from fractions import Fraction

import pytest

from lda_dash.domain.finances import (
    BudgetLine,
    action_finance,
    consumption_rate,
    convention_balance,
    cost_per_result,
    finance_totals,
    main_result_indicator,
)
from lda_dash.domain.model import IndicatorSpec, Mode


def spec(code: str, mode: Mode, unit: str = "unités") -> IndicatorSpec:
    return IndicatorSpec(action=2, code=code, label=code, unit=unit, mode=mode)


@pytest.mark.parametrize(
    ("spending", "allocation", "rate"),
    [
        (Decimal(27500), Decimal(55000), Fraction(1, 2)),
        (Decimal(0), Decimal(55000), Fraction(0)),  # spending reported as 0 is a rate of 0
        (Decimal(60000), Decimal(55000), Fraction(12, 11)),  # overspending is shown, not capped
        (None, Decimal(55000), None),  # no spending reported: no rate
        (Decimal(100), Decimal(0), None),  # zero allocation: nothing to divide by
        (Decimal(100), None, None),  # no allocation (no payment recorded)
        (Fraction(1, 3), 1, Fraction(1, 3)),  # exact, no rounding
    ],
)
def test_consumption_rate(spending, allocation, rate):
    assert consumption_rate(spending, allocation) == rate


@pytest.mark.parametrize(
    ("amount", "value", "per_result"),
    [
        (Decimal(55000), Fraction(40), Fraction(1375)),  # € per dwelling captured
        (Decimal(45000), Fraction(232), Fraction(45000, 232)),  # € per home visit
        (Decimal(0), Fraction(2), Fraction(0)),  # nothing allocated: 0 € per result
        (Decimal(55000), Fraction(0), None),  # no result to divide by
        (Decimal(55000), None, None),  # no figure
        (None, Fraction(40), None),  # no amount (no spending reported)
    ],
)
def test_cost_per_result(amount, value, per_result):
    assert cost_per_result(amount, value) == per_result


@pytest.mark.parametrize(
    ("specs", "chosen"),
    [
        ([spec("CAPT", Mode.SOMME), spec("DEP_AMI", Mode.SOMME, "€")], "CAPT"),
        ([spec("DEP_AMI", Mode.SOMME, "€"), spec("ASLL", Mode.CUMUL_ANNUEL)], "ASLL"),
        ([spec("GLA", Mode.STOCK)], "GLA"),
        ([spec("TX_REP", Mode.TAUX), spec("VAD", Mode.SOMME)], "VAD"),  # rates are skipped
        ([spec("BILAN", Mode.JALON), spec("DEP_AMI", Mode.SOMME, "€")], None),  # milestones
        ([spec("FORM_AV", Mode.CUMUL_ANNUEL), spec("FORM_PU", Mode.CUMUL_ANNUEL)], "FORM_AV"),
        ([], None),
    ],
)
def test_the_main_result_is_the_first_counted_indicator(specs, chosen):
    found = main_result_indicator(specs)
    assert (found.code if found else None) == chosen


@pytest.mark.parametrize(
    ("allocation", "spending", "value", "consumption", "per_allocation", "per_spending"),
    [
        (55000, Decimal("49753.64"), Fraction(40), Fraction("49753.64") / 55000,
         Fraction(1375), Fraction("49753.64") / 40),
        (0, Decimal(0), Fraction(2), None, Fraction(0), Fraction(0)),  # zero allocation
        (55000, None, Fraction(40), None, Fraction(1375), None),  # no spending reported
        (55000, Decimal(100), None, Fraction(100, 55000), None, None),  # no value yet
        (55000, Decimal(100), Fraction(0), Fraction(100, 55000), None, None),  # value 0
        (None, Decimal(100), Fraction(40), None, None, Fraction(5, 2)),  # no allocation
    ],
)  # fmt: skip
def test_action_finance(allocation, spending, value, consumption, per_allocation, per_spending):
    line = action_finance(2, None, allocation, spending, spec("CAPT", Mode.SOMME), value)
    assert line.consumption == consumption
    assert line.allocation_per_result == per_allocation
    assert line.spending_per_result == per_spending
    assert line.budget == BudgetLine()


def test_an_action_without_counted_indicator_has_no_cost_per_result():
    line = action_finance(1, BudgetLine(Decimal(66000)), 33000, Decimal(100), None, Fraction(1))
    assert line.result_value is None and line.allocation_per_result is None


def test_totals_leave_a_column_without_any_amount_empty():
    year2 = BudgetLine(Decimal(66000), None, Decimal(33000)), BudgetLine(Decimal(55000), None, 0)
    rows = [
        action_finance(1, year2[0], 11166, None, None, None),
        action_finance(2, year2[1], 18611, Decimal(500), None, None),
    ]
    totals = finance_totals(rows)
    assert totals.cost == 121000 and totals.cofunding == 33000 and totals.allocation == 29777
    assert totals.ami is None  # the annex states no AMI amount for year 2
    assert totals.spending == 500 and totals.consumption == Fraction(500, 29777)
    assert finance_totals([]).spending is None and finance_totals([]).consumption is None


@pytest.mark.parametrize(
    ("payments", "spending", "decided", "expected"),
    [
        # the demo story: 494 000 paid, 443 935,25 spent, then 163 099 paid, 114 733 spent
        ({2021: 494000, 2022: 163099}, {2021: Decimal("443935.25"), 2022: 114733}, {},
         [Decimal("50064.75"), Decimal("98430.75")]),
        # a decided clawback leaves the territory at the end of its year
        ({2021: 494000, 2022: 163099}, {2021: 400000, 2022: 100000}, {2021: 50000},
         [Decimal(44000), Decimal(107099)]),
        # no spending reported yet: nothing is taken off
        ({2021: 494000, 2022: 163099}, {}, {}, [Decimal(494000), Decimal(657099)]),
        # a year without payment carries the balance over
        ({2021: 1000}, {2021: 600, 2022: 100}, {}, [Decimal(400), Decimal(300)]),
        # spending above the payments gives a negative balance, shown as is
        ({2021: 1000}, {2021: 1500}, {}, [Decimal(-500), Decimal(-500)]),
    ],
)  # fmt: skip
def test_balance_carried_over_is_cumulative(payments, spending, decided, expected):
    rows = convention_balance([2021, 2022], payments, spending, decided)
    assert [row.balance for row in rows] == expected


def test_balance_rows_say_which_amounts_are_missing():
    rows = convention_balance([2022, 2021], {2021: 1000}, {2021: Fraction(1, 2)}, {})
    assert [row.year for row in rows] == [2021, 2022]
    assert rows[0].spending == Decimal("0.50") and rows[1].spending is None
    assert rows[1].payment is None and rows[1].decided_clawback is None
