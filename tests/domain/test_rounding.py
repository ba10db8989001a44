"""Round half up, the convention's one rounding rule, at its edges (DOMAIN.md sections 5 and 8).

The 4th-decimal cases with an odd digit before the 5 are the ones where Python's own `round`
(half to even) would answer differently: they keep `reaches` and `euros` honest.
"""

from fractions import Fraction

import pytest

from lda_dash.domain.progress import reaches
from lda_dash.domain.rounding import cents, euros, half_up_units, ratio_4


@pytest.mark.parametrize(("ratio", "threshold", "expected"), [
    (Fraction(66665, 100000), Fraction(6667, 10000), True),   # 0.66665 → 0.6667 (even: 0.6666)
    (Fraction(66664, 100000), Fraction(6667, 10000), False),  # 0.66664 → 0.6666
    (Fraction(84995, 100000), Fraction(85, 100), True),       # 0.84995 → 0.8500
    (Fraction(84994, 100000), Fraction(85, 100), False),
    (Fraction(99995, 100000), 1, True),                       # 0.99995 → 1.0000: reaches 1
    (Fraction(99994, 100000), 1, False),
    (Fraction(12345, 100000), Fraction(1235, 10000), True),   # 0.12345 → 0.1235 (even: 0.1234)
    (Fraction(0), 0, True),
])  # fmt: skip
def test_a_ratio_reaches_a_threshold_once_rounded_half_up(ratio, threshold, expected):
    assert reaches(ratio, threshold) is expected
    assert (ratio_4(ratio) >= threshold) is expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Fraction(5, 2), 3),  # half to even would give 2
        (Fraction(7, 2), 4),
        (Fraction(49999, 100), 500),
        (Fraction(4999, 10), 500),
        (Fraction(4994, 10), 499),
        (Fraction(-5, 2), -3),  # symmetric for a negative amount
        (Fraction(0), 0),
    ],
)
def test_amounts_round_half_up_to_the_euro(amount, expected):
    assert euros(amount) == expected


@pytest.mark.parametrize(
    ("value", "scale", "expected"),
    [(Fraction(1, 2), 1, 1), (Fraction(1, 3), 1, 0), (Fraction(125, 1000), 100, 13)],
)
def test_half_up_units(value, scale, expected):
    assert half_up_units(value, scale) == expected


@pytest.mark.parametrize(
    ("amount", "expected"), [("2.345", "2.35"), ("2.355", "2.36"), ("2.344", "2.34")]
)
def test_cents_round_half_up(amount, expected):
    from decimal import Decimal

    assert cents(Decimal(amount)) == Decimal(expected)
