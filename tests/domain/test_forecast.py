"""Forecast « à rythme constant » (DOMAIN.md section 12): every mode, every quarter, the money."""

from decimal import Decimal
from fractions import Fraction

import pytest

from lda_dash.domain.forecast import (
    forecast,
    indicator_forecast,
    project_value,
    projected_action_attainment,
    projected_spending,
)
from lda_dash.domain.model import IndicatorSpec, Mode, QuarterFigure, Status

F = Fraction


@pytest.mark.parametrize(
    ("mode", "value", "quarter", "start", "projected"),
    [
        (Mode.SOMME, F(10), 1, None, F(40)),
        (Mode.SOMME, F(25), 2, None, F(50)),
        (Mode.SOMME, F(30), 3, None, F(40)),
        (Mode.SOMME, F(10), 3, None, F(40, 3)),  # not rounded: 13.33…
        (Mode.SOMME, F(37), 4, None, F(37)),  # q = 4: the year value is final
        (Mode.CUMUL_ANNUEL, F(12), 1, None, F(48)),
        (Mode.CUMUL_ANNUEL, F(30), 2, None, F(60)),
        (Mode.CUMUL_ANNUEL, F(45), 3, None, F(60)),
        (Mode.CUMUL_ANNUEL, F(50), 4, None, F(50)),
        (Mode.STOCK, F(12), 1, F(10), F(18)),  # 10 + 2 × 4
        (Mode.STOCK, F(14), 2, F(10), F(18)),  # 10 + 4 × 2
        (Mode.STOCK, F(16), 3, F(10), F(18)),  # 10 + 6 × 4/3
        (Mode.STOCK, F(16), 4, F(10), F(16)),
        (Mode.STOCK, F(6), 1, None, F(24)),  # no start: 0
        (Mode.STOCK, F(8), 2, F(10), F(6)),  # falling below its start: 10 − 2 × 2
        (Mode.STOCK, F(5), 1, F(10), F(0)),  # falling fast: 10 − 20 clamped at 0
        (Mode.STOCK, F(4), 3, F(10), F(2)),  # 10 − 6 × 4/3 = 2
        (Mode.TAUX, F(140, 3), 1, F(30), F(140, 3)),  # a rate holds
        (Mode.TAUX, F(60), 3, None, F(60)),
        (Mode.JALON, F(1), 2, None, F(1)),  # produced
        (Mode.JALON, F(0), 2, None, None),  # « à produire »: no projection
        (Mode.JALON, F(0), 4, None, F(0)),  # q = 4: not produced is final
    ],
)
def test_project_value(mode, value, quarter, start, projected):
    assert project_value(mode, value, quarter, start) == projected


def spec(mode=Mode.SOMME, target=40, baseline=None, weight=1, action=2, code="CAPT"):
    targets = {2022: None if target is None else Decimal(target)}
    base = None if baseline is None else Decimal(baseline)
    return IndicatorSpec(action, code, code, "n", mode, base, Decimal(weight), targets)


def figures(*values, code="CAPT", action=2, year=2022):
    return {
        q: QuarterFigure(action, code, year, q, Decimal(str(v)))
        for q, v in enumerate(values, 1)
        if v is not None
    }


def rates(*pairs):
    return {
        q: QuarterFigure(8, "TX", 2022, q, None, num, den) for q, (num, den) in enumerate(pairs, 1)
    }


