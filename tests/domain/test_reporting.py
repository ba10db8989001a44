"""Due quarters, missing reports and payment dates (DOMAIN.md section 5, convention Article 2)."""

from datetime import date

import pytest

from lda_dash.domain.reporting import (
    missing_quarters,
    next_quarter_end,
    payment_due,
    quarter_end,
    quarters_due,
)


@pytest.mark.parametrize(
    ("quarter", "end"),
    [
        (1, date(2022, 3, 31)),
        (2, date(2022, 6, 30)),
        (3, date(2022, 9, 30)),
        (4, date(2022, 12, 31)),
    ],
)
def test_a_quarter_ends_on_the_last_day_of_its_third_month(quarter, end):
    assert quarter_end(2022, quarter) == end


@pytest.mark.parametrize(
    ("as_of", "due"),
    [
        (date(2021, 12, 31), ()),
        (date(2022, 3, 31), ()),  # the quarter's last day: not over yet
        (date(2022, 4, 1), (1,)),
        (date(2022, 10, 15), (1, 2, 3)),
        (date(2022, 12, 31), (1, 2, 3)),
        (date(2023, 1, 1), (1, 2, 3, 4)),
        (date(2026, 11, 28), (1, 2, 3, 4)),
    ],
)
def test_a_quarter_is_due_once_it_has_ended(as_of, due):
    assert quarters_due(2022, as_of) == due


@pytest.mark.parametrize(
    ("reported", "as_of", "missing"),
    [
        ({(2, "CAPT"): (1, 2, 3, 4), (2, "DEP_AMI"): (1, 2, 3, 4)}, date(2023, 1, 1), {}),
        ({(2, "CAPT"): (1, 2, 3), (2, "DEP_AMI"): (1, 2, 3, 4)}, date(2023, 1, 1), {2: (4,)}),
        ({(2, "CAPT"): (1,), (2, "DEP_AMI"): (2,)}, date(2022, 7, 1), {2: (1, 2)}),
        ({}, date(2022, 4, 1), {2: (1,)}),
        ({}, date(2022, 3, 1), {}),  # nothing due yet, nothing missing
        ({(2, "CAPT"): (3,), (2, "DEP_AMI"): (3,)}, date(2022, 7, 1), {2: (1, 2)}),
    ],
)
def test_an_action_misses_the_due_quarters_one_of_its_indicators_lacks(reported, as_of, missing):
    indicators = [(2, "CAPT"), (2, "DEP_AMI")]
    assert missing_quarters(indicators, reported, 2022, as_of) == missing


@pytest.mark.parametrize(
    ("text", "due"),
    [("30/11", date(2022, 11, 30)), ("1/3", date(2022, 3, 1)), (None, None), ("", None),
     ("31/02", None), ("fin novembre", None)],
)  # fmt: skip
def test_the_payment_date_comes_from_the_convention(text, due):
    assert payment_due(2022, text) == due


@pytest.mark.parametrize(
    ("as_of", "end"),
    [
        (date(2022, 1, 1), date(2022, 3, 31)),
        (date(2022, 3, 31), date(2022, 3, 31)),
        (date(2022, 4, 1), date(2022, 6, 30)),
        (date(2022, 12, 31), date(2022, 12, 31)),
        (date(2023, 1, 1), None),
    ],
)
def test_the_next_quarter_end_is_the_running_quarter(as_of, end):
    assert next_quarter_end(2022, as_of) == end
