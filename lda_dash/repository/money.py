"""Allocation overrides, clawback decisions, year locks and State-funded spending per year."""

from __future__ import annotations

from decimal import Decimal

from lda_dash.domain.model import SPENDING_CODE
from lda_dash.repository.base import Connection, _dicts

ALLOCATION_OVERRIDES = """
SELECT action_number, amount FROM allocation WHERE convention_id = ? AND year = ?
ORDER BY action_number
"""
SPENDING_BY_YEAR = f"""
SELECT year, sum(value) FROM figure
WHERE convention_id = ? AND code = '{SPENDING_CODE}' AND list_contains(?::VARCHAR[], status)
GROUP BY year ORDER BY year
"""
DECISIONS = "SELECT * FROM clawback_decision WHERE convention_id = ? ORDER BY year"


def allocation_overrides(con: Connection, convention_id: str, year: int) -> dict[int, Decimal]:
    """The coordination's allocation for a year, or {} when the default rule applies."""
    rows = con.execute(ALLOCATION_OVERRIDES, [convention_id, year]).fetchall()
    return dict(rows)


def spending_by_year(
    con: Connection, convention_id: str, statuses: list[str]
) -> dict[int, Decimal]:
    """Σ DEP_AMI per year over the figures with these statuses (years without any are absent)."""
    rows = con.execute(SPENDING_BY_YEAR, [convention_id, statuses]).fetchall()
    return {year: total for year, total in rows if total is not None}


def decisions(con: Connection, convention_id: str) -> list[dict]:
    return _dicts(con.execute(DECISIONS, [convention_id]))


def decided_amounts(con: Connection, convention_id: str) -> dict[int, Decimal]:
    return {d["year"]: d["decided_amount"] for d in decisions(con, convention_id)}
