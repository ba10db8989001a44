"""Sessions in a real Chromium: a reload keeps the page and the sign-in, a deep link goes through
sign-in to the page asked for, and a signed-out cookie replayed opens nothing."""

from __future__ import annotations

import re

import pytest
from conftest import expect_no_exception, screenshot_on_failure, sign_in_as, wait_until_idle

pytestmark = pytest.mark.browser

DEEP_LINK = "/fiche-action?action=7&annee=2021"
SIGNED_IN = '[data-testid="stSidebar"] >> text=Connecté'


def test_a_reload_keeps_the_page_and_the_session(browser, app_url):
    context = browser.new_context()
    page = context.new_page()
    with screenshot_on_failure(page, "session-reload"):
        sign_in_as(page, app_url, "Coordination")
        wait_until_idle(page, "Tableau de bord")
        page.goto(app_url + "/controle-consultation")
        wait_until_idle(page, "Contrôle et reversement")
        page.reload()
        wait_until_idle(page, "Contrôle et reversement")
        assert page.url.startswith(app_url + "/controle-consultation")
        assert page.locator(SIGNED_IN).count() == 1
        expect_no_exception(page)
        cookie = next(c for c in context.cookies() if c["name"] == "lda_session")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"
        assert "lda_session" not in page.evaluate("document.cookie")  # not for page scripts
        second = context.new_page()  # a new tab of the same browser
        second.goto(app_url + "/finances")
        wait_until_idle(second, "Finances")
        assert second.locator(SIGNED_IN).count() == 1
    context.close()


def test_a_deep_link_goes_through_sign_in_to_the_page_asked_for(browser, app_url):
    context = browser.new_context()
    page = context.new_page()
    with screenshot_on_failure(page, "session-deep-link"):
        sign_in_as(page, app_url + DEEP_LINK, "Préfecture")
        wait_until_idle(page, "Fiche action")
        assert page.url == app_url + DEEP_LINK
        main = page.locator('[data-testid="stMain"]')
        assert "n° 7" in main.inner_text()
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert sidebar.get_by_role("combobox", name="Année").input_value() == "2021"
        expect_no_exception(page)
    context.close()


def test_a_signed_out_cookie_replayed_opens_nothing(browser, app_url):
    context = browser.new_context()
    page = context.new_page()
    with screenshot_on_failure(page, "session-replay"):
        sign_in_as(page, app_url, "Coordination")
        wait_until_idle(page, "Tableau de bord")
        stolen = [c for c in context.cookies() if c["name"] == "lda_session"]
        assert stolen
        page.get_by_role("button", name="Se déconnecter").click()
        page.get_by_text("Vous êtes déconnecté.").wait_for(timeout=30_000)
        assert not [c for c in context.cookies() if c["name"] == "lda_session"]
        replay = browser.new_context()
        replay.add_cookies(stolen)
        other = replay.new_page()
        other.goto(app_url + "/tableau-de-bord")
        other.get_by_text("Cette session a pris fin").wait_for(timeout=30_000)
        other.get_by_role("button", name=re.compile("^Se connecter$")).wait_for(timeout=30_000)
        assert other.locator(SIGNED_IN).count() == 0
        replay.close()
    context.close()
