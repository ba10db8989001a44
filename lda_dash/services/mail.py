"""E-mail: messages in French, recorded before any sending, sent through SMTP when
LDA_DASH_SMTP_URL is set; a failed send stays pending for the next `remind`.

Names and reasons typed by people go into subjects and bodies: line breaks and control
characters are removed (no forged header lines) and Markdown characters are escaped (the same
texts show in the app's inbox). Sending never blocks or undoes the save that asked for it.
"""

from __future__ import annotations

import logging
import re
import smtplib
import ssl
import threading
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import parseaddr
from urllib.parse import unquote, urlparse

from lda_dash import config
from lda_dash.services.sessions import new_secret
from lda_dash.storage import database
from lda_dash.storage import mail as mail_store

LOG = logging.getLogger(__name__)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+!|<>~])")
_SENDING: list[threading.Thread] = []
_SENDING_LOCK = threading.Lock()
_ONE_SENDER = threading.Lock()
CLAIM_LEASE = timedelta(minutes=10)  # longer than any SMTP session of ours (10 s timeouts)
SIGNATURE = "\n\n-- \nLDA Dash · message automatique, merci de ne pas y répondre."


def one_line(text: str | None, limit: int = 200) -> str:
    """A typed text on one line: control characters and line breaks become a space."""
    return _CONTROL.sub(" ", text or "").strip()[:limit]


def inert(text: str | None, limit: int = 500) -> str:
    """A typed text inside a message: on one line, Markdown characters escaped."""
    return _MARKDOWN.sub(r"\\\1", one_line(text, limit))


def valid_address(address: str | None) -> str | None:
    """The bare address, or None when it is not one (line breaks refused outright)."""
    if not address or _CONTROL.search(address):
        return None
    _, bare = parseaddr(address)
    return bare if bare and "@" in bare and bare == address.strip() else None


def queue(
    con, kind: str, recipient: str, subject: str, body: str, dedupe_key: str | None = None
) -> bool:
    """Record a message to send (inside the caller's unit of work); False when skipped."""
    address = valid_address(recipient)
    if address is None or (dedupe_key and mail_store.has_mail_key(con, dedupe_key)):
        return False
    mail_store.insert_mail(
        con, new_secret()[:16], kind, dedupe_key, address, one_line(subject),
        body + SIGNATURE, datetime.now(),
    )  # fmt: skip
    return True


def _message(row: dict) -> EmailMessage:
    message = EmailMessage()
    message["From"] = Address(addr_spec=config.mail_sender())
    message["To"] = Address(addr_spec=row["recipient"])
    message["Subject"] = one_line(row["subject"])
    message.set_content(row["body"], charset="utf-8")
    return message


def _connect() -> smtplib.SMTP:
    url = urlparse(config.smtp_url() or "")
    port = url.port or (465 if url.scheme == "smtps" else 25)
    if url.scheme == "smtps":
        client = smtplib.SMTP_SSL(
            url.hostname, port, timeout=10, context=ssl.create_default_context()
        )
    else:
        client = smtplib.SMTP(url.hostname, port, timeout=10)
        if "starttls" in url.query:
            client.starttls(context=ssl.create_default_context())
    if url.username:
        client.login(unquote(url.username), unquote(url.password or ""))
    return client


def send_pending(path=None) -> tuple[int, int]:
    """Try every message not yet sent; (sent, still pending). Without SMTP, nothing is tried.

    The messages are claimed first, in their own unit of work: a `remind` from cron and the
    app's background send, in two processes, never send one message twice. A claim held longer
    than CLAIM_LEASE (a sender killed mid-way) is taken again by the next sender."""
    if not config.smtp_url():
        with database.connect(path) as con:
            return 0, len(mail_store.pending_mails(con))
    now = datetime.now()
    with database.connect(path) as con:
        pending = mail_store.claim_pending(con, new_secret()[:16], now, now - CLAIM_LEASE)
    if not pending:
        return 0, 0
    results: list[tuple[str, str | None]] = []
    try:
        client = _connect()
    except (OSError, smtplib.SMTPException) as exc:
        results = [(row["id"], f"connexion SMTP impossible : {exc}") for row in pending]
        client = None
    if client is not None:
        with client:
            for row in pending:
                try:
                    client.send_message(_message(row))
                    results.append((row["id"], None))
                except (OSError, smtplib.SMTPException) as exc:
                    results.append((row["id"], f"envoi refusé : {exc}"))
    now = datetime.now()
    with database.connect(path) as con:
        for mail_id, error in results:
            if error is None:
                mail_store.mark_sent(con, mail_id, now)
            else:
                mail_store.mark_failed(con, mail_id, error)
    sent = sum(1 for _, error in results if error is None)
    return sent, len(pending) - sent


def send_soon(path=None) -> None:
    """After a save: send what is pending in a background thread, so that the save neither
    waits for the mail server nor ever sees its failure (the next `remind` retries).
    Without LDA_DASH_SMTP_URL there is nothing to try: messages wait, recorded."""
    if not config.smtp_url():
        return
    thread = threading.Thread(target=_send_quietly, args=(path,), name="lda-mail", daemon=True)
    with _SENDING_LOCK:
        _SENDING.append(thread)
    thread.start()


def _send_quietly(path) -> None:
    try:
        with _ONE_SENDER:  # one sender at a time: a message is never sent twice by this process
            send_pending(path)
    except Exception:  # the save is done; the next `remind` retries
        LOG.exception("envoi des messages en attente impossible")


def send_now(path=None) -> tuple[int, int]:
    """`send_pending` after any background send, never beside one (`remind`)."""
    wait_for_sending()
    with _ONE_SENDER:
        return send_pending(path)


def wait_for_sending(timeout: float = 60) -> None:
    """Let background sends finish (tests, and the command line before it exits)."""
    with _SENDING_LOCK:
        threads = list(_SENDING)
        _SENDING.clear()
    for thread in threads:
        thread.join(timeout)


def recorded(path=None) -> list[dict]:
    with database.connect(path) as con:
        return mail_store.mails(con)
