"""Who has reported a quarter: every state of the reporting grid (DOMAIN.md sections 5, 9)."""

import pytest

from lda_dash.domain.completeness import Reporting, quarter_reporting

INDICATORS = [(2, "CAPT"), (2, "DEP_AMI"), (5, "REPIT")]


def statuses(*found):
    return {(a, c, 2022, 3): s for (a, c), s in zip(INDICATORS, found, strict=False) if s}


@pytest.mark.parametrize(
    ("found", "over", "expected"),
    [
        (("validated", "validated", "validated"), True, (Reporting.VALIDATED, 3)),
        (("validated", "submitted", "validated"), True, (Reporting.SUBMITTED, 3)),
        (("submitted", "draft", None), True, (Reporting.PARTIAL, 1)),
        (("validated", None, None), False, (Reporting.PARTIAL, 1)),
        (("draft", "returned", None), True, (Reporting.DRAFT, 0)),
        ((None, None, None), True, (Reporting.MISSING, 0)),
        ((None, None, None), False, (Reporting.NOT_DUE, 0)),
        (("draft", None, None), False, (Reporting.DRAFT, 0)),
    ],
)
def test_the_state_of_a_quarter(found, over, expected):
    assert quarter_reporting(INDICATORS, statuses(*found), 2022, 3, over) == expected


def test_other_quarters_do_not_count():
    other = {(2, "CAPT", 2022, 2): "validated", (2, "CAPT", 2021, 3): "validated"}
    assert quarter_reporting(INDICATORS, other, 2022, 3, True) == (Reporting.MISSING, 0)
