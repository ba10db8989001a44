"""Each role's inbox, across every period: what waits for this person now.

Partner: figures sent back (with the reason, a link to the field in its quarter) and quarters
due or late.
Coordination: submissions to validate, figures sent back awaiting correction. Préfecture: closed
years without decision and Article 4 deadlines within 30 days (or passed).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from lda_dash import config, fmt, storage
from lda_dash.domain.deadlines import timeline
from lda_dash.domain.due_dates import quarter_due, quarter_state
from lda_dash.domain.entry import field_anchor
from lda_dash.domain.permissions import Actor, Role
from lda_dash.domain.workflow import FigureStatus
from lda_dash.services import calendar
from lda_dash.services.mail import inert
from lda_dash.storage import database
from lda_dash.storage import mail as mail_store


@dataclass(frozen=True)
class InboxItem:
    """One thing to do: its kind in words, a sentence (typed text made inert), a page link."""

    kind: str
    text: str
    link: str


def load_inbox(actor: Actor, today: date | None = None, path=None) -> list[InboxItem]:
    with database.connect(path) as con:
        today = today or calendar.today(con)  # the demonstration's date in a demo database
        items: list[InboxItem] = []
        for convention in storage.conventions(con):
            cid = convention["id"]
            years = sorted(storage.payments(con, cid))
            if actor.role == Role.PARTENAIRE:
                items += _partner(con, cid, years, actor, today)
            elif actor.role == Role.COORDINATION:
                items += _coordination(con, cid)
            elif actor.role == Role.PREFECTURE:
                items += _prefecture(con, cid, years, today)
    return items


def _partner(con, cid: str, years: list[int], actor: Actor, today: date) -> list[InboxItem]:
    mine = set(storage.actions_of(con, cid, actor.organisation_id))
    if not mine:
        return []
    specs = storage.indicator_specs(con, cid)

    def label_of(figure: dict) -> str:
        spec = specs.get((figure["action_number"], figure["code"]))
        return spec.label if spec is not None else figure["code"]

    items = [
        InboxItem(
            "renvoyé",
            f"Action n° {f['action_number']} · {inert(label_of(f))} · "
            f"T{f['quarter']} {f['year']} : "
            f"renvoyé par {inert(f['updated_by'])}, motif : {inert(f['return_reason'])}",
            f"/?annee={f['year']}&trimestre={f['quarter']}"  # the partner's home: Saisie
            f"#{field_anchor(f['action_number'], f['code'])}",
        )
        for f in mail_store.figures_in(con, cid, FigureStatus.RETURNED)
        if f["action_number"] in mine
    ]
    done = mail_store.transmitted_quarters(con, cid, sorted(mine))
    day = config.due_day()
    for year in years:
        for quarter in range(1, 5):
            state = quarter_state(year, quarter, today, day)
            if state and (year, quarter) not in done:
                due = quarter_due(year, quarter, day)
                items.append(
                    InboxItem(
                        state,
                        f"T{quarter} {year} : chiffres attendus le {due:%d/%m/%Y}",
                        f"/saisie?annee={year}&trimestre={quarter}",
                    )
                )
    return items


def _coordination(con, cid: str) -> list[InboxItem]:
    items = []
    for status, kind, noun, tail in (
        (FigureStatus.SUBMITTED, "à valider", "chiffre soumis", "à valider"),
        (FigureStatus.RETURNED, "en correction", "chiffre renvoyé", "en attente de correction"),
    ):
        counts = Counter((f["year"], f["quarter"]) for f in mail_store.figures_in(con, cid, status))
        for (year, quarter), count in sorted(counts.items()):
            items.append(
                InboxItem(
                    kind,
                    f"T{quarter} {year} : {fmt.plural(count, noun)} {tail}",
                    f"/validation?annee={year}",
                )
            )
    return items


def _prefecture(con, cid: str, years: list[int], today: date) -> list[InboxItem]:
    decided = {d["year"]: d for d in storage.decisions(con, cid)}
    items = []
    for year in years:
        if today <= date(year, 12, 31):
            continue
        decision = decided.get(year)
        if decision is None:
            items.append(
                InboxItem(
                    "sans décision",
                    f"Année {year} close, sans décision de reversement",
                    f"/controle?annee={year}",
                )
            )
            continue
        for step in timeline(
            decision["letter_date"], decision["title_date"], today, decision["paid_date"]
        ):
            if step.due and step.done_on is None and (step.due - today).days <= 30:
                kind = "échéance dépassée" if step.overdue else "échéance proche"
                items.append(
                    InboxItem(
                        kind,
                        f"Année {year} : {step.label.lower()}, le {step.due:%d/%m/%Y}",
                        f"/controle?annee={year}",
                    )
                )
    return items
