"""Hostile sessions through the pages (issue 15 §3, §4, §7): an open session whose account was
disabled or changed, demo profiles once real data exists, unknown logins on the login page."""

from conftest import APP, signed_in
from streamlit.testing.v1 import AppTest

from lda_dash.services.accounts import REFUSED, add_account, disable_account
from lda_dash.storage import database

PASSWORD = "mot-de-passe-de-test"


def fresh() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=60).run()


def test_a_disabled_account_is_signed_out_at_its_next_rerun(demo_app_db):
    at = signed_in("coordination").run()
    assert at.session_state["actor"].login == "demo-coordination"
    with database.connect(demo_app_db) as con:
        disable_account(con, "demo-coordination")
    at.run()
    assert not at.exception
    assert "actor" not in at.session_state
    assert any("désactivé" in w.value for w in at.warning)
    assert at.title[0].value == "LDA Dash · Connexion"


def test_a_changed_role_signs_the_session_out(demo_app_db):
    at = signed_in("coordination").run()
    with database.connect(demo_app_db) as con:
        con.execute("UPDATE account SET role = 'partenaire' WHERE login = 'demo-coordination'")
    at.run()
    assert "actor" not in at.session_state
    assert any("rôle ou votre organisation a changé" in w.value for w in at.warning)


def test_real_accounts_remove_demo_profiles_and_end_demo_sessions(demo_app_db):
    session = signed_in("admin").run()
    with database.connect(demo_app_db) as con:
        add_account(con, "marie", "admin", PASSWORD)
    at = fresh()
    assert not [b for b in at.button if "·" in b.label]  # no demo profile offered
    assert "profil de démonstration" not in " ".join(m.value for m in at.markdown)
    session.run()
    assert "actor" not in session.session_state


def test_a_demo_click_after_real_data_appeared_is_refused(demo_app_db):
    at = fresh()
    demo = next(b for b in at.button if b.label.startswith("Administration ·"))
    with database.connect(demo_app_db) as con:
        add_account(con, "marie", "admin", PASSWORD)
    demo.click().run()
    assert "actor" not in at.session_state  # accounts.demo_sign_in checks again at the click
    assert not [b for b in at.button if "·" in b.label]


def sign_in(at: AppTest, login: str, password: str) -> str:
    at.text_input[0].input(login)
    at.text_input[1].input(password)
    at.button[0].click().run()
    return at.error[0].value


def test_unknown_and_existing_logins_get_the_same_message(demo_app_db):
    with database.connect(demo_app_db) as con:
        add_account(con, "marie", "prefecture", PASSWORD)
    at = fresh()
    answers = {sign_in(at, "marie", "faux"), sign_in(at, "inconnue", "faux")}
    answers |= {sign_in(at, login, "faux") for login in ("marie", "inconnue") for _ in range(5)}
    assert answers == {REFUSED}
