"""E-mail through a real SMTP server on loopback (aiosmtpd): a send-back, a submission and a
reminder arrive; with the server stopped saves still succeed and the next `remind` sends what
was pending; typed names and reasons cannot forge headers or Markdown."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from datetime import date, datetime, timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from lda_dash import storage
from lda_dash.domain.entry import FieldInput
from lda_dash.domain.permissions import Actor
from lda_dash.domain.workflow import FigureStatus
from lda_dash.services import mail, notify
from lda_dash.services.accounts import add_account
from lda_dash.services.entry import save_entry
from lda_dash.services.review import review
from lda_dash.storage import database
from lda_dash.storage import mail as mail_store

CONVENTION = "dijon-2021-2022"
COORDINATION = Actor(
    "claire", "coordination", None
)  # a real account: demo ones stop once real ones exist
HOSTILE_REASON = "Erreur **grave**\r\nBcc: pirate@example.org\n[clic](http://x.example)"


class Inbox:
    """aiosmtpd's handler: keeps every message received."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_port(monkeypatch) -> int:
    port = free_port()
    monkeypatch.setenv("LDA_DASH_SMTP_URL", f"smtp://127.0.0.1:{port}")
    monkeypatch.setenv("LDA_DASH_MAIL_FROM", "lda-dash@dijon.example.fr")
    monkeypatch.setenv("LDA_DASH_PUBLIC_URL", "https://lda.example.gouv.fr")
    return port


