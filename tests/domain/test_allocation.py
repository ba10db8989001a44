"""Allocation of a year's payment (DOMAIN.md section 7): largest remainder, ties, exact sums."""

from decimal import Decimal
from fractions import Fraction

import pytest

from lda_dash.domain.allocation import default_allocation, largest_remainder, need_year2


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        (100, {1: 1, 2: 1, 3: 1}, {1: 34, 2: 33, 3: 33}),  # tie: lower number first
        (100, {3: 1, 1: 1, 2: 1}, {1: 34, 2: 33, 3: 33}),  # order of input does not matter
        (10, {1: 1, 2: 2}, {1: 3, 2: 7}),  # 3.33 / 6.67: the larger remainder wins
        (7, {1: 0, 2: 5}, {1: 0, 2: 7}),  # no need, no money
        (0, {1: 1, 2: 1}, {1: 0, 2: 0}),
        (5, {1: 0, 2: 0}, {1: 0, 2: 0}),  # nothing to share pro rata of
        (101, {1: 1, 2: 1}, {1: 51, 2: 50}),
    ],
)
def test_largest_remainder(total, weights, expected):
    shares = largest_remainder(total, {k: Fraction(v) for k, v in weights.items()})
    assert shares == expected
    if any(weights.values()):
        assert sum(shares.values()) == total


@pytest.mark.parametrize(
    ("cost", "cofunding", "need"),
    [(66000, 33000, 33000), (5000, 8000, 0), (5000, 5000, 0), (None, None, 0), (3000, None, 3000)],
)
def test_need_is_never_negative(cost, cofunding, need):
    as_dec = lambda v: None if v is None else Decimal(v)  # noqa: E731
    assert need_year2(as_dec(cost), as_dec(cofunding)) == need


def test_first_year_takes_the_annex_ami_column():
    ami = {1: Decimal(33000), 2: Decimal(55000), 3: None}
    shares = default_allocation(2021, 2021, Decimal(88000), ami, {})
    assert shares == {1: 33000, 2: 55000, 3: 0}


def test_later_years_share_the_payment_pro_rata_of_year_two_needs():
    needs = {1: Fraction(33000), 2: Fraction(55000), 3: Fraction(0)}
    shares = default_allocation(2022, 2021, Decimal(1000), {}, needs)
    # 1000 × 33/88 = 375, 1000 × 55/88 = 625
    assert shares == {1: 375, 2: 625, 3: 0}
    assert default_allocation(2025, 2021, Decimal(1000), {}, needs) == shares


def test_dijon_2022_allocation_sums_exactly_to_the_payment(db_path):
    from lda_dash.services.control import load_allocation
    from lda_dash.storage import database

    with database.connect(db_path) as con:
        shares, overridden = load_allocation(con, "dijon-2021-2022", 2022)
    assert not overridden
    assert sum(shares.values()) == 163099
    # need of action 1: 66 000 − 33 000; Σ needs 482 000 (action 15's is 0, not −3 000)
    assert shares[1] == 163099 * 33000 // 482000
    assert shares[15] == 0
