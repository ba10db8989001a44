"""Allocation of a year's payment to actions (DOMAIN.md section 7)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction


def need_year2(cost_y2: Decimal | None, cofunding_y2: Decimal | None) -> Fraction:
    """An action's need for later years: max(0, estimated cost − estimated cofunding)."""
    return max(Fraction(0), Fraction(cost_y2 or 0) - Fraction(cofunding_y2 or 0))


def largest_remainder(total: int, weights: Mapping[int, Fraction]) -> dict[int, int]:
    """Split `total` euros pro rata of `weights`, rounded so the shares sum exactly to `total`.

    Each share is first rounded down; the euros left go one each to the largest remainders,
    ties to the lower action number. With no weight at all nothing can be shared: all zero.
    """
    weight_sum = sum(weights.values(), Fraction(0))
    if weight_sum == 0:
        return dict.fromkeys(weights, 0)
    exact = {key: Fraction(total) * w / weight_sum for key, w in weights.items()}
    shares = {key: math.floor(value) for key, value in exact.items()}
    left = total - sum(shares.values())
    order = sorted(exact, key=lambda key: (-(exact[key] - shares[key]), key))
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
