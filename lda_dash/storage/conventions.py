"""Territories, conventions, payments, annex actions, budgets, indicators and targets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

import pandas as pd

from lda_dash.domain.model import IndicatorSpec, Mode
from lda_dash.storage.base import Connection, _dicts
from lda_dash.storage.guards import require_same_if_locked

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


STORED_PAYMENT = "SELECT amount FROM payment WHERE convention_id = ? AND year = ?"
STORED_BUDGET_LINE = """
SELECT cost, ami, cofunding FROM budget_line
WHERE convention_id = ? AND action_number = ? AND year = ?
"""


def upsert_payments(con: Connection, convention_id: str, payments: Iterable[Mapping]) -> None:
    """Store the payments; a locked year's payment may be repeated, not changed."""
    for payment in payments:
        row = con.execute(STORED_PAYMENT, [convention_id, payment["year"]]).fetchone()
        if row is not None:
            require_same_if_locked(
                con, convention_id, payment["year"], "le versement", row, [payment["amount"]]
            )
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
    """Store a budget line; a locked year's line may be repeated, not changed."""
    row = con.execute(STORED_BUDGET_LINE, [convention_id, action_number, year]).fetchone()
    if row is not None:
        require_same_if_locked(
            con, convention_id, year, "le budget de l'annexe", row, [cost, ami, cofunding]
        )
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
