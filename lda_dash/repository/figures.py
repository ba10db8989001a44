"""Quarterly figures: reading by workflow status, saving with their history."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

import pandas as pd

from lda_dash.domain.model import QuarterFigure
from lda_dash.repository.base import Connection, append_history

FIGURES = """
SELECT action_number, code, year, quarter, value, numerator, denominator, comment, status
FROM figure WHERE convention_id = ? AND list_contains(?::VARCHAR[], status)
ORDER BY action_number, code, year, quarter
"""
FIGURE_ROWS = """
SELECT f.*, i.label, i.unit, i.mode FROM figure f
LEFT JOIN indicator i USING (convention_id, action_number, code)
WHERE f.convention_id = ? ORDER BY year, action_number, code, quarter
"""
FIGURE_FOR_UPDATE = """
SELECT value, numerator, denominator, comment, status, version, author, created_at FROM figure
WHERE convention_id = ? AND action_number = ? AND code = ? AND year = ? AND quarter = ?
"""
UPSERT_FIGURE = """
INSERT INTO figure (convention_id, action_number, code, year, quarter, value, numerator,
    denominator, comment, status, return_reason, author, created_at, updated_at, updated_by,
    version, is_demo)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)
ON CONFLICT (convention_id, action_number, code, year, quarter) DO UPDATE SET
    value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
    comment = excluded.comment, status = excluded.status, return_reason = NULL,
    updated_at = excluded.updated_at, updated_by = excluded.updated_by,
    version = excluded.version, is_demo = excluded.is_demo
"""
LAST_FIGURE_UPDATE = "SELECT max(updated_at) FROM figure WHERE convention_id = ?"
COUNT_REAL_FIGURES = "SELECT count(*) FROM figure WHERE NOT is_demo"
DELETE_DEMO_FIGURES = "DELETE FROM figure WHERE is_demo"
ALL_FIGURE_STATUSES = ["draft", "submitted", "validated", "returned"]


def figures(
    con: Connection, convention_id: str, statuses: Iterable[str] = ALL_FIGURE_STATUSES
) -> list[QuarterFigure]:
    """Stored figures of the convention whose workflow status is in `statuses`."""
    rows = con.execute(FIGURES, [convention_id, list(statuses)]).fetchall()
    return [
        QuarterFigure(a, c, y, q, v, n, d, comment, status)
        for a, c, y, q, v, n, d, comment, status in rows
    ]


def figure_rows(con: Connection, convention_id: str) -> pd.DataFrame:
    """Every stored figure with its indicator's label, for tables and exports."""
    return con.execute(FIGURE_ROWS, [convention_id]).df()


def last_figure_update(con: Connection, convention_id: str) -> datetime | None:
    return con.execute(LAST_FIGURE_UPDATE, [convention_id]).fetchone()[0]


def _figure_text(value, numerator, denominator) -> str:
    if numerator is not None or denominator is not None:
        return f"{numerator}/{denominator}"
    return "" if value is None else format(Decimal(value).normalize(), "f")


def save_figures(
    con: Connection,
    convention_id: str,
    new_figures: Iterable[QuarterFigure],
    author: str,
    reason: str,
    *,
    is_demo: bool = False,
    now: datetime | None = None,
) -> int:
    """Insert or replace figures and log each change in the history; returns how many changed."""
    now = now or datetime.now()
    changed = 0
    for fig in new_figures:
        key = [convention_id, fig.action, fig.code, fig.year, fig.quarter]
        before = con.execute(FIGURE_FOR_UPDATE, key).fetchone()
        version = 1 if before is None else before[5] + 1
        old_text = None if before is None else _figure_text(*before[:3])
        new_text = _figure_text(fig.value, fig.numerator, fig.denominator)
        con.execute(
            UPSERT_FIGURE,
            [
                *key,
                fig.value,
                fig.numerator,
                fig.denominator,
                fig.comment or "",
                fig.status,
                author,
                now,
                now,
                author,
                version,
                is_demo,
            ],
        )
        if before is not None and old_text == new_text and before[4] == fig.status:
            continue
        changed += 1
        append_history(
            con,
            author,
            "figure",
            convention_id,
            f"action {fig.action} · {fig.code} · {fig.year} T{fig.quarter}",
            old_text,
            f"{new_text} ({fig.status})",
            reason,
            now=now,
        )
    return changed


def count_real_figures(con: Connection) -> int:
    return con.execute(COUNT_REAL_FIGURES).fetchone()[0]


def delete_demo_figures(con: Connection) -> None:
    con.execute(DELETE_DEMO_FIGURES)
