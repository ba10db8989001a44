"""Which quarterly reports are due, which are missing, and the dates that come next.

DOMAIN.md section 5 keeps missing reports apart from statuses ("who has not reported"): a
quarter is due once it has ended, and an action has not reported a due quarter while one of its
indicators has no submitted or validated figure for it. Payment dates come from the convention
(Article 2: "au plus tard le 30 novembre de chaque année").
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from datetime import date

QUARTER_END_MONTHS = {1: 3, 2: 6, 3: 9, 4: 12}


def quarter_end(year: int, quarter: int) -> date:
    """The last day of a quarter: 31/03, 30/06, 30/09, 31/12."""
    month = QUARTER_END_MONTHS[quarter]
    return date(year, month, calendar.monthrange(year, month)[1])


def quarters_due(year: int, as_of: date) -> tuple[int, ...]:
    """The quarters of `year` that have ended on `as_of` (a quarter is due the day after)."""
    return tuple(q for q in QUARTER_END_MONTHS if as_of > quarter_end(year, q))


def missing_quarters(
    indicators: Iterable[tuple[int, str]],
    reported: Mapping[tuple[int, str], Iterable[int]],
    year: int,
    as_of: date,
) -> dict[int, tuple[int, ...]]:
    """action → the due quarters for which one of its indicators has no figure yet."""
    due = quarters_due(year, as_of)
    missing: dict[int, set[int]] = {}
    for action, code in indicators:
        gaps = set(due) - set(reported.get((action, code), ()))
        if gaps:
            missing.setdefault(action, set()).update(gaps)
    return {action: tuple(sorted(gaps)) for action, gaps in sorted(missing.items())}


def payment_due(year: int, day_month: str | None) -> date | None:
    """`30/11` → 30 November of `year`; None when the convention states no date."""
    if not day_month:
        return None
    try:
        day, month = (int(part) for part in day_month.split("/"))
        return date(year, month, day)
    except ValueError:
        return None


def next_quarter_end(year: int, as_of: date) -> date | None:
    """The end of the first quarter of `year` still running on `as_of`, if any."""
    return next(
        (quarter_end(year, q) for q in QUARTER_END_MONTHS if as_of <= quarter_end(year, q)), None
    )
