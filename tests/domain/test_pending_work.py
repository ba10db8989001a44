"""What a year still lacks before its decision: submitted-not-validated and missing quarters."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lda_dash.domain.model import IndicatorSpec, Mode, QuarterFigure
from lda_dash.domain.pending_work import PendingIndicator, pending_counts, pending_work

SPECS = {
    (1, "A"): IndicatorSpec(1, "A", "Indicateur A", "u", Mode.SOMME),
    (2, "B"): IndicatorSpec(2, "B", "Indicateur B", "u", Mode.SOMME),
}


def fig(action, code, quarter, status, year=2022):
    return QuarterFigure(action, code, year, quarter, Decimal(1), status=status)


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        (  # everything validated: nothing pending
            [fig(a, c, q, "validated") for a, c in SPECS for q in (1, 2, 3, 4)],
            [],
        ),
        (  # a submitted quarter, a draft (counts as missing), nothing else for B
            [fig(1, "A", q, "validated") for q in (1, 2)]
            + [fig(1, "A", 3, "submitted"), fig(1, "A", 4, "draft")],
            [
                PendingIndicator(1, "A", "Indicateur A", (3,), (4,)),
                PendingIndicator(2, "B", "Indicateur B", (), (1, 2, 3, 4)),
            ],
        ),
        (  # another year's figures do not count
            [fig(a, c, q, "validated", year=2021) for a, c in SPECS for q in (1, 2, 3, 4)],
            [
                PendingIndicator(1, "A", "Indicateur A", (), (1, 2, 3, 4)),
                PendingIndicator(2, "B", "Indicateur B", (), (1, 2, 3, 4)),
            ],
        ),
        (  # returned to the partner: not transmitted
            [fig(a, c, q, "validated") for a, c in SPECS for q in (1, 2, 3)]
            + [fig(1, "A", 4, "returned"), fig(2, "B", 4, "submitted")],
            [
                PendingIndicator(1, "A", "Indicateur A", (), (4,)),
                PendingIndicator(2, "B", "Indicateur B", (4,), ()),
            ],
        ),
    ],
)
def test_pending_work_lists_submitted_and_missing_quarters(figures, expected):
    found = pending_work(SPECS, figures, 2022)
    assert found == expected
    assert pending_counts(found) == (
        sum(len(p.submitted) for p in expected),
        sum(len(p.missing) for p in expected),
    )
