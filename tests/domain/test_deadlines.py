"""Article 4 deadlines: calendar months, clamped to the month's last day."""

from datetime import date

import pytest

from lda_dash.domain.deadlines import add_months, date_order_problems, timeline


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2023, 3, 15), 1, date(2023, 4, 15)),
        (date(2023, 12, 31), 1, date(2024, 1, 31)),
        (date(2023, 7, 31), 6, date(2024, 1, 31)),
        (date(2023, 10, 30), 6, date(2024, 4, 30)),
    ],
)
def test_add_months(start, months, due):
    assert add_months(start, months) == due


def test_timeline_flags_overdue_steps():
    steps = timeline(date(2023, 1, 31), None, today=date(2023, 3, 1))
    assert steps[1].due == date(2023, 2, 28)
    assert steps[1].overdue
    steps = timeline(date(2023, 1, 31), date(2023, 8, 31), today=date(2024, 2, 29))
    assert steps[3].due == date(2024, 2, 29)
    assert not steps[3].overdue  # due today is not overdue yet
    assert timeline(date(2023, 1, 31), date(2023, 8, 31), today=date(2024, 3, 1))[3].overdue


@pytest.mark.parametrize(
    ("letter", "title", "paid", "problems"),
    [
        (date(2023, 1, 31), date(2023, 3, 1), date(2023, 6, 1), []),
        (None, None, None, []),
        (date(2023, 1, 31), date(2023, 1, 31), None, []),  # same day is in order
        (date(2023, 3, 1), date(2023, 1, 31), None, ["précéder la lettre"]),
        (None, date(2023, 3, 1), date(2023, 2, 1), ["précéder le titre"]),
        (None, None, date(2023, 2, 1), ["suppose un titre"]),
    ],
)
def test_article_4_dates_follow_each_other(letter, title, paid, problems):
    found = date_order_problems(letter, title, paid)
    assert len(found) == len(problems)
    for text, words in zip(found, problems, strict=True):
        assert words in text
