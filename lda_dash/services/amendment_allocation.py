"""The allocation an amendment sets (DOMAIN.md sections 7 and 13): its shares before → after,
and the check that the year's allocation still sums exactly to the payment.

An amendment names only the shares it changes; the others keep their value in force. Whatever it
changes (shares, the payment, or both), an allocation that is not the default rule must add up
to the payment to the cent: the default rule follows the payment by itself, a fixed allocation
does not, so a new payment over a fixed allocation needs the new allocation in the same
amendment. Problems are returned as French sentences, for the caller to refuse with.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lda_dash import fmt, storage
from lda_dash.domain.amendments import Change, ChangeKind
from lda_dash.services.control import load_allocation, load_default_allocation
from lda_dash.services.in_force import payment_in_force

CENT = Decimal("0.01")


def allocation_changes(
    con, convention_id: str, year: int, amended_on: date, payment: Decimal | None,
    shares: dict[int, Decimal], titles: dict[int, str],
) -> tuple[list[Change], str | None]:  # fmt: skip
    """The allocation changes of an amendment dated `amended_on`, or the reason it is refused.

    `payment` is the payment the amendment sets (None: unchanged). "Before" is each share in
    force on the amendment's date.
    """
    paid_before = payment_in_force(con, convention_id, year, amended_on)
    paid_after = Decimal(payment) if payment is not None else paid_before
    if not shares and (payment is None or paid_before is None):
        return [], None  # nothing shared yet, or only the payment of a year without allocation
    if paid_after is None:
        return [], (
            f"l'année {year} n'a pas encore de versement : fixez-le dans le même avenant pour "
            "en répartir les parts"
        )
    for action, amount in sorted(shares.items()):
        if action not in titles:
            return [], f"répartition : action {action} inconnue de la convention"
        if Decimal(amount) < 0:
            return [], f"répartition de l'action {action} : une part ne peut pas être négative"
        if Decimal(amount) != Decimal(amount).quantize(CENT):
            return [], f"répartition de l'action {action} : un montant s'arrête au centime"
    if paid_before is None:
        before, fixed = {}, False
    else:
        before, fixed = load_allocation(con, convention_id, year, amended_on)
    base = before if fixed else load_default_allocation(con, convention_id, year, paid_after)
    if shares or fixed:
        problem = gap(year, {**base, **shares}, paid_after, bool(shares))
        if problem:
            return [], problem
    changes = [
        Change(ChangeKind.ALLOCATION, action, None, before.get(action), Decimal(amount))
        for action, amount in sorted(shares.items())
    ]
    return changes, None


def gap(year: int, shares: dict[int, Decimal], payment: Decimal, set_here: bool) -> str | None:
    """Why `shares` do not make the year's payment exactly (DOMAIN.md 7), or None."""
    total = sum((Decimal(v) for v in shares.values()), Decimal(0))
    if total == Decimal(payment):
        return None
    difference = total - Decimal(payment)
    off = f"{_euros(difference)} de trop" if difference > 0 else f"il manque {_euros(-difference)}"
    if set_here:
        return (
            f"la répartition {year} totaliserait {_euros(total)} au lieu du versement de "
            f"{_euros(payment)} ({off}) : les parts doivent totaliser exactement le versement, "
            "ajustez celles d'autres actions dans le même avenant"
        )
    return (
        f"la répartition {year} en vigueur est fixée (ce n'est pas la règle par défaut) et "
        f"totalise {_euros(total)}, pas le nouveau versement de {_euros(payment)} ({off}) : "
        "fixez aussi la répartition dans l'avenant, pour qu'elle totalise exactement le versement"
    )


def stored_allocation_after(
    con, convention_id: str, year: int, payment: Decimal | None, shares: dict[int, Decimal]
) -> tuple[dict[int, Decimal] | None, str | None]:
    """The stored (latest) allocation once `shares` are applied over it with `payment` as the
    year's stored payment, and the reason it would not add up; (None, None) when nothing is
    fixed. Checked before anything is written, for an amendment older than one already recorded.
    """
    if payment is None:
        return None, None
    overrides = storage.allocation_overrides(con, convention_id, year)
    if not overrides and not shares:
        return None, None  # the default rule follows the payment
    base = overrides or load_default_allocation(con, convention_id, year, payment)
    after = {**base, **shares}
    problem = gap(year, after, payment, bool(shares))
    if problem:
        return None, f"{problem} (compte tenu des avenants postérieurs déjà enregistrés)"
    return after, None


def _euros(amount: Decimal) -> str:
    amount = Decimal(amount)
    return fmt.money(amount, 0 if amount == amount.to_integral_value() else 2)
