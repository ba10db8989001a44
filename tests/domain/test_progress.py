"""Table tests of the progress rules (DOMAIN.md sections 4, 5 and 6), edges included."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from lda_dash.domain.model import IndicatorSpec, Mode, QuarterFigure, Status
from lda_dash.domain.progress import (
    action_attainment,
    attainment,
    expected_to_date,
    indicator_progress,
    year_closed,
    year_value,
)
from lda_dash.domain.rounding import ratio_4

OPEN = date(2021, 8, 15)  # during the year
CLOSED = date(2022, 1, 1)  # the day after 31 December


def spec(mode, target=None, baseline=None, weight=1, code="X", action=1, year=2021):
    targets = {} if target is None else {year: Decimal(str(target))}
    return IndicatorSpec(
        action=action,
        code=code,
        label=code,
        unit="u",
        mode=Mode(mode),
        baseline=None if baseline is None else Decimal(str(baseline)),
        weight=Decimal(weight),
        targets=targets,
    )


def figs(values=None, rates=None, year=2021):
    """Quarter → figure from {quarter: value} or {quarter: (numerator, denominator)}."""
    out = {}
    for q, v in (values or {}).items():
        out[q] = QuarterFigure(1, "X", year, q, value=Decimal(str(v)))
    for q, (n, d) in (rates or {}).items():
        out[q] = QuarterFigure(1, "X", year, q, numerator=n, denominator=d)
    return out


@pytest.mark.parametrize(
    ("mode", "values", "rates", "expected"),
    [
        ("somme", {1: 10, 2: 5, 4: 7}, None, Fraction(22)),
        ("somme", {1: "0.5", 2: "0.25"}, None, Fraction(3, 4)),
        ("cumul_annuel", {1: 10, 2: 25, 3: 31}, None, Fraction(31)),
        ("cumul_annuel", {3: 40, 1: 12}, None, Fraction(40)),  # latest quarter, not the last read
        ("stock", {1: 30, 2: 28}, None, Fraction(28)),
        ("stock", {2: "12.5"}, None, Fraction(25, 2)),
        ("jalon", {1: 0, 2: 1, 3: 0}, None, Fraction(1)),
        ("jalon", {1: 0, 2: 0}, None, Fraction(0)),
        ("taux", None, {1: (10, 40), 2: (30, 40)}, Fraction(50)),  # 100 × 40 / 80
        ("taux", None, {1: (1, 3)}, Fraction(100, 3)),
        ("somme", {}, None, None),
    ],
)
def test_year_value_follows_the_mode(mode, values, rates, expected):
    assert year_value(Mode(mode), figs(values, rates)) == expected


@pytest.mark.parametrize(
    ("mode", "value", "target", "baseline", "expected"),
    [
        ("somme", 30, 40, None, Fraction(3, 4)),
        ("somme", 50, 40, None, Fraction(5, 4)),  # above target: not capped at indicator level
        ("jalon", 1, 1, None, Fraction(1)),
        ("taux", 50, 75, 25, Fraction(1, 2)),  # (50 − 25) / (75 − 25)
        ("taux", 20, 75, 25, Fraction(0)),  # below the baseline: never below 0
        ("taux", 60, 75, None, Fraction(4, 5)),  # no baseline: v / T
        ("stock", 0, 0, None, Fraction(1)),  # zero target reached by any value
        ("taux", 80, 75, 75, Fraction(1)),  # target equal to baseline, reached
        ("taux", 70, 75, 75, Fraction(0)),  # target equal to baseline, missed
        ("taux", 30, 25, 50, Fraction(4, 5)),  # a rate to bring down: (30 − 50) / (25 − 50)
        ("taux", 60, 25, 50, Fraction(0)),  # ... gone up instead: never below 0
        ("taux", 20, 25, 50, Fraction(6, 5)),  # ... brought further down than asked
        ("somme", 0, 40, None, Fraction(0)),
        ("somme", Fraction(1, 3), Fraction(2, 3), None, Fraction(1, 2)),  # not whole numbers
    ],
)
def test_attainment(mode, value, target, baseline, expected):
    b = None if baseline is None else Fraction(baseline)
    assert attainment(Mode(mode), Fraction(value), Fraction(target), b) == expected


@pytest.mark.parametrize(
    ("mode", "target", "quarter", "start", "expected"),
    [
        ("somme", 40, 1, None, Fraction(10)),
        ("cumul_annuel", 70, 3, Fraction(99), Fraction(105, 2)),  # start ignored for flows
        ("stock", 80, 2, Fraction(40), Fraction(60)),  # 40 + (80 − 40) × 2/4
        ("stock", 40, 1, None, Fraction(10)),  # no previous year, no baseline: from 0
        ("taux", 75, 1, Fraction(25), Fraction(75, 2)),  # 25 + 50 × 1/4
        ("taux", 75, 4, Fraction(25), Fraction(75)),
        ("jalon", 1, 2, None, None),
    ],
)
def test_expected_to_date(mode, target, quarter, start, expected):
    assert expected_to_date(Mode(mode), Fraction(target), quarter, start) == expected


@pytest.mark.parametrize(
    ("as_of", "quarters", "closed"),
    [
        (date(2021, 12, 31), (1, 2, 3), False),  # last day of the year: still open
        (date(2022, 1, 1), (), True),
        (date(2021, 6, 30), (1, 2, 3, 4), True),  # all four quarters reported
        (date(2021, 6, 30), (4,), False),
    ],
)
def test_year_closed(as_of, quarters, closed):
    assert year_closed(2021, as_of, quarters) is closed


@pytest.mark.parametrize(
    ("ratio", "rounded"),
    [
        (Fraction(16999, 20000), Decimal("0.8500")),  # 0.84995 rounds half up
        (Fraction(16998, 20000), Decimal("0.8499")),
        (Fraction(2, 3), Decimal("0.6667")),
        (Fraction(66665, 100000), Decimal("0.6667")),  # half up; half to even would give 0.6666
        (Fraction(1), Decimal("1.0000")),
    ],
)
def test_ratios_round_half_up_to_four_decimals(ratio, rounded):
    assert ratio_4(ratio) == Fraction(rounded)


# fmt: off
STATUS_CASES = [
    # mode, target, baseline, values, rates, as_of, previous, status, attainment, expected
    ("somme", None, None, {1: 3}, None, OPEN, None, Status.NO_TARGET, None, None),
    ("somme", None, None, {}, None, CLOSED, None, Status.NO_TARGET, None, None),
    ("somme", 40, None, {}, None, OPEN, None, Status.NO_DATA, None, None),
    ("somme", 40, None, {}, None, CLOSED, None, Status.NO_DATA, None, None),
    ("somme", 40, None, {1: 40}, None, OPEN, None, Status.ACHIEVED, 1, 10),
    ("somme", 40, None, {1: 10}, None, OPEN, None, Status.ON_TRACK, Fraction(1, 4), 10),
    ("somme", 40, None, {1: 8, 2: 9}, None, OPEN, None, Status.WATCH, Fraction(17, 40), 20),
    ("somme", 40, None, {1: 8, 2: 8}, None, OPEN, None, Status.LATE, Fraction(2, 5), 20),
    # pace exactly 0.85 after Q2 (170 of 200) is "à surveiller"
    ("somme", 400, None, {2: 170}, None, OPEN, None, Status.WATCH, Fraction(17, 40), 200),
    ("somme", 400, None, {2: 169}, None, OPEN, None, Status.LATE, Fraction(169, 400), 200),
    ("somme", 40, None, {1: 10, 2: 10}, None, CLOSED, None, Status.NOT_ACHIEVED,
     Fraction(1, 2), 40),
    ("somme", 40, None, {1: 34}, None, CLOSED, None, Status.PARTIALLY_ACHIEVED,
     Fraction(17, 20), 40),
    ("somme", 40, None, {1: 33}, None, CLOSED, None, Status.NOT_ACHIEVED, Fraction(33, 40), 40),
    ("somme", 20000, None, {1: 16999}, None, CLOSED, None, Status.PARTIALLY_ACHIEVED,
     Fraction(16999, 20000), 20000),
    ("somme", 20000, None, {1: 16998}, None, CLOSED, None, Status.NOT_ACHIEVED,
     Fraction(16998, 20000), 20000),
    # four quarters reported: closed even though the calendar year is not over
    ("somme", 40, None, {1: 5, 2: 5, 3: 5, 4: 5}, None, OPEN, None, Status.NOT_ACHIEVED,
     Fraction(1, 2), 40),
    ("cumul_annuel", 70, None, {1: 20, 2: 35}, None, OPEN, None, Status.ON_TRACK,
     Fraction(1, 2), 35),
    ("stock", 80, None, {1: 45}, None, OPEN, Fraction(40), Status.WATCH, Fraction(9, 16), 50),
    ("stock", 80, None, {1: 50}, None, OPEN, Fraction(40), Status.ON_TRACK, Fraction(5, 8), 50),
    ("stock", 40, None, {1: 50}, None, OPEN, None, Status.ACHIEVED, Fraction(5, 4), 10),
    # 30/80 = 37.5 %: (37.5 − 25) / (75 − 25) = 1/4, expected 25 + 50/4 = 37.5
    ("taux", 75, 25, None, {1: (30, 80)}, OPEN, None, Status.ON_TRACK, Fraction(1, 4),
     Fraction(75, 2)),
    ("taux", 75, 25, None, {1: (25, 80)}, OPEN, None, Status.LATE, Fraction(1, 8),
     Fraction(75, 2)),
    ("taux", 75, 25, None, {1: (50, 100)}, CLOSED, None, Status.NOT_ACHIEVED, Fraction(1, 2), 75),
    ("jalon", 1, None, {1: 0, 2: 0}, None, OPEN, None, Status.ON_TRACK, 0, None),
    ("jalon", 1, None, {1: 1}, None, OPEN, None, Status.ACHIEVED, 1, None),
    ("jalon", 1, None, {1: 0}, None, CLOSED, None, Status.NOT_ACHIEVED, 0, None),
    ("somme", 0, None, {1: 0}, None, OPEN, None, Status.ACHIEVED, 1, 0),
]
# fmt: on


@pytest.mark.parametrize(
    ("mode", "target", "baseline", "values", "rates", "as_of", "previous", "status", "a", "e"),
    STATUS_CASES,
)
def test_indicator_status(mode, target, baseline, values, rates, as_of, previous, status, a, e):
    result = indicator_progress(
        spec(mode, target, baseline), 2021, figs(values, rates), as_of, previous
    )
    assert result.status == status
    assert result.attainment == (None if a is None else Fraction(a))
    assert result.expected == (None if e is None else Fraction(e))


def test_the_watch_threshold_is_a_setting():
    row = indicator_progress(
        spec("somme", 40), 2021, figs({1: 32}), CLOSED, threshold=Decimal("0.8")
    )
    assert row.status == Status.PARTIALLY_ACHIEVED


def progress_of(mode, target, values, as_of, weight=1, code="X"):
    return indicator_progress(
        spec(mode, target, weight=weight, code=code), 2021, figs(values), as_of
    )


@pytest.mark.parametrize(
    ("rows", "year_over", "expected"),
    [
        # weighted mean of min(a, 1): (1 × 1 + 3 × 0.5) / 4
        ([("somme", 40, {1: 60}, 1), ("somme", 40, {1: 20}, 3)], True, Fraction(5, 8)),
        # no data counts 0 once the year is over...
        ([("somme", 40, {1: 40}, 1), ("somme", 40, {}, 1)], True, Fraction(1, 2)),
        # ...and is left out before
        ([("somme", 40, {1: 40}, 1), ("somme", 40, {}, 1)], False, Fraction(1)),
        # an indicator without target never counts
        ([("somme", None, {1: 5}, 1), ("somme", 40, {1: 10}, 1)], True, Fraction(1, 4)),
        # nothing left: no attainment yet
        ([("somme", 40, {}, 1)], False, None),
        ([("somme", None, {1: 3}, 1)], True, None),
    ],
)
def test_action_attainment(rows, year_over, expected):
    as_of = CLOSED if year_over else OPEN
    computed = [progress_of(m, t, v, as_of, w) for m, t, v, w in rows]
    assert action_attainment(computed, year_over) == expected


def test_spending_never_counts_in_action_attainment():
    rows = [
        progress_of("somme", 40, {1: 40}, CLOSED),
        progress_of("somme", 1000, {1: 0}, CLOSED, code="DEP_AMI"),
    ]
    assert action_attainment(rows, True) == 1
