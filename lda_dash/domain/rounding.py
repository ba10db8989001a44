"""Round half up, the one rounding rule of DOMAIN.md (sections 5, 8 and 12): ratios to 4
decimals before a threshold comparison, amounts to the euro. Python's `round` rounds half to
even (0.66665 → 0.6666); the convention's rule gives 0.6667, so nothing here uses it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

RATIO_SCALE = 10_000  # 4 decimals


def half_up_units(value: Fraction, scale: int = 1) -> int:
    """`value × scale` rounded half up (away from zero for negatives, symmetrically)."""
    sign = -1 if value < 0 else 1
    magnitude = abs(value)
    units, rest = divmod(magnitude.numerator * scale, magnitude.denominator)
    if 2 * rest >= magnitude.denominator:
        units += 1
    return sign * units


def euros(amount: Fraction) -> int:
    """Round half up to the euro (amounts are never negative here, but stay correct if so)."""
    return half_up_units(amount)


def ratio_4(ratio: Fraction) -> Fraction:
    """A ratio rounded half up to 4 decimals, as the status and clawback rules compare it."""
    return Fraction(half_up_units(ratio, RATIO_SCALE), RATIO_SCALE)


def cents(amount: Decimal) -> Decimal:
    """An amount rounded half up to the cent."""
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
