"""Year values from database aggregates equal those from the quarters (DOMAIN.md 4), and the
integer threshold comparison equals the rounded-Decimal one (DOMAIN.md 5)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from lda_dash.domain.model import Mode, QuarterFigure
from lda_dash.domain.progress import (
    YearAggregate,
    aggregate_year_value,
    reaches,
    year_value,
)
from lda_dash.domain.rounding import ratio_4

SCALE = 1_000_000


def aggregate_of(figures: dict[int, QuarterFigure]) -> YearAggregate:
    """What the SQL of repository.national sums up, in millionths."""
    quarters = tuple(sorted(figures))
    values = [figures[q].value for q in quarters if figures[q].value is not None]
    scaled = [int(Decimal(v) * SCALE) for v in values]
    rates = [figures[q] for q in quarters if figures[q].denominator is not None]
    return YearAggregate(
        quarters,
        sum(scaled) if scaled else None,
        int(Decimal(figures[quarters[-1]].value) * SCALE) if values else None,
        max(scaled) if scaled else None,
        sum(f.numerator for f in rates) if rates else None,
        sum(f.denominator for f in rates) if rates else None,
        SCALE,
    )


def quarters(values: dict[int, object]) -> dict[int, QuarterFigure]:
    out = {}
    for quarter, value in values.items():
        if isinstance(value, tuple):
            out[quarter] = QuarterFigure(1, "X", 2021, quarter, None, *value)
        else:
            out[quarter] = QuarterFigure(1, "X", 2021, quarter, Decimal(value))
    return out


@pytest.mark.parametrize(
    ("mode", "values", "expected"),
    [
        (Mode.SOMME, {1: "10", 2: "12", 4: "3"}, Fraction(25)),
        (Mode.SOMME, {1: "0.1", 2: "0.2"}, Fraction(3, 10)),  # euros: exact, not 0.30000000004
        (Mode.SOMME, {3: "1234.56"}, Fraction(123456, 100)),
        (Mode.CUMUL_ANNUEL, {1: "5", 2: "9", 3: "14"}, Fraction(14)),
        (Mode.CUMUL_ANNUEL, {1: "5", 3: "14"}, Fraction(14)),  # the latest reported quarter
        (Mode.STOCK, {1: "40", 2: "38.5"}, Fraction(77, 2)),
        (Mode.STOCK, {2: "12", 4: "0"}, Fraction(0)),
        (Mode.JALON, {1: "0", 2: "1", 3: "0"}, Fraction(1)),
        (Mode.JALON, {1: "0", 2: "0"}, Fraction(0)),
        (Mode.TAUX, {1: (30, 60), 2: (20, 40)}, Fraction(50)),
        (Mode.TAUX, {1: (1, 3)}, Fraction(100, 3)),
    ],
)
def test_the_aggregate_year_value_equals_the_year_value_of_the_quarters(mode, values, expected):
    figures = quarters(values)
    assert year_value(mode, figures) == expected
    assert aggregate_year_value(mode, aggregate_of(figures)) == expected


@pytest.mark.parametrize("mode", list(Mode))
def test_no_aggregate_means_no_year_value(mode):
    assert aggregate_year_value(mode, None) is None
    assert aggregate_year_value(mode, YearAggregate(())) is None


def reaches_by_decimal(ratio: Fraction, threshold) -> bool:
    """The definition: round half up to 4 decimals, then compare."""
    limit = threshold if isinstance(threshold, Fraction) else Fraction(str(threshold))
    return ratio_4(ratio) >= limit


@pytest.mark.parametrize(
    ("ratio", "threshold", "expected"),
    [
        (Fraction(16999, 20000), Fraction(85, 100), True),  # 0.84995 rounds up to 0.8500
        (Fraction(16998, 20000), Fraction(85, 100), False),  # 0.8499
        (Fraction(85, 100), Fraction(85, 100), True),  # exactly at the threshold
        (Fraction(1), 1, True),
        (Fraction(99995, 100000), 1, True),  # 0.99995 rounds to 1.0000
        (Fraction(99994, 100000), 1, False),
        (Fraction(2, 3), Decimal("0.6667"), True),
        (Fraction(2, 3), 0.6668, False),
        (Fraction(0), Fraction(0), True),
        (Fraction(7, 4), Fraction(1), True),
    ],
)
def test_reaching_a_threshold_compares_the_ratio_rounded_half_up(ratio, threshold, expected):
    assert reaches(ratio, threshold) is expected
    assert reaches_by_decimal(ratio, threshold) is expected
