"""Queries for importing a convention: what already exists, and clearing one to replace it."""

from __future__ import annotations

from lda_dash.storage.base import Connection, _dicts

TERRITORY = "SELECT id, name, siret FROM territory WHERE id = ?"
CONVENTION_EXISTS = "SELECT count(*) FROM convention WHERE id = ?"
# What a replacement would lose: reported figures, the Prefect's decisions, the coordination's
# allocations. A convention holding any of them is never replaced by an import.
CONVENTION_ACTIVITY = """
SELECT (SELECT count(*) FROM figure WHERE convention_id = $id) AS figures,
    (SELECT count(*) FROM clawback_decision WHERE convention_id = $id) AS decisions,
    (SELECT count(*) FROM allocation WHERE convention_id = $id) AS allocations
"""
# The reference data an import writes, in an order that never leaves a target without its
# indicator. The history is append-only and is kept.
CLEAR_REFERENCE_DATA = (
    "DELETE FROM target WHERE convention_id = ?",
    "DELETE FROM indicator WHERE convention_id = ?",
    "DELETE FROM budget_line WHERE convention_id = ?",
    "DELETE FROM annex_total WHERE convention_id = ?",
    "DELETE FROM action WHERE convention_id = ?",
    "DELETE FROM payment WHERE convention_id = ?",
)


def territory(con: Connection, territory_id: str) -> dict | None:
    rows = _dicts(con.execute(TERRITORY, [territory_id]))
    return rows[0] if rows else None


def convention_exists(con: Connection, convention_id: str) -> bool:
    return con.execute(CONVENTION_EXISTS, [convention_id]).fetchone()[0] > 0


def convention_activity(con: Connection, convention_id: str) -> dict[str, int]:
    """How many figures, clawback decisions and allocation overrides the convention holds."""
    return _dicts(con.execute(CONVENTION_ACTIVITY, {"id": convention_id}))[0]


def clear_reference_data(con: Connection, convention_id: str) -> None:
    """Remove the actions, budgets, indicators, targets and payments an import is to rewrite."""
    for statement in CLEAR_REFERENCE_DATA:
        con.execute(statement, [convention_id])
