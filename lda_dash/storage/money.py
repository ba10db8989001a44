"""Allocation overrides, clawback decisions, year locks and State-funded spending per year."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from lda_dash.domain.model import SPENDING_CODE
from lda_dash.domain.permissions import Actor, may, require
from lda_dash.storage.base import Connection, _dicts, append_history
from lda_dash.storage.guards import (
    require_active_account,
    require_no_locked_year,
    require_year_open,
)

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
ALLOCATION_SET = """
SELECT set_by, set_at, reason FROM allocation WHERE convention_id = ? AND year = ?
ORDER BY set_at DESC LIMIT 1
"""
YEAR_LOCKS = "SELECT * FROM year_lock WHERE convention_id = ? ORDER BY year"


def allocation_overrides(con: Connection, convention_id: str, year: int) -> dict[int, Decimal]:
    """The coordination's allocation for a year, or {} when the default rule applies."""
    rows = con.execute(ALLOCATION_OVERRIDES, [convention_id, year]).fetchall()
    return dict(rows)


def allocation_record(con: Connection, convention_id: str, year: int) -> dict | None:
    """Who set the year's override, when and why; None when the default rule applies."""
    rows = _dicts(con.execute(ALLOCATION_SET, [convention_id, year]))
    return rows[0] if rows else None


def spending_by_year(
    con: Connection, convention_id: str, statuses: list[str]
) -> dict[int, Decimal]:
    """Σ DEP_AMI per year over the figures with these statuses (years without any are absent)."""
    rows = con.execute(SPENDING_BY_YEAR, [convention_id, statuses]).fetchall()
    return {year: total for year, total in rows if total is not None}


def decisions(con: Connection, convention_id: str) -> list[dict]:
    return _dicts(con.execute(DECISIONS, [convention_id]))


def year_locks(con: Connection, convention_id: str) -> dict[int, dict]:
    """year → its lock record (locked, changed_by, changed_at, reason); never locked: absent."""
    return {row["year"]: row for row in _dicts(con.execute(YEAR_LOCKS, [convention_id]))}


def decided_amounts(con: Connection, convention_id: str) -> dict[int, Decimal]:
    return {d["year"]: d["decided_amount"] for d in decisions(con, convention_id)}


UPSERT_DECISION = """
INSERT INTO clawback_decision (convention_id, year, proposed_amount, decided_amount, threshold,
    justification, author, decided_on, recorded_at, letter_date, title_date, paid_date)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (convention_id, year) DO UPDATE SET proposed_amount = excluded.proposed_amount,
    decided_amount = excluded.decided_amount, threshold = excluded.threshold,
    justification = excluded.justification, author = excluded.author,
    decided_on = excluded.decided_on, recorded_at = excluded.recorded_at,
    letter_date = excluded.letter_date, title_date = excluded.title_date,
    paid_date = excluded.paid_date
"""
UPSERT_LOCK = """
INSERT INTO year_lock (convention_id, year, locked, changed_by, changed_at, reason)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (convention_id, year) DO UPDATE SET locked = excluded.locked,
    changed_by = excluded.changed_by, changed_at = excluded.changed_at, reason = excluded.reason
"""
DELETE_ALLOCATION = "DELETE FROM allocation WHERE convention_id = ? AND year = ?"
INSERT_ALLOCATION = "INSERT INTO allocation VALUES (?, ?, ?, ?, ?, ?, ?)"
UPDATE_TARGET = """
INSERT INTO target (convention_id, action_number, code, year, target) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (convention_id, action_number, code, year) DO UPDATE SET target = excluded.target
"""
UPDATE_WEIGHT = """
UPDATE indicator SET weight = ? WHERE convention_id = ? AND action_number = ? AND code = ?
"""


def _need_reason(reason: str, what: str) -> str:
    if not reason or not reason.strip():
        require(f"le motif est obligatoire pour {what}")
    return reason.strip()


def record_decision(
    con: Connection,
    convention_id: str,
    year: int,
    actor: Actor,
    *,
    proposed: Decimal,
    decided: Decimal,
    threshold: Decimal,
    justification: str,
    decided_on: date,
    letter_date: date | None = None,
    title_date: date | None = None,
    paid_date: date | None = None,
    now: datetime | None = None,
) -> None:
    """The Prefect's decision (prefecture only); it locks the year's figures.

    A decided year stays decided: changing its terms (amounts, threshold, justification, date)
    needs the administration to unlock the year first, with a reason in the history, so the
    amount notified cannot change silently. The Article 4 dates (letter, title, payment) come
    later by nature and may still be completed.
    """
    if not may(actor, "decision"):
        require("seule la préfecture enregistre une décision de reversement")
    require_active_account(con, actor)
    before = {d["year"]: d for d in decisions(con, convention_id)}.get(year)
    terms = (Decimal(proposed), Decimal(decided), Decimal(threshold), justification.strip(),
             decided_on)  # fmt: skip
    if before is not None and terms != _terms(before):
        require_year_open(con, convention_id, year, "la décision déjà enregistrée")
    justification = _need_reason(justification, "une décision de reversement")
    if Decimal(decided) < 0:
        require("le montant décidé ne peut pas être négatif")
    now = now or datetime.now()
    con.execute(
        UPSERT_DECISION,
        [convention_id, year, proposed, decided, threshold, justification, actor.login,
         decided_on, now, letter_date, title_date, paid_date],
    )  # fmt: skip
    con.execute(UPSERT_LOCK, [convention_id, year, True, actor.login, now, "Décision enregistrée"])
    append_history(
        con, actor.login, "decision", convention_id, f"reversement {year}",
        None if before is None else f"{before['decided_amount']} €", f"{decided} €",
        justification, now=now,
    )  # fmt: skip


