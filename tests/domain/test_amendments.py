"""Amendment rules (DOMAIN.md section 13): the value in force at a date, the refusals."""

from datetime import date, datetime
from decimal import Decimal as D

import pytest

from lda_dash.domain.amendments import (
    Amendment,
    Step,
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
