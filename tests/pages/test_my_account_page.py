"""« Mon compte »: change one's password (reasons of a refusal said), see one's sessions."""

from conftest import APP
from streamlit.testing.v1 import AppTest

from lda_dash.domain.permissions import Actor
from lda_dash.services import sessions
from lda_dash.services.accounts import add_account, sign_in
from lda_dash.storage import database

PASSWORD = "mot de passe de marie"
PAGE = "lda_dash/pages/my_account.py"


def as_marie() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["actor"] = Actor("marie", "prefecture", None)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def change(at: AppTest, current: str, new: str, again: str) -> AppTest:
    at.text_input[0].input(current)
    at.text_input[1].input(new)
    at.text_input[2].input(again)
    return at.button[0].click().run()


def test_password_change_refusals_then_success(demo_app_db):
    with database.connect(demo_app_db) as con:
        add_account(con, "marie", "prefecture", PASSWORD)
    code = sessions.open_session("marie", sessions.METHOD_PASSWORD)
    token, _ = sessions.exchange_code(code)
    at = as_marie()
    assert at.title[0].value == "Mon compte"
    assert "mot de passe" in at.table[0].value.to_string()  # the open session, its method
    for current, new, again, why in [
        ("faux", "une phrase assez longue", "une phrase assez longue", "actuel incorrect"),
        (PASSWORD, "qwerty123456", "qwerty123456", "les plus courants"),
        (PASSWORD, "court", "court", "trop court"),
        (PASSWORD, "une phrase assez longue", "une autre phrase", "pas identiques"),
    ]:
        change(at, current, new, again)
        assert why in at.error[0].value
    with database.connect(demo_app_db) as con:
        assert sign_in(con, "marie", PASSWORD).actor is not None  # nothing changed
    change(at, PASSWORD, "une phrase assez longue", "une phrase assez longue")
    assert sessions.resume(token).actor is None  # every session ended
    with database.connect(demo_app_db) as con:
        assert sign_in(con, "marie", "une phrase assez longue").actor is not None


def test_ending_ones_other_sessions(demo_app_db):
    with database.connect(demo_app_db) as con:
        add_account(con, "marie", "prefecture", PASSWORD)
    tokens = [
        sessions.exchange_code(sessions.open_session("marie", sessions.METHOD_PASSWORD))[0]
        for _ in range(2)
    ]
    at = as_marie()
    assert len(at.table[0].value) == 2
    next(b for b in at.button if b.label == "Fermer mes autres sessions").click().run()
    assert "2 session(s) fermée(s)." in at.success[0].value
    assert all(sessions.resume(token).actor is None for token in tokens)
