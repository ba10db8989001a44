"""Single sign-on in a real Chromium: a local OpenID Connect provider on loopback stands in for
ProConnect; the identity's e-mail opens the account that carries it.

The provider is `oidc-provider-mock` (a Flask app) served from a thread of the test process; the
app is a second server (conftest's `streamlit_server`) whose `[auth]` secrets come from a
temporary file passed with `--secrets.files`, so the repository's `.streamlit/` is never touched.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from conftest import (
    expect_no_exception,
    free_port,
    screenshot_on_failure,
    streamlit_server,
    sync_api,
)

from lda_dash.services.accounts import add_account
from lda_dash.services.setup import init_database
from lda_dash.storage import database

pytestmark = pytest.mark.browser

EMAIL = "claire.martin@dijon.example.fr"
CLIENT_ID = "lda-dash-test"


@contextmanager
def identity_provider(email: str, others: dict[str, dict] | None = None) -> Iterator[str]:
    """The mock provider on 127.0.0.1 with predefined identities (`email`, then `others`: sub →
    claims), each one click on its authorisation page; yields its address."""
    oidc_mock = pytest.importorskip("oidc_provider_mock")
    from werkzeug.serving import make_server

    os.environ.setdefault("AUTHLIB_INSECURE_TRANSPORT", "1")  # plain http on loopback only
    users = [oidc_mock.User(sub=email, claims={"email": email})]
    users += [oidc_mock.User(sub=sub, claims=claims) for sub, claims in (others or {}).items()]
    provider = oidc_mock.app(user_claims=users)
    server = make_server("127.0.0.1", 0, provider, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@contextmanager
def app_with_sign_on(folder, provider_url: str) -> Iterator[str]:
    """`streamlit run app.py` with an [auth] section pointing at the provider; yields its URL."""
    sso_db = folder / "sso.duckdb"
    init_database(sso_db)
    with database.connect(sso_db) as con:
        add_account(con, "claire", "coordination", None, email=EMAIL)
    port = free_port()
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{os.urandom(24).hex()}"\n'
        f'client_id = "{CLIENT_ID}"\n'
        'client_secret = "secret-de-test"\n'
        f'server_metadata_url = "{provider_url}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    with streamlit_server(
        folder,
        database=sso_db,
        port=port,
        options=("--secrets.files", str(secrets)),
        env={"AUTHLIB_INSECURE_TRANSPORT": "1"},
    ) as url:
        yield url


def test_proconnect_identity_signs_in_the_account_with_its_email(browser, tmp_path):
    expect = sync_api.expect
    with identity_provider(EMAIL) as provider_url, app_with_sign_on(tmp_path, provider_url) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        page = context.new_page()
        try:
            with screenshot_on_failure(page, "sso_journey"):
                page.goto(url)
                button = page.get_by_role("button", name="Se connecter avec ProConnect")
                expect(button).to_be_visible(timeout=60_000)
                button.click()
                # The provider's own page: authorise the predefined identity.
                page.get_by_role("button", name=EMAIL).click(timeout=30_000)
                dashboard = page.get_by_role("heading", name=re.compile(r"^Tableau de bord \d{4}$"))
                expect(dashboard).to_be_visible(timeout=60_000)
                expect(page.get_by_text("Connecté : claire")).to_be_visible()
                expect_no_exception(page)
        finally:
            context.close()


# Identities the provider vouches for that must open nothing (issue 15 §8): sub → (claims, the
# French reason the login page shows). The claims are those the mock's authorisation page sends.
REFUSED_IDENTITIES = {
    "sans-adresse": ({}, "aucune adresse électronique"),
    "non-verifiee": ({"email": EMAIL, "email_verified": False}, "non vérifiée"),
    "kelvin": ({"email": "\u212aevin@dijon.example.fr"}, "trompeurs"),  # Kelvin sign, not K
}


def test_refused_identities_get_their_reason_and_no_traceback(browser, tmp_path):
    """One provider and one app for every case; each case in a fresh browser context."""
    expect = sync_api.expect
    others = {sub: claims for sub, (claims, _) in REFUSED_IDENTITIES.items()}
    with (
        identity_provider(EMAIL, others) as provider_url,
        app_with_sign_on(tmp_path, provider_url) as url,
    ):
        for sub, (_, reason) in REFUSED_IDENTITIES.items():
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
            page = context.new_page()
            try:
                with screenshot_on_failure(page, f"sso_refused_{sub}"):
                    page.goto(url)
                    page.get_by_role("button", name="Se connecter avec ProConnect").click(
                        timeout=60_000
                    )
                    page.get_by_role("button", name=sub).click(timeout=30_000)
                    expect(page.get_by_text(reason)).to_be_visible(timeout=60_000)
                    expect(page.get_by_text("Connecté :")).to_have_count(0)
                    expect_no_exception(page)
            finally:
                context.close()


def test_an_ended_sso_session_also_ends_the_provider_session(browser, tmp_path):
    """The server-side session ends (as after idle expiry): the next page load must not sign
    the person in again through the provider's still-valid identity (`st.logout` is called)."""
    from lda_dash.services import sessions

    expect = sync_api.expect
    with identity_provider(EMAIL) as provider_url, app_with_sign_on(tmp_path, provider_url) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
        page = context.new_page()
        try:
            with screenshot_on_failure(page, "sso_expiry"):
                page.goto(url)
                page.get_by_role("button", name="Se connecter avec ProConnect").click(
                    timeout=60_000
                )
                page.get_by_role("button", name=EMAIL).click(timeout=30_000)
                expect(page.get_by_text("Connecté : claire")).to_be_visible(timeout=60_000)
                with database.connect(tmp_path / "sso.duckdb") as con:
                    sessions.end_all_sessions(con, "claire", sessions.ENDED_BY_IDLE)
                page.reload()
                # st.logout: Streamlit's /auth/logout, then the provider's end-session page.
                page.get_by_role("button", name="End session").click(timeout=60_000)
                button = page.get_by_role("button", name="Se connecter avec ProConnect")
                expect(button).to_be_visible(timeout=60_000)
                page.reload()  # the provider's identity is gone too: no automatic sign-in
                expect(button).to_be_visible(timeout=60_000)
                expect(page.get_by_text("Connecté : claire")).to_have_count(0)
        finally:
            context.close()
