"""Bulk loading of synthetic conventions: each table in one INSERT … SELECT from a registered frame.

Row-by-row upserts take minutes for hundreds of territories; one set-based statement per table
takes seconds. Synthetic ids start with `syn-`, so they can be replaced without touching others.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from lda_dash.storage.base import Connection

__all__ = [
    "count_synthetic_conventions",
    "delete_figures_of",
    "delete_synthetic",
    "load_synthetic",
    "synthetic_row_counts",
]

SYNTHETIC_LIKE = "syn-%"
FRAME = "incoming_synthetic"

# Tables holding a convention's rows, children first so a replacement never orphans a row.
CONVENTION_TABLES = (
    "figure", "target", "indicator", "budget_line", "annex_total", "action", "payment",
    "allocation", "clawback_decision", "year_lock", "assignment",
)  # fmt: skip
DELETE_SYNTHETIC = (
    *(f"DELETE FROM {table} WHERE convention_id LIKE $1" for table in CONVENTION_TABLES),
    "DELETE FROM convention WHERE id LIKE $1",
    "DELETE FROM territory WHERE id LIKE $1",
)

INSERTS = {
    "territory": f"INSERT INTO territory (id, name, siret) SELECT id, name, siret FROM {FRAME}",
    "convention": f"""
INSERT INTO convention (id, territory_id, title, programme, programme_label, chorus_activity,
    chorus_activity_label, functional_domain, programming_activity, first_year, last_year,
    payment_due)
SELECT id, territory_id, title, programme, programme_label, chorus_activity,
    chorus_activity_label, functional_domain, programming_activity, first_year, last_year,
    payment_due
FROM {FRAME}
""",
    "payment": f"""
INSERT INTO payment (convention_id, year, amount, note)
SELECT convention_id, year, amount, note FROM {FRAME}
""",
    "action": f"""
INSERT INTO action (convention_id, number, annex_row, signed_number, title, category,
    description, objective, leverage, expected_results, calendar, deliverables)
SELECT convention_id, number, annex_row, signed_number, title, category, description, objective,
    leverage, expected_results, calendar, deliverables
FROM {FRAME}
""",
    "budget_line": f"""
INSERT INTO budget_line (convention_id, action_number, year, cost, ami, cofunding)
SELECT convention_id, action_number, year, cost, ami, cofunding FROM {FRAME}
""",
    "annex_total": f"""
INSERT INTO annex_total (convention_id, signed_number, cost_y1, ami_y1, cofunding_y1, cost_y2,
    cofunding_y2)
SELECT convention_id, signed_number, cost_y1, ami_y1, cofunding_y1, cost_y2, cofunding_y2
FROM {FRAME}
""",
    "indicator": f"""
INSERT INTO indicator (convention_id, action_number, code, label, unit, mode, baseline, weight,
    position)
SELECT convention_id, action_number, code, label, unit, mode, baseline, weight, position
FROM {FRAME}
""",
    "target": f"""
INSERT INTO target (convention_id, action_number, code, year, target)
SELECT convention_id, action_number, code, year, target FROM {FRAME}
""",
    "clawback_decision": f"""
INSERT INTO clawback_decision (convention_id, year, proposed_amount, decided_amount, threshold,
    justification, author, decided_on, recorded_at, letter_date, title_date, paid_date)
SELECT convention_id, year, proposed_amount, decided_amount, threshold, justification, author,
    decided_on, recorded_at, letter_date, title_date, paid_date
FROM {FRAME}
""",
    "year_lock": f"""
INSERT INTO year_lock (convention_id, year, locked, changed_by, changed_at, reason)
SELECT convention_id, year, locked, changed_by, changed_at, reason FROM {FRAME}
""",
    # The frame comes in the order figures arrive in real life (quarter after quarter, every
    # territory): reads are measured without a convenient physical order per territory.
    "figure": f"""
INSERT INTO figure (convention_id, action_number, code, year, quarter, value, numerator,
    denominator, comment, status, return_reason, author, created_at, updated_at, updated_by,
    version, is_demo)
SELECT convention_id::VARCHAR, action_number, code::VARCHAR, year, quarter,
    CAST(round(value, 2) AS DECIMAL(24, 2)), numerator, denominator, '', status::VARCHAR,
    CASE WHEN status::VARCHAR = 'returned' THEN 'Chiffre à vérifier (données synthétiques)' END,
    $1, created_at, created_at, $1, 1, TRUE
FROM {FRAME}
""",
}
TABLE_ORDER = tuple(INSERTS)
COUNT_SYNTHETIC = "SELECT count(*) FROM convention WHERE id LIKE $1"
ROW_COUNTS = """
SELECT (SELECT count(*) FROM convention), (SELECT count(*) FROM action),
    (SELECT count(*) FROM indicator), (SELECT count(*) FROM figure)
"""
DELETE_FIGURES_OF = "DELETE FROM figure WHERE convention_id = $1 AND convention_id LIKE $2"


def delete_synthetic(con: Connection) -> None:
    """Remove every synthetic territory and convention, and all their rows."""
    for statement in DELETE_SYNTHETIC:
        con.execute(statement, [SYNTHETIC_LIKE])


def insert_frame(con: Connection, table: str, frame: pd.DataFrame, author: str) -> None:
    """One table's rows in one statement (the frame is scanned in place, not copied row by row)."""
    con.register(FRAME, frame)
    try:
        con.execute(INSERTS[table], [author] if table == "figure" else [])
    finally:
        con.unregister(FRAME)


def load_synthetic(
    con: Connection, tables: Mapping[str, pd.DataFrame], author: str
) -> dict[str, int]:
    """Insert every table's frame, parents first; return the rows inserted per table."""
    for table in TABLE_ORDER:
        insert_frame(con, table, tables[table], author)
    return {table: len(tables[table]) for table in TABLE_ORDER}


def count_synthetic_conventions(con: Connection) -> int:
    return con.execute(COUNT_SYNTHETIC, [SYNTHETIC_LIKE]).fetchone()[0]


def delete_figures_of(con: Connection, convention_id: str) -> None:
    """Empty a synthetic convention's figures (the benchmark repeats an import from scratch)."""
    con.execute(DELETE_FIGURES_OF, [convention_id, SYNTHETIC_LIKE])


def synthetic_row_counts(con: Connection) -> dict[str, int]:
    counts = con.execute(ROW_COUNTS).fetchone()
    return dict(zip(("convention", "action", "indicator", "figure"), counts, strict=True))