@pytest.mark.parametrize(
    ("indicator", "quarters", "previous", "projected", "attained", "status"),
    [
        (spec(), figures(10, 15), None, F(50), F(5, 4), Status.ACHIEVED),  # the § 12 example
        (spec(), figures(8), None, F(32), F(4, 5), Status.NOT_ACHIEVED),
        (spec(), figures(8, 9, 17), None, F(136, 3), F(17, 15), Status.ACHIEVED),
        (spec(), figures(6, 6, 5.5), None, F(70, 3), F(7, 12), Status.NOT_ACHIEVED),
        (spec(target=80), figures(17, 17), None, F(68), F(85, 100), Status.PARTIALLY_ACHIEVED),
        (
            spec(Mode.CUMUL_ANNUEL, 100),
            figures(20, 45, 63),
            None,
            F(84),
            F(84, 100),
            Status.NOT_ACHIEVED,
        ),
        (spec(Mode.STOCK, 20), figures(12), F(10), F(18), F(9, 10), Status.PARTIALLY_ACHIEVED),
        (
            spec(Mode.STOCK, 20, baseline=10),
            figures(12),
            None,
            F(18),
            F(9, 10),
            Status.PARTIALLY_ACHIEVED,
        ),
        (spec(Mode.STOCK, 20), figures(5), F(10), F(0), F(0), Status.NOT_ACHIEVED),  # clamped
        (
            spec(Mode.TAUX, 60, baseline=40),
            rates((10, 20), (11, 20)),
            None,
            F(105, 2),
            F(5, 8),
            Status.NOT_ACHIEVED,
        ),
        (
            spec(Mode.TAUX, 60, baseline=40),
            rates((7, 20)),
            None,
            F(35),
            F(0),
            Status.NOT_ACHIEVED,
        ),  # below the baseline: never below 0
        (spec(Mode.TAUX, 50), rates((30, 50)), None, F(60), F(6, 5), Status.ACHIEVED),
        (spec(Mode.JALON, 1), figures(0, 1), None, F(1), F(1), Status.ACHIEVED),
        (spec(Mode.JALON, 1), figures(0, 0, 0), None, None, None, None),  # « à produire »
        (spec(Mode.JALON, 1), figures(0, 0, 0, 0), None, F(0), F(0), Status.NOT_ACHIEVED),
    ],
)
def test_indicator_forecast(indicator, quarters, previous, projected, attained, status):
    row = indicator_forecast(indicator, 2022, quarters, previous)
    assert (row.projected, row.projected_attainment, row.status) == (projected, attained, status)
    assert row.quarter == max(quarters)


@pytest.mark.parametrize(
    ("indicator", "quarters"),
    [
        (spec(target=None), figures(10)),  # no target
        (spec(), {}),  # no figure in the year
        (spec(target=None, code="DEP_AMI"), figures(500, code="DEP_AMI")),  # spending
    ],
)
def test_indicators_left_out_of_the_forecast(indicator, quarters):
    assert indicator_forecast(indicator, 2022, quarters) is None


def test_the_watch_threshold_setting_splits_partially_from_not_achieved():
    row = indicator_forecast(spec(target=100), 2022, figures(20), watch_threshold=F(3, 4))
    assert (row.projected_attainment, row.status) == (F(4, 5), Status.PARTIALLY_ACHIEVED)


def rows_of(*pairs):
    """Forecast rows of action 2 from (indicator spec, quarters) pairs."""
    return [indicator_forecast(s, 2022, q) for s, q in pairs]


def test_action_attainment_is_the_weighted_mean_of_capped_projections():
    rows = rows_of(
        (spec(code="A"), figures(20, code="A")),  # â = 2, capped at 1
        (spec(code="B", weight=3), figures(5, code="B")),  # â = 0.5
        (spec(Mode.JALON, 1, code="C"), figures(0, code="C")),  # à produire: left out
    )
    assert projected_action_attainment(rows) == F(1 + 3 * F(1, 2), 4)


def test_an_action_with_only_a_milestone_to_produce_has_no_projection():
    rows = rows_of((spec(Mode.JALON, 1, code="C"), figures(0, 0, code="C")))
    assert projected_action_attainment(rows) is None


def dep(action, *values):
    return figures(*values, code="DEP_AMI", action=action)


@pytest.mark.parametrize(
    ("by_action", "projected"),
    [
        ({}, None),
        ({2: {}}, None),
        ({2: dep(2, 100, 200)}, F(600)),  # 300 × 4 / 2
        ({2: dep(2, 100, 200), 3: dep(3, 50)}, F(800)),  # each action's own q
        ({2: dep(2, 100, 100, 100, 150)}, F(450)),  # q = 4: as reported
        ({2: dep(2, 100, 0, 0.01)}, F(40004, 300)),  # 100.01 × 4 / 3, not rounded
    ],
)
def test_projected_spending(by_action, projected):
    assert projected_spending(by_action) == projected


