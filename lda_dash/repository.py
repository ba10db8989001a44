"""The only module that runs SQL: named queries with parameters, one connection per unit of work.

Every function takes an open connection from `db.connect()`, so a page or a command groups its
reads or writes in one transaction and releases the file right after.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from decimal import Decimal

import duckdb
import pandas as pd

from lda_dash.domain.model import IndicatorSpec, Mode, QuarterFigure

Connection = duckdb.DuckDBPyConnection

# --- reference data -------------------------------------------------------------------------

UPSERT_TERRITORY = """
INSERT INTO territory (id, name, siret) VALUES (?, ?, ?)
ON CONFLICT (id) DO UPDATE SET name = excluded.name, siret = excluded.siret
"""
UPSERT_CONVENTION = """
INSERT INTO convention (id, territory_id, title, programme, programme_label, chorus_activity,
    chorus_activity_label, functional_domain, programming_activity, first_year, last_year,
    payment_due)
VALUES ($id, $territory_id, $title, $programme, $programme_label, $chorus_activity,
    $chorus_activity_label, $functional_domain, $programming_activity, $first_year, $last_year,
    $payment_due)
ON CONFLICT (id) DO UPDATE SET territory_id = excluded.territory_id, title = excluded.title,
    programme = excluded.programme, programme_label = excluded.programme_label,
    chorus_activity = excluded.chorus_activity,
    chorus_activity_label = excluded.chorus_activity_label,
    functional_domain = excluded.functional_domain,
    programming_activity = excluded.programming_activity, first_year = excluded.first_year,
    last_year = excluded.last_year, payment_due = excluded.payment_due
"""
UPSERT_PAYMENT = """
INSERT INTO payment (convention_id, year, amount, note) VALUES (?, ?, ?, ?)
ON CONFLICT (convention_id, year) DO UPDATE SET amount = excluded.amount, note = excluded.note
"""
UPSERT_ACTION = """
INSERT INTO action (convention_id, number, annex_row, signed_number, title, category, description,
    objective, leverage, expected_results, calendar, deliverables)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (convention_id, number) DO UPDATE SET annex_row = excluded.annex_row,
    signed_number = excluded.signed_number, title = excluded.title, category = excluded.category,
    description = excluded.description, objective = excluded.objective,
    leverage = excluded.leverage, expected_results = excluded.expected_results,
    calendar = excluded.calendar, deliverables = excluded.deliverables
"""
UPSERT_ANNEX_TOTAL = """
INSERT INTO annex_total (convention_id, signed_number, cost_y1, ami_y1, cofunding_y1, cost_y2,
    cofunding_y2)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (convention_id) DO UPDATE SET signed_number = excluded.signed_number,
    cost_y1 = excluded.cost_y1, ami_y1 = excluded.ami_y1, cofunding_y1 = excluded.cofunding_y1,
    cost_y2 = excluded.cost_y2, cofunding_y2 = excluded.cofunding_y2
"""
UPSERT_BUDGET_LINE = """
INSERT INTO budget_line (convention_id, action_number, year, cost, ami, cofunding)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (convention_id, action_number, year) DO UPDATE SET cost = excluded.cost,
    ami = excluded.ami, cofunding = excluded.cofunding
"""
INSERT_INDICATOR_IF_ABSENT = """
INSERT INTO indicator (convention_id, action_number, code, label, unit, mode, baseline, weight,
    position)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (convention_id, action_number, code) DO NOTHING
"""
INSERT_TARGET_IF_ABSENT = """
INSERT INTO target (convention_id, action_number, code, year, target) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (convention_id, action_number, code, year) DO NOTHING
"""


def upsert_convention(con: Connection, territory: Mapping, convention: Mapping) -> None:
    """Create or refresh a territory and its convention's references."""
    con.execute(UPSERT_TERRITORY, [territory["id"], territory["name"], territory.get("siret")])
    con.execute(UPSERT_CONVENTION, {**convention, "territory_id": territory["id"]})


def upsert_payments(con: Connection, convention_id: str, payments: Iterable[Mapping]) -> None:
    for payment in payments:
        con.execute(
            UPSERT_PAYMENT,
            [convention_id, payment["year"], payment["amount"], payment.get("note")],
        )


def upsert_action(con: Connection, convention_id: str, action: Mapping) -> None:
    con.execute(
        UPSERT_ACTION,
        [
            convention_id,
            action["number"],
            action["annex_row"],
            action["signed_number"],
            action["title"],
            action["category"],
            action["description"],
            action["objective"],
            action["leverage"],
            action["expected_results"],
            action["calendar"],
            action["deliverables"],
        ],
    )


def upsert_annex_total(con: Connection, convention_id: str, total: Mapping) -> None:
    con.execute(
        UPSERT_ANNEX_TOTAL,
        [
            convention_id,
            total["signed_number"],
            total["cost_y1"],
            total["ami_y1"],
            total["cofunding_y1"],
            total["cost_y2"],
            total["cofunding_y2"],
        ],
    )


