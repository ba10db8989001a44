"""The national view's own reading: a territory's attainment, and the order of territories."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

import pytest

from lda_dash.services.national_data import Territory, _mean, _ordered

ACTIONS = {1: ("Coordination", "1. Coordination /animation"),
           2: ("Captation", "2. Ingénierie de projet"),
           3: ("Maraude", "3. Mesures d'intervention sociale")}  # fmt: skip
ALL = {category for _, category in ACTIONS.values()}


@pytest.mark.parametrize(
    ("attainments", "chosen", "expected"),
    [
        ({1: Fraction(1), 2: Fraction(1, 2), 3: Fraction(0)}, ALL, Fraction(1, 2)),
        ({1: Fraction(1), 2: None, 3: Fraction(0)}, ALL, Fraction(1, 2)),  # no attainment: out
        ({1: Fraction(1), 2: Fraction(1, 2)}, {"2. Ingénierie de projet"}, Fraction(1, 2)),
        ({1: None, 2: None}, ALL, None),
        ({}, ALL, None),
        ({1: Fraction(3, 4)}, {"6. Communication"}, None),  # no action in the category
    ],
)
def test_a_territory_attainment_is_the_plain_mean_of_its_chosen_actions(
    attainments, chosen, expected
):
    assert _mean(attainments, ACTIONS, chosen) == expected


def territory(name: str, attainment: Fraction | None) -> Territory:
    return Territory(name, name, attainment, Counter(), None, None)


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("late", ["B", "C", "A", "D"]),
        ("ahead", ["A", "C", "B", "D"]),
        ("name", ["A", "B", "C", "D"]),
    ],
)
def test_territories_without_attainment_come_last_whatever_the_order(order, expected):
    found = [
        territory("A", Fraction(9, 10)),
        territory("B", Fraction(1, 2)),
        territory("C", Fraction(3, 4)),
        territory("D", None),
    ]
    assert [t.name for t in _ordered(found, order)] == expected