def money(indicators=(), allocations=None, threshold=1, **overrides):
    args = dict(
        year=2022,
        indicators=list(indicators),
        allocations=allocations or {2: Decimal(10000), 3: Decimal(5000)},
        payments={2021: Decimal(20000), 2022: Decimal(15000)},
        spending_before={},
        spending_projected=None,
        decided={},
        threshold=F(threshold),
    )
    args.update(overrides)
    return forecast(**args)


def test_money_at_risk_per_action_and_in_total():
    rows = rows_of((spec(), figures(6, 6, 6)))  # v̂ = 24, â = 0.6 for action 2
    result = money(rows)
    assert [(a.action, a.projected_attainment, a.at_risk) for a in result.actions] == [
        (2, F(3, 5), 4000),
        (3, None, 0),  # no indicator left: nothing at risk
    ]
    assert (result.objective_at_risk, result.projected_unspent) == (4000, None)
    assert result.projected_total == 4000  # no DEP_AMI anywhere: the objective total


@pytest.mark.parametrize(
    ("quarters", "threshold", "at_risk"),
    [
        (figures(8.5, 8.5), F(85, 100), 0),  # â = 0.85 exactly at θ: nothing
        (figures(8.4, 8.5), F(85, 100), 1550),  # â = 0.845 below θ: the whole shortfall
        (figures(8.4995), F(85, 100), 0),  # â = 0.84995 rounds to 0.8500: nothing
        (figures(8.4994), F(85, 100), 1501),  # â = 0.84994 → 10000 × 0.15006 = 1500.6
        (figures(9.99998, 10), 1, 0),  # â = 0.999999 rounds to 1.0000
        (figures(9.9994), 1, 1),  # â = 0.99994 below 1: 0.6 € rounds to 1
        (figures(9.99995), 1, 0),  # â = 0.999995 rounds half up to 1.0000: nothing
        (figures(7.3), 1, 2700),  # â = 0.73
        (figures(2.49995), F(9, 10), 7500),  # 10000 × (1 − 0.249995) = 7500.05 → 7500
        (figures(0.00005), 1, 10000),  # 10000 × 0.999995 = 9999.95 → 10000 (half up)
    ],
)
def test_threshold_and_rounding_of_the_money_at_risk(quarters, threshold, at_risk):
    result = money(
        rows_of((spec(), quarters)), allocations={2: Decimal(10000)}, threshold=threshold
    )
    assert result.actions[0].at_risk == at_risk


def test_euros_round_half_up_per_action_and_the_total_sums_the_rounded_amounts():
    rows = rows_of(
        (spec(target=8), figures(1)),  # â = 0.5
        (spec(target=8, action=3), figures(1, action=3)),  # â = 0.5
    )
    result = money(rows, allocations={2: Decimal(3), 3: Decimal(5)})
    assert [a.at_risk for a in result.actions] == [2, 3]  # 1.5 → 2, 2.5 → 3
    assert result.objective_at_risk == 5  # not round(4)


def test_projected_unspent_replaces_the_year_spending_by_its_projection():
    result = money(
        spending_before={2021: Decimal("18000.40"), 2023: Decimal(999)},  # a later year ignored
        spending_projected=F(12000),
        decided={2021: Decimal(1000), 2022: Decimal(500)},  # decisions of Y and later ignored
    )
    # 20000 + 15000 − 18000.40 − 12000 − 1000 = 3999.60 → 4000
    assert (result.projected_unspent, result.projected_total) == (4000, 4000)


def test_projected_unspent_is_never_negative_and_the_total_never_above_the_payment():
    assert money(spending_projected=F(40000)).projected_unspent == 0
    rows = rows_of((spec(), figures(1)))  # â = 0.1: 27000 at risk of a 30000 allocation
    result = money(rows, allocations={2: Decimal(30000)}, spending_projected=F(1))
    assert result.objective_at_risk == 27000
    assert result.projected_unspent == 34999
    assert result.projected_total == 15000  # capped by the payment of the year


def test_earlier_spending_alone_gives_a_projected_unspent_base():
    result = money(spending_before={2021: Decimal(19000)})
    assert (result.spending_projected, result.projected_unspent) == (None, 16000)
