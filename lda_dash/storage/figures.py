"""Quarterly figures: reading by workflow status; saving and reviewing with permission checks,
optimistic version checks and their history."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal

import pandas as pd

from lda_dash import fmt
from lda_dash.domain.model import QuarterFigure
from lda_dash.domain.permissions import (
    Actor,
    figure_write_refusal,
    require,
    review_refusal,
)
from lda_dash.storage.base import Connection, append_history
from lda_dash.storage.evidence import missing_evidence_refusal

FigureKey = tuple[int, str, int, int]  # action, code, year, quarter

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
FIGURE_STATE = """
SELECT value, numerator, denominator, status, version, updated_by, updated_at FROM figure
WHERE convention_id = ? AND action_number = ? AND code = ? AND year = ? AND quarter = ?
"""
REVIEW_FIGURE = """
UPDATE figure SET status = ?, return_reason = ?, updated_at = ?, updated_by = ?,
    version = version + 1
WHERE convention_id = ? AND action_number = ? AND code = ? AND year = ? AND quarter = ?
"""
ASSIGNED = """
SELECT organisation_id FROM assignment WHERE convention_id = ? AND action_number = ?
"""
LOCKED = "SELECT locked FROM year_lock WHERE convention_id = ? AND year = ?"
FIGURE_STATES = """
SELECT action_number, code, year, quarter, value, numerator, denominator, status, version,
    updated_by, updated_at
FROM figure WHERE convention_id = ?
"""
ALL_ASSIGNMENTS = "SELECT action_number, organisation_id FROM assignment WHERE convention_id = ?"
ALL_LOCKS = "SELECT year, locked FROM year_lock WHERE convention_id = ?"
BULK_UPSERT_FIGURES = """
INSERT INTO figure (convention_id, action_number, code, year, quarter, value, numerator,
    denominator, comment, status, return_reason, author, created_at, updated_at, updated_by,
    version, is_demo)
SELECT $1, action_number, code, year, quarter, CAST(value AS DECIMAL(24, 6)), numerator,
    denominator, comment, status, NULL, $2, $3, $4, $5, version, $6
FROM incoming_figures
ON CONFLICT (convention_id, action_number, code, year, quarter) DO UPDATE SET
    value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
    comment = excluded.comment, status = excluded.status, return_reason = NULL,
    updated_at = excluded.updated_at, updated_by = excluded.updated_by,
    version = excluded.version, is_demo = excluded.is_demo
