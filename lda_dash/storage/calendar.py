"""The years each convention gives a target or a payment for: its calendar (services/calendar)."""

from __future__ import annotations

from lda_dash.storage.base import Connection

YEARS_OF_CONVENTION = """
SELECT year FROM payment WHERE convention_id = ?
UNION SELECT year FROM target WHERE convention_id = ?
ORDER BY year
"""
YEARS_OF_EVERY_CONVENTION = """
SELECT convention_id, year FROM payment
UNION SELECT convention_id, year FROM target
"""


def convention_years(con: Connection, convention_id: str) -> list[int]:
    rows = con.execute(YEARS_OF_CONVENTION, [convention_id, convention_id]).fetchall()
    return [row[0] for row in rows]


def every_convention_years(con: Connection) -> dict[str, list[int]]:
    """convention → its years, in one query for the national view."""
    found: dict[str, set[int]] = {}
    for convention_id, year in con.execute(YEARS_OF_EVERY_CONVENTION).fetchall():
        found.setdefault(convention_id, set()).add(year)
    return {cid: sorted(years) for cid, years in found.items()}
