"""What the money pages write, each in its own unit of work, and the report files they offer.

No Streamlit here. The storage layer checks who may write (DOMAIN.md section 9); these functions
only gather, in the same transaction as the write, what the write needs to be right.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from lda_dash import exports, storage
from lda_dash.domain.deadlines import date_order_problems
from lda_dash.domain.permissions import Actor
from lda_dash.services.control import ControlRefused, load_allocation, load_clawback
from lda_dash.services.report_data import read_report_data
from lda_dash.storage import database


@dataclass(frozen=True)
class DecisionForm:
    """What the Prefect enters: amount, justification and the Article 4 dates."""

    decided: Decimal
    justification: str
    decided_on: date
    letter_date: date | None = None
    title_date: date | None = None
    paid_date: date | None = None

    def problems(self) -> list[str]:
        """Why the form cannot be recorded as it is, in French (empty when it can)."""
        found = []
        if not self.justification.strip():
            found.append("la justification est obligatoire")
        if self.decided < 0:
            found.append("le montant décidé ne peut pas être négatif")
        return found + date_order_problems(self.letter_date, self.title_date, self.paid_date)


def save_allocation(
    path: Path | str | None,
    convention_id: str,
    year: int,
    shares: dict[int, Decimal],
    actor: Actor,
    reason: str,
) -> None:
    """Store the coordination's allocation; the history compares it with the one in force."""
    with database.connect(path) as con:
        payment = storage.payments(con, convention_id).get(year)
        if payment is None:
            raise ControlRefused(f"aucun versement enregistré pour {year}")
        current, _ = load_allocation(con, convention_id, year)
        storage.set_allocation(
            con, convention_id, year, shares, payment, actor, reason, current=current
        )


def threshold_decimal(threshold: Fraction) -> Decimal:
    """The threshold as the decision table stores it (4 decimals)."""
    exact = Decimal(threshold.numerator) / Decimal(threshold.denominator)
    return exact.quantize(Decimal("0.0001"))


def save_decision(
    path: Path | str | None,
    convention_id: str,
    year: int,
    actor: Actor,
    *,
    threshold: Fraction,
    shown_proposal: int,
    form: DecisionForm,
) -> None:
    """Record the decision with the proposal recomputed in the same transaction.

    Figures may have been validated since the page was drawn: if the proposal moved, nothing is
    recorded and the Prefect reads the new one first.
    """
    with database.connect(path) as con:
        proposal, _ = load_clawback(con, convention_id, year, threshold=threshold)
        if proposal.proposed_total != shown_proposal:
            raise ControlRefused(
                f"la proposition a changé depuis l'affichage de la page ({shown_proposal} € → "
                f"{proposal.proposed_total} €) : relisez-la avant de décider"
            )
        storage.record_decision(
            con,
            convention_id,
            year,
            actor,
            proposed=Decimal(proposal.proposed_total),
            decided=form.decided,
            threshold=threshold_decimal(threshold),
            justification=form.justification,
            decided_on=form.decided_on,
            letter_date=form.letter_date,
            title_date=form.title_date,
            paid_date=form.paid_date,
        )


def change_lock(
    path: Path | str | None, convention_id: str, year: int, actor: Actor, locked: bool, reason: str
) -> None:
    with database.connect(path) as con:
        storage.set_year_lock(con, convention_id, year, actor, locked, reason)


def report_file(path: Path | str | None, convention_id: str, year: int, format_name: str) -> bytes:
    """The execution report, read now (validated figures) and rendered once the file is free.

    A PDF takes seconds to draw; the database is released before, as the command line does.
    """
    with database.connect(path) as con:
        data = read_report_data(con, convention_id, year)
    return exports.render(format_name, data)


def report_file_name(territory: str, year: int, format_name: str) -> str:
    """`rapport-execution-2021-dijon-metropole.pdf`: no accents, no spaces, safe everywhere."""
    plain = unicodedata.normalize("NFKD", territory).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return f"rapport-execution-{year}-{slug}{exports.FORMATS[format_name].extension}"