"""
BULK_HISTORY = """
INSERT INTO history (changed_at, author, entity, convention_id, item, old_value, new_value, reason)
SELECT $1, $2, 'figure', $3, item, old_value, new_value, $4 FROM incoming_history
"""
LAST_FIGURE_UPDATE = "SELECT max(updated_at) FROM figure WHERE convention_id = ?"
COUNT_REAL_FIGURES = "SELECT count(*) FROM figure WHERE NOT is_demo"
DELETE_DEMO_FIGURES = "DELETE FROM figure WHERE is_demo"
ALL_FIGURE_STATUSES = ["draft", "submitted", "validated", "returned"]


class ConcurrentEdit(RuntimeError):
    """Someone saved the figure since it was read: nothing is overwritten."""


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


def figure_versions(con: Connection, convention_id: str) -> dict[FigureKey, int]:
    """The version of every stored figure, read with a form so that saving can detect edits."""
    rows = con.execute(
        "SELECT action_number, code, year, quarter, version FROM figure WHERE convention_id = ?",
        [convention_id],
    ).fetchall()
    return {(a, c, y, q): v for a, c, y, q, v in rows}


def last_figure_update(con: Connection, convention_id: str) -> datetime | None:
    return con.execute(LAST_FIGURE_UPDATE, [convention_id]).fetchone()[0]


def assigned_organisations(con: Connection, convention_id: str, action: int) -> set[str]:
    return {row[0] for row in con.execute(ASSIGNED, [convention_id, action]).fetchall()}


def is_year_locked(con: Connection, convention_id: str, year: int) -> bool:
    row = con.execute(LOCKED, [convention_id, year]).fetchone()
    return bool(row and row[0])


def figure_text(value, numerator, denominator) -> str:
    """A figure as the history shows it: "12", "12.5" or "20/50" for a rate."""
    if numerator is not None or denominator is not None:
        return f"{numerator}/{denominator}"
    return "" if value is None else format(Decimal(value).normalize(), "f")


def _check_version(key: FigureKey, state, expected: Mapping[FigureKey, int | None] | None):
    if expected is None or key not in expected:
        return
    stored = None if state is None else state[4]
    if stored != expected[key]:
        who = "quelqu'un" if state is None else state[5]
        when = "" if state is None else f" le {fmt.moment(state[6])}"
        action, code, year, quarter = key
        raise ConcurrentEdit(
            f"Action {action} · {code} · {year} T{quarter} : ce chiffre a été modifié par "
            f"{who}{when} depuis que vous l'avez ouvert. Rechargez la page pour voir sa valeur, "
            "puis enregistrez à nouveau : rien n'a été écrasé."
        )


def save_figures(
    con: Connection,
    convention_id: str,
    new_figures: Iterable[QuarterFigure],
    actor: Actor,
    reason: str,
    *,
    expected_versions: Mapping[FigureKey, int | None] | None = None,
    is_demo: bool = False,
    now: datetime | None = None,
) -> int:
    """Insert or replace figures after checking the actor's rights and the versions read.

    Raises PermissionDenied or ConcurrentEdit before anything is written by this call; the
    caller's unit of work rolls back the whole batch. Returns how many figures changed.
    Everything is read once and written in two set-based statements, so that an import of
    thousands of rows costs a few queries, not thousands.
    """
    now = now or datetime.now()
    incoming = list(new_figures)
    if not incoming:
        return 0
    states = _states(con, convention_id)
    assigned = _assignments(con, convention_id)
    locked = _locks(con, convention_id)
    rows, history = [], []
    for fig in incoming:
        key = (fig.action, fig.code, fig.year, fig.quarter)
        state = states.get(key)
        current = None if state is None else state[3]
        require(
            figure_write_refusal(
                actor, assigned.get(fig.action, set()), current, fig.status,
                locked.get(fig.year, False),
            )
        )  # fmt: skip
        _check_version(key, state, expected_versions)
        old_text = None if state is None else figure_text(*state[:3])
        new_text = figure_text(fig.value, fig.numerator, fig.denominator)
        version = 1 if state is None else state[4] + 1
        rows.append(
            (*key, None if fig.value is None else str(fig.value), fig.numerator, fig.denominator,
             fig.comment or "", fig.status, version)
        )  # fmt: skip
        if state is not None and old_text == new_text and current == fig.status:
            continue
        history.append(
            (f"action {fig.action} · {fig.code} · {fig.year} T{fig.quarter}",
             None if state is None else f"{old_text} ({current})", f"{new_text} ({fig.status})")
        )  # fmt: skip
    require(missing_evidence_refusal(con, convention_id, incoming))
    _write(con, convention_id, rows, actor.login, now, is_demo)
    _write_history(con, convention_id, history, actor.login, reason, now)
    return len(history)


def _states(con: Connection, convention_id: str) -> dict[FigureKey, tuple]:
    rows = con.execute(FIGURE_STATES, [convention_id]).fetchall()
    return {tuple(row[:4]): row[4:] for row in rows}


def _assignments(con: Connection, convention_id: str) -> dict[int, set[str]]:
    assigned: dict[int, set[str]] = {}
    for action, organisation in con.execute(ALL_ASSIGNMENTS, [convention_id]).fetchall():
        assigned.setdefault(action, set()).add(organisation)
    return assigned


def _locks(con: Connection, convention_id: str) -> dict[int, bool]:
    return dict(con.execute(ALL_LOCKS, [convention_id]).fetchall())


def _write(con: Connection, convention_id: str, rows: list, login: str, now, is_demo) -> None:
    frame = pd.DataFrame(
        rows,
        columns=["action_number", "code", "year", "quarter", "value", "numerator",
                 "denominator", "comment", "status", "version"],
    ).astype({"numerator": "Int64", "denominator": "Int64", "value": "string"})  # fmt: skip
    con.register("incoming_figures", frame)
    try:
        con.execute(BULK_UPSERT_FIGURES, [convention_id, login, now, now, login, is_demo])
    finally:
        con.unregister("incoming_figures")


def _write_history(
    con: Connection, convention_id: str, history: list, login: str, reason: str, now
) -> None:
    if not history:
        return
    frame = pd.DataFrame(history, columns=["item", "old_value", "new_value"]).astype("string")
    con.register("incoming_history", frame)
    try:
        con.execute(BULK_HISTORY, [now, login, convention_id, reason])
    finally:
        con.unregister("incoming_history")


def review_figures(
    con: Connection,
    convention_id: str,
    keys: Iterable[FigureKey],
    actor: Actor,
    decision: str,
    reason: str = "",
    *,
    now: datetime | None = None,
) -> int:
    """Validate, or return with a reason the partner will see, submitted figures (coordination)."""
    if decision not in ("validated", "returned"):
        raise ValueError(decision)
    if decision == "returned" and not reason.strip():
        require("le motif du renvoi est obligatoire : le partenaire le verra")
    now = now or datetime.now()
    count = 0
    for key in keys:
        state = con.execute(FIGURE_STATE, [convention_id, *key]).fetchone()
        current = None if state is None else state[3]
        require(review_refusal(actor, current, is_year_locked(con, convention_id, key[2])))
        con.execute(
            REVIEW_FIGURE,
            [decision, reason.strip() or None, now, actor.login, convention_id, *key],
        )
        action, code, year, quarter = key
        append_history(
            con, actor.login, "figure", convention_id,
            f"action {action} · {code} · {year} T{quarter}",
            f"{figure_text(*state[:3])} (submitted)",
            f"{figure_text(*state[:3])} ({decision})",
            reason.strip() or ("Validation" if decision == "validated" else None), now=now,
        )  # fmt: skip
        count += 1
    return count


def count_real_figures(con: Connection) -> int:
    return con.execute(COUNT_REAL_FIGURES).fetchone()[0]


def delete_demo_figures(con: Connection) -> None:
    con.execute(DELETE_DEMO_FIGURES)
