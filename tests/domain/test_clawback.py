"""Clawback proposal (DOMAIN.md section 8): the two bases, the threshold, the cap."""

from decimal import Decimal
from fractions import Fraction

import pytest

from lda_dash.domain.clawback import clawback_proposal, objective_base, to_json
from lda_dash.domain.rounding import euros


@pytest.mark.parametrize(
    ("allocation", "attainment", "threshold", "below", "base"),
    [
        (55000, Fraction(3, 4), 1, True, 13750),
        (55000, Fraction(1), 1, False, 0),
        (55000, None, 1, False, 0),  # no attainment: nothing
        (40000, Fraction(85, 100), Fraction(85, 100), False, 0),  # exactly at θ: nothing
        (40000, Fraction(84, 100), Fraction(85, 100), True, 6400),  # below θ: the whole shortfall
        (40000, Fraction(99995, 100000), 1, False, 0),  # rounds to 1.0000 for the comparison
        (40000, Fraction(99994, 100000), 1, True, 2),  # 40000 × 0.00006 = 2.4 → 2
        (1, Fraction(1, 2), 1, True, 1),  # 0.5 € rounds half up
        (3, Fraction(1, 2), 1, True, 2),  # 1.5 € rounds half up
        (33000, Fraction(0), 1, True, 33000),
    ],
)
def test_objective_base(allocation, attainment, threshold, below, base):
    assert objective_base(Decimal(allocation), attainment, Fraction(threshold)) == (below, base)


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [(Fraction(5, 2), 3), (Fraction(49, 10), 5), (Fraction(449, 100), 4), (Fraction(0), 0)],
)
def test_euros_round_half_up(amount, rounded):
    assert euros(amount) == rounded


def proposal(**overrides):
    args = dict(
        year=2021,
        payment=Decimal(1000),
        allocations={1: Decimal(600), 2: Decimal(400)},
        attainments={1: Fraction(1, 2), 2: Fraction(1)},
        payments={2021: Decimal(1000)},
        spending={},
        decided={},
        threshold=Fraction(1),
    )
    args.update(overrides)
    return clawback_proposal(**args)


def test_without_spending_reported_there_is_no_unspent_base():
    result = proposal()
    assert result.unspent_base is None
    assert result.objective_base_total == 300
    assert result.proposed_total == 300


def test_the_larger_base_is_proposed():
    result = proposal(spending={2021: Decimal("400.40")})
    assert result.unspent_base == 600  # 1000 − 400.40 = 599.60 → 600
    assert result.proposed_total == 600


def test_the_proposal_is_capped_at_the_year_payment():
    result = proposal(
        year=2022,
        payment=Decimal(100),
        payments={2021: 1000, 2022: 100},
        spending={2021: Decimal(0)},
    )
    assert result.unspent_base == 1100
    assert result.proposed_total == 100


def test_unspent_base_is_cumulative_and_reduced_by_earlier_decisions_only():
    result = proposal(
        year=2022,
        payment=Decimal(500),
        payments={2021: Decimal(1000), 2022: Decimal(500), 2023: Decimal(9999)},
        spending={2021: Decimal(700), 2022: Decimal(300), 2023: Decimal(1)},
        decided={2021: Decimal(200), 2022: Decimal(99)},
        attainments={1: Fraction(1), 2: Fraction(1)},
    )
    # 1000 + 500 − (700 + 300) − 200 (2022's own decision and 2023 do not count)
    assert result.unspent_base == 300
    assert result.proposed_total == 300


def test_unspent_base_is_never_negative():
    result = proposal(spending={2021: Decimal(1500)}, attainments={1: Fraction(1), 2: Fraction(1)})
    assert result.unspent_base == 0
    assert result.proposed_total == 0


def test_a_spending_figure_of_an_earlier_year_is_enough_for_an_unspent_base():
    result = proposal(
        year=2022,
        payment=Decimal(100),
        payments={2021: 1000, 2022: 100},
        spending={2021: Decimal(1000)},
    )
    assert result.unspent_base == 100


def test_json_shape():
    data = to_json(proposal())
    assert set(data) == {
        "year",
        "payment",
        "threshold",
        "actions",
        "objective_base_total",
        "unspent_base",
        "proposed_total",
    }
    assert data["actions"][0] == {
        "action": 1,
        "allocation": 600,
        "attainment": 0.5,
        "objective_base": 300,
    }
