"""Amendments of a convention and their changes (DOMAIN.md section 13): the only SQL for them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from lda_dash.domain.amendments import Amendment, Change, ChangeKind
from lda_dash.storage.base import Connection, has_table

INSERT_AMENDMENT = """
INSERT INTO amendment (id, convention_id, year, amended_on, reference, reason, author, created_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""
INSERT_CHANGE = """
INSERT INTO amendment_change (amendment_id, position, kind, action_number, code, before_value,
    after_value)
VALUES (?, ?, ?, ?, ?, ?, ?)
"""
AMENDMENTS = """
SELECT id, year, amended_on, reference, reason, author, created_at FROM amendment
WHERE convention_id = ? ORDER BY amended_on, created_at, id
"""
CHANGES = """
SELECT c.amendment_id, c.kind, c.action_number, c.code, c.before_value, c.after_value
FROM amendment_change c JOIN amendment a ON a.id = c.amendment_id
WHERE a.convention_id = ? ORDER BY c.amendment_id, c.position
"""
SEED_EXISTS = """
SELECT count(*) FROM amendment WHERE convention_id = ? AND year = ? AND reference = ?
"""
DECISION_DAY = "SELECT decided_on FROM clawback_decision WHERE convention_id = ? AND year = ?"


def amendments(con: Connection, convention_id: str) -> list[Amendment]:
    """Every amendment of the convention with its changes, oldest first (by date, then record)."""
    if not has_table(con, "amendment"):
        return []
    changes: dict[str, list[Change]] = {}
    for amendment_id, kind, action, code, before, after in con.execute(
        CHANGES, [convention_id]
    ).fetchall():
        changes.setdefault(amendment_id, []).append(
            Change(ChangeKind(kind), action, code, before, after)
        )
    return [
        Amendment(
            id=row[0],
            year=row[1],
            amended_on=row[2],
            reference=row[3],
            reason=row[4],
            author=row[5],
            created_at=row[6],
            changes=tuple(changes.get(row[0], ())),
        )
        for row in con.execute(AMENDMENTS, [convention_id]).fetchall()
    ]


def insert_amendment(
    con: Connection,
    convention_id: str,
    year: int,
    amended_on: date,
    reference: str,
    reason: str,
    author: str,
    changes: list[Change],
    *,
    now: datetime | None = None,
) -> str:
    """Store an amendment and its changes (the checks are services.amendments')."""
    amendment_id = uuid.uuid4().hex
    con.execute(
        INSERT_AMENDMENT,
        [amendment_id, convention_id, year, amended_on, reference, reason, author,
         now or datetime.now()],
    )  # fmt: skip
    for position, change in enumerate(changes):
        con.execute(
            INSERT_CHANGE,
            [amendment_id, position, change.kind.value, change.action, change.indicator,
             change.before, change.after],
        )  # fmt: skip
    return amendment_id


def has_amendment(con: Connection, convention_id: str, year: int, reference: str) -> bool:
    return con.execute(SEED_EXISTS, [convention_id, year, reference]).fetchone()[0] > 0


def decision_day(con: Connection, convention_id: str, year: int) -> date | None:
    """The date of the year's clawback decision, None when the year is not decided."""
    row = con.execute(DECISION_DAY, [convention_id, year]).fetchone()
    return None if row is None else row[0]


SET_PAYMENT = """
INSERT INTO payment (convention_id, year, amount, note) VALUES (?, ?, ?, ?)
ON CONFLICT (convention_id, year) DO UPDATE SET amount = excluded.amount, note = excluded.note
"""
SET_TARGET = """
INSERT INTO target (convention_id, action_number, code, year, target) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (convention_id, action_number, code, year) DO UPDATE SET target = excluded.target
"""


def apply_payment(con: Connection, convention_id: str, year: int, amount, note: str) -> None:
    """The year's current payment becomes the amendment's (reversement reads this one)."""
    con.execute(SET_PAYMENT, [convention_id, year, amount, note])


def apply_target(
    con: Connection, convention_id: str, key: tuple[int, str], year: int, target
) -> None:
    con.execute(SET_TARGET, [convention_id, *key, year, target])


CLEAR_ALLOCATION = "DELETE FROM allocation WHERE convention_id = ? AND year = ?"
SET_SHARE = """
INSERT INTO allocation (convention_id, year, action_number, amount, set_by, set_at, reason)
VALUES (?, ?, ?, ?, ?, ?, ?)
"""


def apply_allocation(
    con: Connection, convention_id: str, year: int, shares: dict[int, Decimal], author: str,
    at: datetime, label: str,
) -> None:  # fmt: skip
    """The year's current allocation becomes the amendment's, every share of it (reversement
    and the allocation editor read this one); the checks are services.amendments'."""
    con.execute(CLEAR_ALLOCATION, [convention_id, year])
    for action, amount in sorted(shares.items()):
        con.execute(SET_SHARE, [convention_id, year, action, amount, author, at, label])
