"""Who is told what by e-mail: the partner when a figure is sent back, the coordination when a
quarter is submitted, and organisations that have not submitted a quarter (`remind`).

Each message is recorded first (mail_message), then sent; the save that caused it is already
committed, and nothing here can undo or block it: errors are logged, pending messages wait for
the next `remind`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from lda_dash import config, storage
from lda_dash.domain.due_dates import quarter_due
from lda_dash.domain.entry import field_anchor
from lda_dash.domain.permissions import Actor, Role
from lda_dash.services import mail
from lda_dash.storage import database
from lda_dash.storage import mail as mail_store

LOG = logging.getLogger(__name__)


def _link(page: str, **query: object) -> str:
    tail = "&".join(f"{k}={v}" for k, v in query.items())
    return f"{config.public_url()}/{page}" + (f"?{tail}" if tail else "")


def after_return(
    path, convention_id: str, keys: Iterable[tuple], reason: str, actor: Actor
) -> None:
    """Tell the partners of the actions concerned that figures were sent back, and why."""
    keys = list(keys)
    try:
        with database.connect(path) as con:
            actions = sorted({key[0] for key in keys})
            specs = storage.indicator_specs(con, convention_id)

            def label_of(action: int, code: str) -> str:
                spec = specs.get((action, code))
                return spec.label if spec is not None else code

            periods = sorted({(key[2], key[3]) for key in keys})
            for partner in mail_store.partners_of_actions(con, convention_id, actions):
                lines = "\n".join(
                    f"- action n° {a} · {mail.inert(label_of(a, c))} · T{q} {y}"
                    for a, c, y, q in keys
                )
                year, quarter = periods[0]
                first = min(k for k in keys if (k[2], k[3]) == (year, quarter))
                # The partner's home page is Saisie: at "/" Streamlit keeps the #field (it
                # rewrites /saisie, its default page, to "/" and drops the fragment).
                where = _link("", annee=year, trimestre=quarter)
                where += "#" + field_anchor(first[0], first[1])
                mail.queue(
                    con, "renvoi", partner["email"],
                    f"LDA Dash : chiffres renvoyés pour correction (T{quarter} {year})",
                    f"Bonjour,\n\nLa coordination ({mail.inert(actor.login)}) vous renvoie des "
                    f"chiffres à corriger :\n{lines}\n\nMotif : {mail.inert(reason)}\n\n"
                    f"Pour les corriger : {where}",
                )  # fmt: skip
    except Exception:  # the send-back is saved; a missing message must not undo it
        LOG.exception("message de renvoi non enregistré")
        return
    mail.send_soon(path)


def after_submission(path, convention_id: str, actor: Actor, year: int, quarter: int) -> None:
    """Tell the coordination that an organisation submitted a quarter."""
    try:
        with database.connect(path) as con:
            names = {o["id"]: o["name"] for o in storage.organisations(con)}
            who = mail.inert(names.get(actor.organisation_id, actor.login))
            for person in mail_store.accounts_of_role(con, Role.COORDINATION):
                mail.queue(
                    con, "soumission", person["email"],
                    f"LDA Dash : T{quarter} {year} soumis par {mail.one_line(who, 80)}",
                    f"Bonjour,\n\n{who} a soumis ses chiffres du T{quarter} {year}. Ils "
                    f"attendent votre validation : {_link('validation', annee=year)}",
                )  # fmt: skip
    except Exception:
        LOG.exception("message de soumission non enregistré")
        return
    mail.send_soon(path)


@dataclass(frozen=True)
class RemindResult:
    """What `remind` did: reminders recorded now, then messages sent and still pending."""

    reminders: list[str]
    sent: int
    pending: int


def due_reminders(con, today: date) -> list[tuple[str, str, str, str]]:
    """(dedupe key, recipient, subject, body) of every reminder owed today: an organisation,
    a quarter past its due date with nothing submitted, once a week at most."""
    day = config.due_day()
    week = today.isocalendar()
    owed = []
    for convention in storage.conventions(con):
        cid = convention["id"]
        years = sorted(storage.payments(con, cid))
        for org in mail_store.organisation_actions(con, cid):
            done = mail_store.transmitted_quarters(con, cid, list(org["actions"]))
            late = [
                (y, q) for y in years for q in range(1, 5)
                if (y, q) not in done and quarter_due(y, q, day) < today
            ]  # fmt: skip
            if not late:
                continue
            quarters = ", ".join(f"T{q} {y} (attendu le {quarter_due(y, q, day):%d/%m/%Y})"
                                 for y, q in late)  # fmt: skip
            key = f"relance:{cid}:{org['organisation_id']}:{week.year}-S{week.week}"
            partners = mail_store.partners_of_actions(con, cid, list(org["actions"]))
            for partner in partners:
                owed.append((
                    f"{key}:{partner['login']}", partner["email"],
                    f"LDA Dash : trimestre(s) à transmettre ({len(late)})",
                    f"Bonjour,\n\n{mail.inert(org['name'])} n'a pas encore soumis ses chiffres "
                    f"pour : {quarters}.\n\nPour les saisir : {_link('saisie')}",
                ))  # fmt: skip
    return owed


def remind(path=None, today: date | None = None, dry_run: bool = False) -> RemindResult:
    """Record the reminders owed, then send every pending message (those of failed sends
    before included). With `dry_run`, say what would be recorded and send nothing."""
    today = today or date.today()
    with database.connect(path) as con:
        owed = due_reminders(con, today)
        made = []
        for key, recipient, subject, body in owed:
            if dry_run:
                if not mail_store.has_mail_key(con, key):
                    made.append(f"{recipient} · {subject}")
            elif mail.queue(con, "relance", recipient, subject, body, dedupe_key=key):
                made.append(f"{recipient} · {subject}")
        pending = len(mail_store.pending_mails(con))
    if dry_run:
        return RemindResult(made, 0, pending)
    sent, still = mail.send_now(path)
    return RemindResult(made, sent, still)