def upsert_budget_line(
    con: Connection, convention_id: str, action_number: int, year: int, cost, ami, cofunding
) -> None:
    con.execute(UPSERT_BUDGET_LINE, [convention_id, action_number, year, cost, ami, cofunding])


def add_indicator_if_absent(
    con: Connection, convention_id: str, spec: IndicatorSpec, position: int
) -> None:
    """Shipped indicators are a starting point: once edited by the coordination, keep the edit."""
    con.execute(
        INSERT_INDICATOR_IF_ABSENT,
        [
            convention_id,
            spec.action,
            spec.code,
            spec.label,
            spec.unit,
            spec.mode.value,
            spec.baseline,
            spec.weight,
            position,
        ],
    )
    for year, target in spec.targets.items():
        con.execute(INSERT_TARGET_IF_ABSENT, [convention_id, spec.action, spec.code, year, target])


# --- reading the convention -----------------------------------------------------------------

CONVENTIONS = """
SELECT c.*, t.name AS territory_name, t.siret
FROM convention c JOIN territory t ON t.id = c.territory_id
ORDER BY t.name, c.first_year, c.id
"""
PAYMENTS = "SELECT year, amount, note FROM payment WHERE convention_id = ? ORDER BY year"
ACTIONS = "SELECT * FROM action WHERE convention_id = ? ORDER BY number"
ANNEX_TOTAL = "SELECT * FROM annex_total WHERE convention_id = ?"
BUDGET_LINES = """
SELECT action_number, year, cost, ami, cofunding FROM budget_line
WHERE convention_id = ? ORDER BY action_number, year
"""
INDICATORS = """
SELECT action_number, code, label, unit, mode, baseline, weight, position FROM indicator
WHERE convention_id = ? ORDER BY action_number, position, code
"""
TARGETS = "SELECT action_number, code, year, target FROM target WHERE convention_id = ?"


def conventions(con: Connection) -> list[dict]:
    return _dicts(con.execute(CONVENTIONS))


def payments(con: Connection, convention_id: str) -> dict[int, Decimal]:
    return {year: amount for year, amount, _ in con.execute(PAYMENTS, [convention_id]).fetchall()}


def actions(con: Connection, convention_id: str) -> list[dict]:
    return _dicts(con.execute(ACTIONS, [convention_id]))


def annex_total(con: Connection, convention_id: str) -> dict | None:
    rows = _dicts(con.execute(ANNEX_TOTAL, [convention_id]))
    return rows[0] if rows else None


def budget_lines(con: Connection, convention_id: str) -> pd.DataFrame:
    return con.execute(BUDGET_LINES, [convention_id]).df()


def indicator_specs(con: Connection, convention_id: str) -> dict[tuple[int, str], IndicatorSpec]:
    """Every indicator of the convention with its targets, keyed by (action, code), in order."""
    targets: dict[tuple[int, str], dict[int, Decimal | None]] = {}
    for action, code, year, target in con.execute(TARGETS, [convention_id]).fetchall():
        targets.setdefault((action, code), {})[year] = target
    specs = {}
    for action, code, label, unit, mode, baseline, weight, _ in con.execute(
        INDICATORS, [convention_id]
    ).fetchall():
        specs[(action, code)] = IndicatorSpec(
            action=action,
            code=code,
            label=label,
            unit=unit,
            mode=Mode(mode),
            baseline=baseline,
            weight=weight,
            targets=targets.get((action, code), {}),
        )
    return specs


# --- figures --------------------------------------------------------------------------------

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


# --- history and settings -------------------------------------------------------------------

INSERT_HISTORY = """
INSERT INTO history (changed_at, author, entity, convention_id, item, old_value, new_value, reason)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""
HISTORY = "SELECT * FROM history WHERE convention_id = ? OR convention_id IS NULL ORDER BY id DESC"
GET_SETTING = "SELECT value FROM setting WHERE key = ?"
SET_SETTING = """
INSERT INTO setting (key, value) VALUES (?, ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value
"""


def append_history(
    con: Connection,
    author: str,
    entity: str,
    convention_id: str | None,
    item: str,
    old_value: str | None,
    new_value: str | None,
    reason: str | None,
    *,
    now: datetime | None = None,
) -> None:
    con.execute(
        INSERT_HISTORY,
        [now or datetime.now(), author, entity, convention_id, item, old_value, new_value, reason],
    )


def history(con: Connection, convention_id: str) -> pd.DataFrame:
    return con.execute(HISTORY, [convention_id]).df()


def setting(con: Connection, key: str, default: str | None = None) -> str | None:
    row = con.execute(GET_SETTING, [key]).fetchone()
    return default if row is None else row[0]


def set_setting(con: Connection, key: str, value: str) -> None:
    con.execute(SET_SETTING, [key, value])


def _dicts(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
