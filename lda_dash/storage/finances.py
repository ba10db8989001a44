"""Reads for the finance figures and the execution report: a year's budget, history, freshness."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from lda_dash.storage.base import Connection, _dicts

BUDGET_OF_YEAR = """
SELECT action_number, cost, ami, cofunding FROM budget_line
WHERE convention_id = ? AND year = ? ORDER BY action_number
"""
# The history has no year column: a row concerns year Y when its item names Y as a whole word
# ("action 2 · CAPT · 2021 T1", "répartition 2021").
HISTORY_OF_YEAR = """
SELECT changed_at, author, entity, item, old_value, new_value, reason FROM history
WHERE convention_id = ? AND regexp_matches(item, ?)
ORDER BY changed_at, id
"""
LAST_VALIDATED_UPDATE = """
SELECT max(updated_at) FROM figure WHERE convention_id = ? AND year = ? AND status = 'validated'
"""


def budget_of_year(
    con: Connection, convention_id: str, year: int
) -> dict[int, tuple[Decimal | None, Decimal | None, Decimal | None]]:
    """Annex budget per action for a year: (cost, AMI funding, cofunding); {} past the annex."""
    rows = con.execute(BUDGET_OF_YEAR, [convention_id, year]).fetchall()
    return {action: (cost, ami, cofunding) for action, cost, ami, cofunding in rows}


def history_of_year(con: Connection, convention_id: str, year: int) -> list[dict]:
    """History rows about a year (figures, targets, allocation, decision), oldest first."""
    pattern = rf"(^|[^0-9]){int(year)}([^0-9]|$)"
    return _dicts(con.execute(HISTORY_OF_YEAR, [convention_id, pattern]))


def last_validated_update(con: Connection, convention_id: str, year: int) -> datetime | None:
    """When a validated figure of the year last changed (its validation included)."""
    return con.execute(LAST_VALIDATED_UPDATE, [convention_id, year]).fetchone()[0]