def _terms(decision: dict) -> tuple:
    return (Decimal(decision["proposed_amount"]), Decimal(decision["decided_amount"]),
            Decimal(decision["threshold"]), decision["justification"].strip(),
            decision["decided_on"])  # fmt: skip


def set_year_lock(
    con: Connection, convention_id: str, year: int, actor: Actor, locked: bool, reason: str
) -> None:
    """Lock or unlock a year's figures (admin only, with a logged reason)."""
    if not may(actor, "locks"):
        require("seule l'administration verrouille ou déverrouille une année")
    require_active_account(con, actor)
    reason = _need_reason(reason, "un (dé)verrouillage")
    con.execute(UPSERT_LOCK, [convention_id, year, locked, actor.login, datetime.now(), reason])
    append_history(
        con, actor.login, "lock", convention_id, f"année {year}",
        None, "verrouillée" if locked else "déverrouillée", reason,
    )  # fmt: skip


def set_allocation(
    con: Connection,
    convention_id: str,
    year: int,
    shares: dict[int, Decimal],
    payment: Decimal,
    actor: Actor,
    reason: str,
    current: dict[int, Decimal] | None = None,
) -> None:
    """The coordination's allocation of a year; it must sum exactly to the payment.

    `current` is the allocation in force before (the default rule's, when not overridden yet),
    so that the history shows each share that changed with its old value.
    """
    if not may(actor, "allocation"):
        require("seule la coordination modifie la répartition")
    reason = _need_reason(reason, "modifier la répartition")
    require_active_account(con, actor)
    # The allocation is a term of the proposal the decision relied on.
    require_year_open(con, convention_id, year, "la répartition")
    total = sum((Decimal(v) for v in shares.values()), Decimal(0))
    if total != Decimal(payment):
        require(f"la répartition totalise {total} € au lieu du versement de {payment} €")
    if any(Decimal(v) < 0 for v in shares.values()):
        require("une part de la répartition ne peut pas être négative")
    before = current if current is not None else allocation_overrides(con, convention_id, year)
    now = datetime.now()
    con.execute(DELETE_ALLOCATION, [convention_id, year])
    for action, amount in sorted(shares.items()):
        con.execute(
            INSERT_ALLOCATION, [convention_id, year, action, amount, actor.login, now, reason]
        )
        if before.get(action) != Decimal(amount):
            append_history(
                con, actor.login, "allocation", convention_id, f"action {action} · {year}",
                None if action not in before else str(before[action]), str(amount), reason,
                now=now,
            )  # fmt: skip


def set_target(
    con: Connection, convention_id: str, key: tuple[int, str], year: int,
    target: Decimal | None, before: Decimal | None, actor: Actor, reason: str,
) -> None:  # fmt: skip
    """A target edited by the coordination, with its reason in the history; a target is a
    term of the clawback proposal, so a year locked by a decision keeps its targets."""
    if not may(actor, "targets"):
        require("seule la coordination modifie les cibles")
    reason = _need_reason(reason, "modifier une cible")
    require_active_account(con, actor)
    require_year_open(con, convention_id, year, "la cible")
    con.execute(UPDATE_TARGET, [convention_id, *key, year, target])
    append_history(
        con, actor.login, "target", convention_id, f"action {key[0]} · {key[1]} · {year}",
        None if before is None else str(before), None if target is None else str(target), reason,
    )  # fmt: skip


def set_weight(
    con: Connection, convention_id: str, key: tuple[int, str], weight: Decimal,
    before: Decimal, actor: Actor, reason: str,
) -> None:  # fmt: skip
    """An indicator's weight edited by the coordination, with its reason in the history.

    A weight has no year and weighs in every year's proposal: it is refused while any year of
    the convention is locked (docs/rules.md).
    """
    if not may(actor, "targets"):
        require("seule la coordination modifie les poids")
    reason = _need_reason(reason, "modifier un poids")
    require_active_account(con, actor)
    require_no_locked_year(con, convention_id, "le poids d'un indicateur")
    if Decimal(weight) < 0:
        require("un poids ne peut pas être négatif")
    con.execute(UPDATE_WEIGHT, [weight, convention_id, *key])
    append_history(
        con, actor.login, "weight", convention_id, f"action {key[0]} · {key[1]}",
        str(before), str(weight), reason,
    )  # fmt: skip
