"""The clawback threshold θ set by the administration: what a new value would change in each
closed year's proposal, shown before saving, and the saving itself (with a reason)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from lda_dash import storage
from lda_dash.domain.permissions import Actor
from lda_dash.services.accounts import AccountError
from lda_dash.services.control import ControlRefused, load_clawback
from lda_dash.services.settings import CLAWBACK_THRESHOLD, clawback_threshold
from lda_dash.storage import administration as admin_store
from lda_dash.storage import database


@dataclass(frozen=True)
class YearChange:
    """One closed year: the proposed total at the stored θ and at the new one."""

    convention: str
    year: int
    current: int
    proposed: int
    actions_below_now: int
    actions_below_then: int


def parse_percent(text: str) -> Fraction:
    """`85`, `85 %`, `85,5` → 0.855; refused outside 0-100 % with a French message."""
    cleaned = (text or "").replace("%", "").replace("\u202f", "").replace(" ", "")
    cleaned = cleaned.replace(",", ".")
    try:
        value = Fraction(cleaned) / 100
    except (ValueError, ZeroDivisionError):
        raise AccountError(
            f"Seuil « {text} » illisible : un pourcentage, par exemple 85."
        ) from None
    if not 0 < value <= 1:
        raise AccountError("Le seuil est un pourcentage strictement positif, 100 % au plus.")
    return value


def stored_threshold() -> Fraction:
    with database.connect() as con:
        return clawback_threshold(con)


def preview(new: Fraction, as_of: date | None = None) -> list[YearChange]:
    """Each closed year of each convention, its proposal now and with `new`."""
    as_of = as_of or date.today()
    changes = []
    with database.connect() as con:
        for convention in storage.conventions(con):
            cid = convention["id"]
            for year in sorted(storage.payments(con, cid)):
                try:
                    now, _ = load_clawback(con, cid, year, as_of=as_of)
                    then, _ = load_clawback(con, cid, year, threshold=new, as_of=as_of)
                except ControlRefused:
                    continue  # not over yet
                changes.append(
                    YearChange(
                        convention["territory_name"], year, now.proposed_total,
                        then.proposed_total, sum(1 for a in now.actions if a.below_threshold),
                        sum(1 for a in then.actions if a.below_threshold),
                    )
                )  # fmt: skip
    return changes


def save(actor: Actor, new: Fraction, reason: str) -> None:
    with database.connect() as con:
        old = clawback_threshold(con)
        admin_store.set_clawback_threshold(
            con, actor, CLAWBACK_THRESHOLD, str(old), str(new), reason
        )
