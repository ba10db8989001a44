"""Signing in: demo profiles, passwords, lockout, idle expiry, the pages each role gets."""

import time
from urllib.parse import parse_qs, urlparse

from conftest import APP, signed_in
from streamlit.testing.v1 import AppTest

from lda_dash.services import sessions
from lda_dash.services.accounts import add_account
from lda_dash.storage import database

PASSWORD = "mot-de-passe-de-test"


def fresh() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=60).run()


def test_the_login_page_comes_first_and_offers_demo_profiles(demo_app_db):
    at = fresh()
    assert not at.exception
    assert at.title[0].value == "LDA Dash · Connexion"
    labels = [b.label for b in at.button]
    assert any(label.startswith("Coordination ·") for label in labels)
    assert any(label.startswith("Préfecture ·") for label in labels)
    assert not at.metric  # nothing of the convention before sign-in


def test_the_login_page_says_what_the_app_is_for_and_where_each_role_starts(demo_app_db):
    at = fresh()
    shown = " ".join(m.value for m in at.markdown)
    assert "LDA Dash suit une convention « Logement d'abord »" in shown
    assert "**Pour vous connecter** : avec l'identifiant et le mot de passe" in shown
    assert "profil de démonstration" in shown
    assert "**Partenaire** : déclare les chiffres trimestriels" in shown
    assert "(accueil : Saisie trimestrielle)" in shown
    assert "**Préfecture** : contrôle l'atteinte des objectifs" in shown


def test_a_demo_profile_signs_in_with_one_click(demo_app_db):
    at = fresh()
    next(b for b in at.button if b.label.startswith("Coordination ·")).click().run()
    assert not at.exception
    assert signed_in_through_the_server(at).role == "coordination"


def signed_in_through_the_server(at: AppTest):
    """Sign-in sends the browser to the server's route with a one-time code; exchanging it
    gives the cookie's token, which opens the actor (the browser tests follow the real path)."""
    target = urlparse(at.session_state["redirect_to"])
    assert target.path == "/connexion/session"
    code = parse_qs(target.query)["code"][0]
    token, _ = sessions.exchange_code(code)
    assert sessions.exchange_code(code) is None  # single use
    return sessions.resume(token).actor


def sign_in(at: AppTest, login: str, password: str) -> AppTest:
    at.text_input[0].input(login)
    at.text_input[1].input(password)
    return at.button[0].click().run()


def test_password_sign_in_and_lockout(demo_app_db):
    with database.connect(demo_app_db) as con:
        add_account(con, "marie", "prefecture", PASSWORD)
    at = fresh()
    sign_in(at, "marie", "faux")
    assert "incorrect" in at.error[0].value
    for _ in range(4):
        sign_in(at, "marie", "faux")
    assert "bloqué après 5 essais" in at.error[0].value
    sign_in(at, "marie", PASSWORD)
    assert "bloqué après 5 essais" in at.error[0].value  # even the right password waits 15 minutes
    assert "actor" not in at.session_state


def test_the_right_password_opens_the_app(demo_app_db):
    with database.connect(demo_app_db) as con:
        add_account(con, "marie", "prefecture", PASSWORD)
    at = sign_in(fresh(), "Marie", PASSWORD)
    assert not at.exception
    assert signed_in_through_the_server(at).login == "marie"


def test_an_idle_session_ends(demo_app_db):
    at = signed_in()
    at.session_state["last_seen"] = time.monotonic() - 31 * 60
    at.run()
    assert "actor" not in at.session_state
    assert "inactivité" in at.warning[0].value


def test_signing_out(demo_app_db):
    at = signed_in().run()
    next(b for b in at.sidebar.button if b.label == "Se déconnecter").click().run()
    assert "actor" not in at.session_state
    assert at.title[0].value == "LDA Dash · Connexion"
