"""When a quarter's figures are due, and whether it is due soon or late."""

from datetime import date

import pytest

from lda_dash.domain.due_dates import quarter_due, quarter_state


@pytest.mark.parametrize(
    ("year", "quarter", "day", "due"),
    [
        (2022, 1, 15, date(2022, 4, 15)),
        (2022, 2, 15, date(2022, 7, 15)),
        (2022, 3, 15, date(2022, 10, 15)),
        (2022, 4, 15, date(2023, 1, 15)),  # into the next year
        (2022, 4, 1, date(2023, 1, 1)),
        (2022, 1, 31, date(2022, 4, 28)),  # capped: a day every month has
    ],
)
def test_quarter_due(year, quarter, day, due):
    assert quarter_due(year, quarter, day) == due


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2022, 3, 15), None),  # more than 30 days before
        (date(2022, 3, 16), "à rendre"),
        (date(2022, 4, 15), "à rendre"),  # the due day itself
        (date(2022, 4, 16), "en retard"),
    ],
)
def test_quarter_state(today, state):
    assert quarter_state(2022, 1, today) == state