def serving(port: int) -> tuple[Controller, Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, inbox


def with_addresses(path) -> None:
    """Give the demo partner of action 2 and the coordination an address each."""
    with database.connect(path) as con:
        org = next(a for a in storage.assignments(con, CONVENTION) if a["action_number"] == 2)
        add_account(con, "camille", "partenaire", None, email="camille@habitat.example.org",
                    organisation_id=org["organisation_id"])  # fmt: skip
        add_account(con, "claire", "coordination", None, email="claire@dijon.example.fr")


def send_back_one(path) -> tuple:
    """Habitat (Camille) submits a figure of its third quarter of 2022, which the demonstration
    leaves to report; the coordination (Claire) sends it back with a hostile reason."""
    key = (2, "CAPT", 2022, 3)
    partner = Actor("camille", "partenaire", "association-habitat-solidaire-demo")
    check = save_entry(
        path, CONVENTION, partner, [FieldInput(2, "CAPT", value="4")], year=2022, quarter=3,
        status=FigureStatus.SUBMITTED, expected_versions={},
    )  # fmt: skip
    assert check.ok, check
    mail.wait_for_sending()  # the coordination's mail about this submission
    assert review(path, CONVENTION, COORDINATION, [key], FigureStatus.RETURNED, HOSTILE_REASON)
    return key


def submit_one(path) -> None:
    partner = Actor("camille", "partenaire", "association-habitat-solidaire-demo")
    check = save_entry(
        path, CONVENTION, partner, [FieldInput(2, "CAPT", value="9")], year=2022, quarter=4,
        status=FigureStatus.SUBMITTED, expected_versions={},
    )  # fmt: skip
    assert check.ok, check


def test_send_back_and_submission_arrive_and_are_recorded(demo_db_path, smtp_port):
    with_addresses(demo_db_path)
    controller, inbox = serving(smtp_port)
    try:
        key = send_back_one(demo_db_path)
        mail.wait_for_sending()  # sent in the background, after the save
        submit_one(demo_db_path)
        mail.wait_for_sending()
    finally:
        controller.stop()
    first_submission, returned, submitted = inbox.messages
    assert first_submission["To"] == "claire@dijon.example.fr"
    assert returned["To"] == "camille@habitat.example.org"
    assert returned["From"] == "lda-dash@dijon.example.fr"
    assert (
        returned["Subject"] == f"LDA Dash : chiffres renvoyés pour correction (T{key[3]} {key[2]})"
    )
    assert returned["Bcc"] is None and "pirate" not in str(returned["Subject"])
    body = returned.get_content()
    assert (
        "Motif : Erreur \\*\\*grave\\*\\* Bcc: pirate@example.org \\[clic\\]\\(http://x.example\\)"
        in body
    )
    anchor = f"corriger-{key[0]}-{key[1].lower().replace('_', '-')}"
    assert f"https://lda.example.gouv.fr/?annee={key[2]}&trimestre={key[3]}#{anchor}" in body
    assert submitted["To"] == "claire@dijon.example.fr"
    assert "soumis" in submitted["Subject"] and "/validation" in submitted.get_content()
    assert all(m["sent_at"] is not None for m in mail.recorded(demo_db_path))


def test_with_the_server_stopped_saves_succeed_and_remind_sends_later(demo_db_path, smtp_port):
    with_addresses(demo_db_path)
    key = send_back_one(demo_db_path)  # nothing listens on the port
    mail.wait_for_sending()
    with database.connect(demo_db_path, read_only=True) as con:
        figure = next(f for f in storage.figures(con, CONVENTION)
                      if (f.action, f.code, f.year, f.quarter) == key)  # fmt: skip
    assert figure.status == FigureStatus.RETURNED  # the save stands
    pending = mail.recorded(demo_db_path)  # the submission's and the send-back's
    assert len(pending) == 2 and all(m["sent_at"] is None for m in pending)
    assert all(m["attempts"] >= 1 and "SMTP" in m["last_error"] for m in pending)
    controller, inbox = serving(smtp_port)
    try:
        result = notify.remind(demo_db_path, today=date(2023, 1, 2))
    finally:
        controller.stop()
    assert result.sent == 2 + len(result.reminders) and result.pending == 0
    subjects = [m["Subject"] for m in inbox.messages]
    assert any(s.startswith("LDA Dash : chiffres renvoyés") for s in subjects)


def test_a_reminder_for_quarters_not_submitted_once_a_week(db_path, smtp_port):
    with database.connect(db_path) as con:
        storage.upsert_organisation(con, "relais", "Relais\r\n**Dijon**")
        storage.assign(con, CONVENTION, 7, "relais")
        add_account(con, "yanis", "partenaire", None, email="yanis@relais.example.org",
                    organisation_id="relais")  # fmt: skip
    dry = notify.remind(db_path, today=date(2022, 5, 2), dry_run=True)
    assert len(dry.reminders) == 1 and mail.recorded(db_path) == []
    controller, inbox = serving(smtp_port)
    try:
        first = notify.remind(db_path, today=date(2022, 5, 2))
        again = notify.remind(db_path, today=date(2022, 5, 4))  # same week: no second one
    finally:
        controller.stop()
    assert len(first.reminders) == 1 and again.reminders == []
    (message,) = inbox.messages
    body = message.get_content()
    assert message["To"] == "yanis@relais.example.org"
    assert "Relais \\*\\*Dijon\\*\\* n'a pas encore soumis" in body
    assert "T4 2021 (attendu le 15/01/2022)" in body and "T1 2022 (attendu le 15/04/2022)" in body
    assert "T2 2022" not in body  # due on 15/07/2022


def test_without_smtp_nothing_breaks(demo_db_path, monkeypatch):
    monkeypatch.delenv("LDA_DASH_SMTP_URL", raising=False)
    with_addresses(demo_db_path)
    send_back_one(demo_db_path)
    mail.wait_for_sending()
    result = notify.remind(demo_db_path, today=date(2023, 1, 2))
    assert result.sent == 0 and result.pending >= 1


@pytest.mark.parametrize(
    ("address", "valid"),
    [
        ("a@b.example", True),
        ("a@b.example\r\nBcc: c@d.example", False),
        ("Nom <a@b.example>", False),
        ("pas une adresse", False),
        ("", False),
    ],
)
def test_addresses(address, valid):
    assert (mail.valid_address(address) is not None) is valid


@pytest.mark.parametrize(
    ("typed", "inert"),
    [
        ("CCAS\r\nBcc: x@y", "CCAS Bcc: x@y"),
        ("**gras** _it_ [lien](u)", "\\*\\*gras\\*\\* \\_it\\_ \\[lien\\]\\(u\\)"),
        ("ligne\u2028séparée", "ligne séparée"),
        ("# titre", "\\# titre"),
    ],
)
def test_typed_text_is_made_inert(typed, inert):
    assert mail.inert(typed) == inert
    assert "\n" not in mail.one_line(typed) and "\r" not in mail.one_line(typed)


def test_an_invitation_is_mailed_and_its_link_not_kept_once_sent(db_path, smtp_port):
    from lda_dash.services import account_admin

    with database.connect(db_path) as con:
        add_account(con, "alice", "admin", "mot de passe de l'admin")
    controller, inbox = serving(smtp_port)
    try:
        link = account_admin.invite(
            Actor("alice", "admin", None), "paul", "coordination", email="paul@example.org",
            reason="arrivée",
        )  # fmt: skip
        mail.wait_for_sending()
    finally:
        controller.stop()
    (message,) = inbox.messages
    assert message["To"] == "paul@example.org" and link.url in message.get_content()
    (recorded,) = mail.recorded(db_path)
    assert recorded["sent_at"] is not None and "jeton=(retiré après envoi)" in recorded["body"]
    assert link.url.split("jeton=")[1] not in recorded["body"]


def queue_three(path, name: str = "") -> None:
    with database.connect(path) as con:
        for n in range(3):
            subject = " ".join(filter(None, ["Relance", name, str(n)]))
            assert mail.queue(con, "relance", f"p{n}@relais.example.org", subject, "Corps")


def test_a_message_another_sender_holds_is_left_to_it_until_its_lease_runs_out(db_path, smtp_port):
    """The app's background send and a `remind` from cron run in two processes: a message
    claimed by one is not sent by the other; a claim older than the lease is taken again."""
    now = datetime.now()
    stale = now - mail.CLAIM_LEASE - timedelta(minutes=1)
    controller, inbox = serving(smtp_port)
    try:
        queue_three(db_path, "mort")
        with database.connect(db_path) as con:  # a sender that died long ago holds them
            assert len(mail_store.claim_pending(con, "dead-sender", stale, stale)) == 3
        assert mail.send_now(db_path) == (3, 0)
        queue_three(db_path, "vivant")
        with database.connect(db_path) as con:  # a sender at work right now holds these
            assert len(mail_store.claim_pending(con, "other-sender", now, stale)) == 3
        assert mail.send_now(db_path) == (0, 0)
    finally:
        controller.stop()
    assert sorted(m["Subject"] for m in inbox.messages) == [
        "Relance mort 0", "Relance mort 1", "Relance mort 2",
    ]  # fmt: skip


class SlowInbox(Inbox):
    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.2)  # a slow server: the two senders overlap
        return await super().handle_DATA(server, session, envelope)


def test_two_remind_processes_at_once_send_each_message_once(db_path, smtp_port):
    queue_three(db_path)
    inbox = SlowInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "lda_dash", "remind", "--db", str(db_path)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [run.communicate(timeout=120) for run in runs]
    finally:
        controller.stop()
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sorted(m["Subject"] for m in inbox.messages) == ["Relance 0", "Relance 1", "Relance 2"]
    assert all(m["sent_at"] is not None for m in mail.recorded(db_path))
