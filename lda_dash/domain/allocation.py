"""Allocation of a year's payment to actions (DOMAIN.md section 7)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

from lda_dash.domain.progress import as_fraction


def need_year2(cost_y2: Decimal | None, cofunding_y2: Decimal | None) -> Fraction:
    """An action's need for later years: max(0, estimated cost − estimated cofunding)."""
    need = as_fraction(cost_y2 or Decimal(0)) - as_fraction(cofunding_y2 or Decimal(0))
    return max(Fraction(0), need)


def largest_remainder(total: int, weights: Mapping[int, Fraction]) -> dict[int, int]:
    """Split `total` euros pro rata of `weights`, rounded so the shares sum exactly to `total`.

    Each share is first rounded down; the euros left go one each to the largest remainders,
    ties to the lower action number. With no weight at all nothing can be shared: all zero.
    """
    weight_sum = sum(weights.values(), Fraction(0))
    if weight_sum == 0:
        return dict.fromkeys(weights, 0)
    # On whole numbers (every weight times the common denominator), exactly as with fractions:
    # total × w / Σw has the floor (total × n) // N and the remainder (total × n) % N over N.
    # Fractions made the allocation of hundreds of conventions take seconds.
    common = math.lcm(*(Fraction(w).denominator for w in weights.values()))
    scaled = {key: int(Fraction(w) * common) for key, w in weights.items()}
    scaled_sum = sum(scaled.values())
    shares, remainders = {}, {}
    for key, weight in scaled.items():
        shares[key], remainders[key] = divmod(total * weight, scaled_sum)
    left = total - sum(shares.values())
    order = sorted(scaled, key=lambda key: (-remainders[key], key))
    for key in order[:left]:
        shares[key] += 1
    return shares


def default_allocation(
    year: int,
    first_year: int,
    payment: Decimal,
    ami_y1: Mapping[int, Decimal | None],
    needs_y2: Mapping[int, Fraction],
) -> dict[int, Decimal]:
    """The default rule: year 1 takes the annex's AMI column, later years the year-2 pro rata."""
    if year == first_year:
        return {action: Decimal(amount or 0) for action, amount in ami_y1.items()}
    euros = int(Decimal(payment).to_integral_value())
    return {action: Decimal(share) for action, share in largest_remainder(euros, needs_y2).items()}
