"""Article 4 deadlines: the EPCI's reply one month after the registered letter, payment at the
latest six months after the titre de reversement (DOMAIN.md section 8)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

REPLY_MONTHS = 1
PAYMENT_MONTHS = 6


def add_months(start: date, months: int) -> date:
    """Add calendar months; a missing day becomes the month's last (31/01 + 1 → 28/02)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


@dataclass(frozen=True)
class Step:
    """One step of the timeline; `overdue` when its due date has passed without it being done."""

    label: str
    due: date | None
    done_on: date | None
    overdue: bool


def timeline(
    letter: date | None, title: date | None, today: date, paid: date | None = None
) -> list[Step]:
    """Registered letter → reply due (+1 month) → titre de reversement → payment due (+6 months)."""
    reply_due = add_months(letter, REPLY_MONTHS) if letter else None
    payment_due = add_months(title, PAYMENT_MONTHS) if title else None
    return [
        Step("Lettre recommandée avec accusé de réception", None, letter, False),
        Step(
            "Réponse de l'EPCI attendue",
            reply_due,
            None,
            bool(reply_due and title is None and today > reply_due),
        ),
        Step("Titre de reversement émis", reply_due, title, False),
        Step(
            "Paiement dû au plus tard",
            payment_due,
            paid,
            bool(payment_due and paid is None and today > payment_due),
        ),
    ]


def date_order_problems(letter: date | None, title: date | None, paid: date | None) -> list[str]:
    """Article 4's steps follow each other: letter, then titre de reversement, then payment."""
    problems = []
    if letter and title and title < letter:
        problems.append("le titre de reversement ne peut pas précéder la lettre recommandée")
    if title and paid and paid < title:
        problems.append("le paiement ne peut pas précéder le titre de reversement")
    if paid and title is None:
        problems.append("un paiement suppose un titre de reversement : saisissez sa date")
    return problems
