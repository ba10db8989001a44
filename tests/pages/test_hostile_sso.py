"""Single sign-on edges through the pages (issue 15 §8), with the provider's side faked at the
UI edge: the identity Streamlit would hold (`st.user`) and its `st.logout()`. The real provider
round trip is tests/browser/test_sso.py."""

import time

import pytest
import streamlit
from conftest import APP
from streamlit.testing.v1 import AppTest
from test_login_page import signed_in_through_the_server

from lda_dash.domain.permissions import Actor
from lda_dash.services.accounts import add_account
from lda_dash.storage import database
from lda_dash.ui import auth

KELVIN = "\u212a"


class Identity(dict):
    """What `st.user` holds after the provider's redirect: claims, read with .get()."""

    is_logged_in = True


@pytest.fixture
def provider(monkeypatch, demo_app_db):
    """Single sign-on configured; returns the list of st.logout() calls and a claims setter."""
    with database.connect(demo_app_db) as con:
        add_account(con, "claire", "coordination", None, email="claire@dijon.example.fr",
                    is_demo=True)  # fmt: skip
    logouts = []
    monkeypatch.setattr(auth, "oidc_configured", lambda: True)
    monkeypatch.setattr(streamlit, "logout", lambda: logouts.append(True))

    def signed_on(**claims):
        monkeypatch.setattr(streamlit, "user", Identity(claims))

    return logouts, signed_on


def run() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=60).run()


def test_a_verified_identity_opens_its_account(provider):
    _, signed_on = provider
    signed_on(email="Claire@Dijon.example.fr", email_verified=True)
    at = run()
    assert not at.exception
    assert signed_in_through_the_server(at).login == "claire"


REFUSED = [
    ("no e-mail claim", {}, "aucune adresse électronique"),
    ("e-mail not verified", {"email": "claire@dijon.example.fr", "email_verified": False},
     "non vérifiée"),
    ("Kelvin sign", {"email": f"{KELVIN}laire@dijon.example.fr"}, "trompeurs"),
    ("no account", {"email": "inconnu@dijon.example.fr"}, "Aucun compte actif"),
]  # fmt: skip


@pytest.mark.parametrize(("claims", "message"), [r[1:] for r in REFUSED],
                         ids=[r[0] for r in REFUSED])  # fmt: skip
def test_a_refused_identity_gets_a_message_not_a_traceback(provider, claims, message):
    _, signed_on = provider
    signed_on(**claims)
    at = run()
    assert not at.exception
    assert "actor" not in at.session_state
    assert any(message in w.value for w in at.warning)


def test_idle_expiry_ends_the_provider_session_too(provider):
    logouts, signed_on = provider
    signed_on(email="claire@dijon.example.fr")
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["actor"] = Actor("claire", "coordination")  # a session open in this tab
    at.run()
    assert at.session_state["actor"].login == "claire"
    at.session_state["last_seen"] = time.monotonic() - 31 * 60
    at.run()
    assert "actor" not in at.session_state
    assert logouts  # without it, the next reload signs in again through the provider's cookie
