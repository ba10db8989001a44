"""Server-side sessions on a real DuckDB file: the one-time code, the cookie's token, and every
way a session ends (idle, absolute expiry, sign-out, password change, disabled account)."""

from datetime import datetime, timedelta

import pytest

from lda_dash.services import sessions
from lda_dash.services.accounts import add_account, disable_account
from lda_dash.storage import database

T0 = datetime(2026, 3, 2, 9, 0)
PASSWORD = "correct-horse-battery"


@pytest.fixture
def claire(db_path):
    with database.connect() as con:
        add_account(con, "claire", "coordination", PASSWORD)
    return "claire"


def signed_in(login: str, now: datetime = T0, binding: str | None = None) -> str:
    code = sessions.open_session(login, sessions.METHOD_PASSWORD, binding, "Chromium", now=now)
    token, lifetime = sessions.exchange_code(code, binding, now=now + timedelta(seconds=2))
    assert lifetime == 12 * 3600 - 2
    return token


def test_a_token_opens_the_actor_and_only_digests_are_stored(claire, db_path):
    token = signed_in(claire)
    resumed = sessions.resume(token, now=T0 + timedelta(minutes=5))
    assert resumed.actor.login == "claire" and resumed.actor.role == "coordination"
    assert len(token) >= 43  # 256 bits in URL-safe base64
    with database.connect(read_only=True) as con:
        stored = con.execute("SELECT * FROM web_session").fetchall()
    assert token not in str(stored) and sessions.digest(token) in str(stored)


@pytest.mark.parametrize(
    ("presented_after", "binding", "opens"),
    [
        (timedelta(seconds=1), "browser-a", True),
        (timedelta(seconds=29), "browser-a", True),
        (timedelta(seconds=31), "browser-a", False),  # expired
        (timedelta(seconds=1), "browser-b", False),  # another browser
        (timedelta(seconds=1), None, False),  # no binding cookie at all
    ],
)
def test_the_one_time_code(claire, presented_after, binding, opens):
    code = sessions.open_session(claire, sessions.METHOD_PASSWORD, "browser-a", now=T0)
    granted = sessions.exchange_code(code, binding, now=T0 + presented_after)
    assert (granted is not None) is opens
    assert sessions.exchange_code(code, "browser-a", now=T0 + presented_after) is None  # used


@pytest.mark.parametrize("code", ["", "x" * 500, "not-a-code", "%00"])
def test_altered_codes_open_nothing(claire, code):
    sessions.open_session(claire, sessions.METHOD_PASSWORD, now=T0)
    assert sessions.exchange_code(code, now=T0) is None


@pytest.mark.parametrize(
    ("idle_minutes", "later", "reason"),
    [
        ("30", timedelta(minutes=29), None),
        ("30", timedelta(minutes=31), sessions.ENDED_BY_IDLE),
        ("5", timedelta(minutes=6), sessions.ENDED_BY_IDLE),
        ("600", timedelta(hours=12), sessions.ENDED_BY_AGE),
    ],
)
def test_idle_and_absolute_expiry(claire, monkeypatch, idle_minutes, later, reason):
    monkeypatch.setenv("LDA_DASH_IDLE_MINUTES", idle_minutes)
    token = signed_in(claire)
    resumed = sessions.resume(token, now=T0 + later)
    assert resumed.ended == reason
    assert (resumed.actor is None) is (reason is not None)
    if reason is not None:  # ended for good: an old cookie opens nothing afterwards either
        assert sessions.resume(token, now=T0 + later + timedelta(seconds=1)).actor is None


def test_activity_keeps_a_session_alive_until_its_absolute_end(claire):
    token = signed_in(claire)
    for minutes in range(20, 12 * 60, 20):
        assert sessions.resume(token, now=T0 + timedelta(minutes=minutes)).actor is not None
    assert sessions.resume(token, now=T0 + timedelta(hours=12, minutes=1)).actor is None


def test_sign_out_and_disabling_end_the_session_on_the_server(claire):
    first, second = signed_in(claire), signed_in(claire)
    resumed = sessions.resume(first, now=T0)
    assert sessions.end_session(resumed.session_id, "claire")
    replayed = sessions.resume(first, now=T0)
    assert replayed.actor is None and replayed.message == sessions.ENDED_MESSAGE
    assert sessions.resume(second, now=T0).actor is not None  # the other tab stays open
    with database.connect() as con:
        disable_account(con, "claire")
    assert sessions.resume(second, now=T0).message.startswith("Ce compte est désactivé")


def test_one_cannot_end_someone_elses_session(claire):
    with database.connect() as con:
        add_account(con, "marie", "prefecture", PASSWORD)
    token = signed_in(claire)
    session_id = sessions.resume(token, now=T0).session_id
    assert not sessions.end_session(session_id, "marie")
    assert sessions.resume(token, now=T0).actor is not None


@pytest.mark.parametrize(
    ("asked", "goes_to"),
    [
        ("/fiche-action?action=7&annee=2022", "/fiche-action?action=7&annee=2022"),
        ("/", "/"),
        (None, "/"),
        ("https://evil.example/", "/"),
        ("//evil.example/x", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("/controle\r\nSet-Cookie: x=1", "/"),
    ],
)
def test_after_sign_in_only_a_page_of_this_site(asked, goes_to):
    assert sessions.safe_next(asked) == goes_to
