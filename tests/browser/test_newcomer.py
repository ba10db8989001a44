"""A first visit in a real headless Chromium: the login page says what the app is for, how to sign
in and where each role starts, under the demonstration label; a demo profile opens its role's
first page. (The accessibility walk checks the first page of every role.)"""

from __future__ import annotations

import pytest
from conftest import (
    expect_no_exception,
    screenshot_on_failure,
    sync_api,
    wait_until_idle,
)

from lda_dash.ui.auth import home_page_title

pytestmark = pytest.mark.browser


def test_a_newcomer_learns_what_the_app_is_and_lands_on_the_first_page_of_a_role(app_url, browser):
    expect = sync_api.expect
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    try:
        with screenshot_on_failure(page, "newcomer_landing"):
            page.goto(app_url)
            wait_until_idle(page, "^LDA Dash · Connexion$")
            assert page.title() == "LDA Dash"
            assert page.evaluate("document.documentElement.lang") == "fr"
            about = page.get_by_text("LDA Dash suit une convention « Logement d'abord »")
            expect(about).to_be_visible()
            expect(page.get_by_text("Pour vous connecter")).to_be_visible()
            expect(page.get_by_text("Données de démonstration")).to_be_visible()
            expect(page.get_by_label("Identifiant")).to_be_visible()
            expect(page.get_by_text("(accueil : Saisie trimestrielle)")).to_be_visible()

            page.get_by_role("button", name="Partenaire · Camille (Habitat Solidaire)").click()
            wait_until_idle(page, f"^{home_page_title('partenaire')}$")
            expect(page.get_by_text("Données de démonstration").first).to_be_visible()
            expect(page.get_by_text("Connecté : demo-partenaire · Partenaire")).to_be_visible()
            expect_no_exception(page)
    finally:
        context.close()
