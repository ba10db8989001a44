"""Figures with their workflow state (status, return reason, version, who and when), for the
entry and validation pages."""

from __future__ import annotations

from lda_dash.storage.base import Connection, _dicts

FIGURE_RECORDS = """
SELECT action_number AS action, code, year, quarter, value, numerator, denominator, comment,
    status, return_reason, version, author, updated_by, updated_at
FROM figure WHERE convention_id = ? ORDER BY year, quarter, action_number, code
"""


def figure_records(con: Connection, convention_id: str) -> list[dict]:
    """Every stored figure of the convention with its workflow state, in the order of time."""
    return _dicts(con.execute(FIGURE_RECORDS, [convention_id]))
