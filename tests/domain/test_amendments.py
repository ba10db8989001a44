"""Amendment rules (DOMAIN.md section 13): the value in force at a date, the refusals."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest

from lda_dash.domain.amendments import (
    Amendment,
    Step,
    allocation_in_force,
    amendment_refusal,
    latest_on_or_before,
    value_in_force,
)

SEED = Step(date(2021, 1, 1), None, D(40))
JUNE = Step(date(2022, 6, 30), D(40), D(45))
SEPT = Step(date(2022, 9, 1), D(45), D(50))


@pytest.mark.parametrize(
    ("steps", "current", "as_of", "expected"),
    [
        ([], D(40), date(2022, 1, 1), D(40)),  # no amendment: the stored target
        ([JUNE], D(45), date(2022, 6, 29), D(40)),  # the day before: the value it replaced
        ([JUNE], D(45), date(2022, 6, 30), D(45)),  # on its date: in force
        ([JUNE], D(45), date(2023, 1, 1), D(45)),
        ([JUNE, SEPT], D(50), date(2022, 7, 15), D(45)),  # between two: the earlier one's
        ([JUNE, SEPT], D(50), date(2022, 9, 1), D(50)),
        ([JUNE, SEPT], D(50), date(2022, 1, 1), D(40)),
        ([SEED], D(40), date(2020, 6, 1), D(40)),  # before a seed that set it: the stored one
        ([SEED], D(55), date(2024, 1, 1), D(55)),  # a later edit by the coordination counts
        ([SEED, JUNE], D(45), date(2021, 5, 1), D(40)),
    ],
)
def test_the_latest_amendment_on_or_before_the_date_applies(steps, current, as_of, expected):
    assert value_in_force(steps, current, as_of) == expected


@pytest.mark.parametrize(
    ("amended_on", "decided_on", "refused"),
    [
        (date(2022, 6, 30), None, False),  # not decided
        (date(2022, 6, 30), date(2023, 3, 1), False),  # dated before the decision
        (date(2023, 3, 1), date(2023, 3, 1), False),  # the same day: not after it
        (date(2023, 3, 2), date(2023, 3, 1), True),
        (date(2024, 1, 1), date(2023, 3, 1), True),
    ],
)
def test_a_decided_year_refuses_an_amendment_dated_after_its_decision(
    amended_on, decided_on, refused
):
    refusal = amendment_refusal(2022, amended_on, decided_on)
    assert (refusal is not None) == refused
    if refused:
        assert "déjà décidée" in refusal and "01/03/2023" in refusal


def _amendment(year, day, reference, recorded=datetime(2024, 1, 1)):
    return Amendment("x", year, day, reference, "", "coord", recorded, ())


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2021, 12, 31), None),
        (date(2022, 5, 25), "Avenant 2022"),
        (date(2022, 9, 1), "Avenant bis"),
        (date(2030, 1, 1), "Avenant bis"),
    ],
)
def test_the_source_of_a_year_is_its_latest_amendment_on_or_before_the_date(as_of, expected):
    found = [
        _amendment(2021, date(2021, 1, 1), "Convention initiale"),
        _amendment(2022, date(2022, 5, 25), "Avenant 2022"),
        _amendment(2022, date(2022, 9, 1), "Avenant bis"),
    ]
    source = latest_on_or_before(found, 2022, as_of)
    assert (source and source.reference) == expected


def test_the_label_says_the_reference_and_the_french_date():
    assert _amendment(2022, date(2022, 5, 25), "Avenant 2022").label() == (
        "Avenant 2022 du 25/05/2022"
    )


# A weight of 2022 set twice: 1 → 3 on 30/06, then 3 → 2 on 01/09 (the latest is stored as the
# last step's value, DOMAIN.md 13: a weight belongs to its year).
W_JUNE = Step(date(2022, 6, 30), D(1), D(3))
W_SEPT = Step(date(2022, 9, 1), D(3), D(2))


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2022, 6, 29), D(1)),  # the day before the first: the weight it replaced
        (date(2022, 6, 30), D(3)),  # on its date
        (date(2022, 8, 31), D(3)),  # after it, before the second
        (date(2022, 9, 1), D(2)),  # the second, the same year
        (date(2023, 3, 1), D(2)),  # long after: the latest
    ],
)
def test_a_weight_amended_twice_in_one_year_at_each_date(as_of, expected):
    assert value_in_force([W_JUNE, W_SEPT], W_SEPT.after, as_of) == expected


# The 2022 allocation of three actions (the rest left out: the rule is per share). Default rule:
# 11 → 33 838 €, 12 → 13 535 €, 13 → 5 076 € (52 449 € here). On 01/09 an amendment moves
# 1 000 € from action 11 to action 12; on 01/10 another moves 1 000 € from action 13 to 12.
DEFAULT = {11: D(33838), 12: D(13535), 13: D(5076)}
SEPT_SHARES = {11: [Step(date(2022, 9, 1), D(33838), D(32838))],
               12: [Step(date(2022, 9, 1), D(13535), D(14535)),
                    Step(date(2022, 10, 1), D(14535), D(15535))],
               13: [Step(date(2022, 10, 1), D(5076), D(4076))]}  # fmt: skip
STORED = {11: D(32838), 12: D(15535), 13: D(4076)}  # what the second amendment wrote


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2022, 8, 31), DEFAULT),  # before the first: the default shares it replaced
        (date(2022, 9, 1), {11: D(32838), 12: D(14535), 13: D(5076)}),  # on its date
        (date(2022, 9, 30), {11: D(32838), 12: D(14535), 13: D(5076)}),  # between the two
        (date(2022, 10, 1), STORED),  # the second, the same year
        (date(2023, 2, 1), STORED),
    ],
)
def test_the_allocation_in_force_at_each_date(as_of, expected):
    shares = allocation_in_force(SEPT_SHARES, STORED, as_of, D(52449), DEFAULT)
    assert shares == expected
    assert sum(shares.values()) == D(52449)  # every date: exactly the payment


def test_before_a_share_amendment_a_changed_payment_gives_the_default_rule_again():
    """A payment amendment re-shared the default rule (60 000 € here), then a share amendment
    fixed the allocation: before both, the shares it replaced do not make the old payment, so
    the default rule of the payment in force applies."""
    steps = {12: [Step(date(2022, 9, 1), D(15000), D(16000))],
             11: [Step(date(2022, 9, 1), D(39000), D(38000))]}  # fmt: skip
    stored = {11: D(38000), 12: D(16000), 13: D(6000)}  # 60 000 €
    shares = allocation_in_force(steps, stored, date(2022, 6, 1), D(52449), DEFAULT)
    assert shares == DEFAULT
    assert allocation_in_force({}, stored, date(2022, 6, 1), D(60000), DEFAULT) == stored
