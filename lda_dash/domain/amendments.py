"""Amendments (avenants, DOMAIN.md section 13): which value is in force at a date, and when an
amendment is refused. Pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class ChangeKind(StrEnum):
    """What an amendment changes for its year."""

    PAYMENT = "payment"
    TARGET = "target"
    WEIGHT = "weight"
    ALLOCATION = "allocation"


CHANGE_LABELS = {
    ChangeKind.PAYMENT: "versement",
    ChangeKind.TARGET: "cible",
    ChangeKind.WEIGHT: "poids",
    ChangeKind.ALLOCATION: "répartition",
}


@dataclass(frozen=True)
class Change:
    """One value an amendment sets: before → after (action/indicator None for the payment)."""

    kind: ChangeKind
    action: int | None
    indicator: str | None
    before: Decimal | None
    after: Decimal | None


@dataclass(frozen=True)
class Amendment:
    """A dated, referenced amendment of one year of a convention, with its changes."""

    id: str
    year: int
    amended_on: date
    reference: str
    reason: str
    author: str
    created_at: datetime
    changes: tuple[Change, ...]

    def label(self) -> str:
        """« Avenant 2022 du 25/05/2022 », the line pages and reports show."""
        return f"{self.reference} du {self.amended_on.strftime('%d/%m/%Y')}"


@dataclass(frozen=True)
class Step:
    """A value set by an amendment on a date; `before` is what was in force just before."""

    amended_on: date
    before: Decimal | None
    after: Decimal | None


def value_in_force(steps: list[Step], current: Decimal | None, as_of: date) -> Decimal | None:
    """The value in force on `as_of`: the latest amendment dated on or before it (section 13).

    `steps` are ordered by date (then recording). `current` is the stored value, the latest
    amendment's or a later edit by the coordination: it applies from the last amendment's date on.
    Before the first amendment, its `before` applies, or the stored value when it set a value
    that did not exist (the seed).
    """
    if not steps or as_of >= steps[-1].amended_on:
        return current
    applied = [step for step in steps if step.amended_on <= as_of]
    if applied:
        return applied[-1].after
    first = steps[0]
    return current if first.before is None else first.before


def allocation_in_force(
    steps: Mapping[int, list[Step]],
    current: Mapping[int, Decimal],
    as_of: date,
    payment: Decimal,
    default: Mapping[int, Decimal],
) -> dict[int, Decimal]:
    """The year's allocation in force on `as_of`, from the amendments that set its shares.

    `steps` are per action; `current` is the stored allocation (the latest amendment's, or a
    later one by the coordination), `payment` the payment in force on `as_of` and `default` the
    default rule's allocation of that payment. Each share is read like any value (section 13).
    Before the first allocation amendment the shares it replaced apply; if they do not add up to
    the payment in force then, the year was on the default rule and its payment has changed
    since (a payment amendment re-shares the default rule): the default rule applies.
    """
    if not steps:
        return dict(current)
    shares = {
        action: value_in_force(steps.get(action, []), amount, as_of)
        for action, amount in current.items()
    }
    first = min(action_steps[0].amended_on for action_steps in steps.values())
    if as_of < first and sum(shares.values(), Decimal(0)) != Decimal(payment):
        return dict(default)
    return shares


def amendment_refusal(year: int, amended_on: date, decided_on: date | None) -> str | None:
    """Why an amendment of `year` dated `amended_on` is refused, or None.

    A decided year keeps the targets and payment its decision was computed from (section 13):
    an amendment dated after the decision is refused.
    """
    if decided_on is not None and amended_on > decided_on:
        return (
            f"l'année {year} est déjà décidée (décision de reversement du "
            f"{decided_on.strftime('%d/%m/%Y')}) : un avenant daté du "
            f"{amended_on.strftime('%d/%m/%Y')} ne peut plus la modifier"
        )
    return None


def latest_on_or_before(amendments: list[Amendment], year: int, as_of: date) -> Amendment | None:
    """The amendment of `year` in force on `as_of`: the latest dated on or before it."""
    dated = [a for a in amendments if a.year == year and a.amended_on <= as_of]
    return max(dated, key=lambda a: (a.amended_on, a.created_at), default=None)
