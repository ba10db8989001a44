"""Who has reported: the state of each partner organisation's quarter (DOMAIN.md sections 5, 9).

Progress judges an indicator by its own latest reported quarter, so a missing report never shows
there; it is shown here instead, organisation by quarter.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from enum import StrEnum

from lda_dash.domain.workflow import FigureStatus

FigureKey = tuple[int, str, int, int]  # action, code, year, quarter
REPORTED = (FigureStatus.SUBMITTED, FigureStatus.VALIDATED)


class Reporting(StrEnum):
    """Where an organisation's quarter stands, from worst to best for the coordination."""

    MISSING = "missing"  # the quarter is over and nothing came in
    DRAFT = "draft"  # only drafts (or figures sent back): nothing transmitted yet
    PARTIAL = "partial"  # some figures transmitted, not all
    SUBMITTED = "submitted"  # all transmitted, some still to validate
    VALIDATED = "validated"  # all validated
    NOT_DUE = "not_due"  # the quarter is not over and nothing came in yet


def quarter_reporting(
    indicators: Collection[tuple[int, str]],
    statuses: Mapping[FigureKey, str],
    year: int,
    quarter: int,
    quarter_over: bool,
) -> tuple[Reporting, int]:
    """The state of one organisation's quarter, and how many of its indicators were transmitted."""
    found = [statuses.get((action, code, year, quarter)) for action, code in indicators]
    transmitted = sum(status in REPORTED for status in found)
    if indicators and transmitted == len(indicators):
        if all(status == FigureStatus.VALIDATED for status in found):
            return Reporting.VALIDATED, transmitted
        return Reporting.SUBMITTED, transmitted
    if transmitted:
        return Reporting.PARTIAL, transmitted
    if any(status is not None for status in found):
        return Reporting.DRAFT, transmitted
    return (Reporting.MISSING if quarter_over else Reporting.NOT_DUE), transmitted
