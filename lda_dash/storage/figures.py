"""Quarterly figures: reading by workflow status; saving and reviewing with permission checks,
optimistic version checks and their history."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import pandas as pd

from lda_dash.domain.model import QuarterFigure
from lda_dash.domain.permissions import (
    Actor,
    figure_write_refusal,
    require,
    review_refusal,
)
from lda_dash.domain.workflow import ConcurrentEdit, FigureStatus
from lda_dash.storage.base import Connection, append_history
from lda_dash.storage.evidence import missing_evidence_refusal
from lda_dash.storage.guards import is_demo_account, require_active_account

FigureKey = tuple[int, str, int, int]  # action, code, year, quarter

FIGURES = """
SELECT action_number, code, year, quarter, value, numerator, denominator, comment, status
FROM figure WHERE convention_id = ? AND list_contains(?::VARCHAR[], status)
ORDER BY action_number, code, year, quarter
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
    updated_by, updated_at, comment
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
ALL_FIGURE_STATUSES = [status.value for status in FigureStatus]


def figures(
    con: Connection, convention_id: str, statuses: Iterable[str] = ALL_FIGURE_STATUSES
) -> list[QuarterFigure]:
    """Stored figures of the convention whose workflow status is in `statuses`."""
    rows = con.execute(FIGURES, [convention_id, list(statuses)]).fetchall()
    return [
        QuarterFigure(a, c, y, q, v, n, d, comment, status)
        for a, c, y, q, v, n, d, comment, status in rows
    ]


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


@dataclass(frozen=True)
class StoredFigure:
    """A figure as stored, with what the workflow and the version check need."""

    value: Decimal | None
    numerator: int | None
    denominator: int | None
    status: str
    version: int
    updated_by: str | None
    updated_at: datetime | None
    comment: str | None = None

    @property
    def text(self) -> str:
        return figure_text(self.value, self.numerator, self.denominator)


def _check_version(
    key: FigureKey, state: StoredFigure | None, expected: Mapping[FigureKey, int | None] | None
) -> None:
    if expected is None or key not in expected:
        return
    if (None if state is None else state.version) != expected[key]:
        raise ConcurrentEdit(
            key,
            None if state is None else state.updated_by,
            None if state is None else state.updated_at,
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
    thousands of rows costs a few queries, not thousands. A figure whose value, status and
    comment are unchanged is not written at all: its version, author and time stay, so the
    history line and the version always go together. Figures a demo account writes are
    demonstration data too (see guards.demo_only).
    """
    now = now or datetime.now()
    incoming = list(new_figures)
    if not incoming:
        return 0
    require_active_account(con, actor)
    is_demo = is_demo or (not actor.trusted_import and is_demo_account(con, actor.login))
    states = _states(con, convention_id)
    assigned = _assignments(con, convention_id)
    locked = _locks(con, convention_id)
    rows, history = [], []
    for fig in incoming:
        key = (fig.action, fig.code, fig.year, fig.quarter)
        state = states.get(key)
        current = None if state is None else state.status
        require(
            figure_write_refusal(
                actor, assigned.get(fig.action, set()), current, fig.status,
                locked.get(fig.year, False),
            )
        )  # fmt: skip
        _check_version(key, state, expected_versions)
        change = _change(fig, state)
        if change is None:
            continue
        version = 1 if state is None else state.version + 1
        rows.append(
            (*key, None if fig.value is None else str(fig.value), fig.numerator, fig.denominator,
             fig.comment or "", fig.status, version)
        )  # fmt: skip
        history.append((f"action {fig.action} · {fig.code} · {fig.year} T{fig.quarter}", *change))
    require(missing_evidence_refusal(con, convention_id, incoming))
    if rows:
        _write(con, convention_id, rows, actor.login, now, is_demo)
    _write_history(con, convention_id, history, actor.login, reason, now)
    return len(history)


def _change(fig: QuarterFigure, state: StoredFigure | None) -> tuple[str | None, str] | None:
    """(old, new) as the history shows them, or None when nothing stored would change.

    The comment is named only when it changed, so that a line about a value reads as before.
    """
    new_text = f"{figure_text(fig.value, fig.numerator, fig.denominator)} ({fig.status})"
    if state is None:
        return None, new_text
    old_text = f"{state.text} ({state.status})"
    old_comment, new_comment = state.comment or "", fig.comment or ""
    if old_comment != new_comment:
        return (f"{old_text} · commentaire : {old_comment}",
                f"{new_text} · commentaire : {new_comment}")  # fmt: skip
    return None if old_text == new_text else (old_text, new_text)


def _states(con: Connection, convention_id: str) -> dict[FigureKey, StoredFigure]:
    rows = con.execute(FIGURE_STATES, [convention_id]).fetchall()
    return {tuple(row[:4]): StoredFigure(*row[4:]) for row in rows}


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
    if decision not in (FigureStatus.VALIDATED, FigureStatus.RETURNED):
        raise ValueError(decision)
    if decision == FigureStatus.RETURNED and not reason.strip():
        require("le motif du renvoi est obligatoire : le partenaire le verra")
    now = now or datetime.now()
    require_active_account(con, actor)
    count = 0
    for key in keys:
        row = con.execute(FIGURE_STATE, [convention_id, *key]).fetchone()
        state = None if row is None else StoredFigure(*row)
        current = None if state is None else state.status
        require(review_refusal(actor, current, is_year_locked(con, convention_id, key[2])))
        con.execute(
            REVIEW_FIGURE,
            [decision, reason.strip() or None, now, actor.login, convention_id, *key],
        )
        action, code, year, quarter = key
        append_history(
            con, actor.login, "figure", convention_id,
            f"action {action} · {code} · {year} T{quarter}",
            f"{state.text} ({FigureStatus.SUBMITTED})",
            f"{state.text} ({decision})",
            reason.strip() or (None if decision == FigureStatus.RETURNED else "Validation"),
            now=now,
        )  # fmt: skip
        count += 1
    return count


def count_real_figures(con: Connection) -> int:
    return con.execute(COUNT_REAL_FIGURES).fetchone()[0]


def delete_demo_figures(con: Connection) -> None:
    con.execute(DELETE_DEMO_FIGURES)
