"""Administration in a real Chromium: an admin invites a partner, the partner opens the link,
chooses a password, signs in and sees only the actions entrusted to them; an admin sets the
clawback threshold and the Contrôle page shows it."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from conftest import expect_no_exception, screenshot_on_failure, streamlit_server, wait_until_idle

from lda_dash.services.accounts import add_account
from lda_dash.services.setup import init_database
from lda_dash.storage import database

pytestmark = pytest.mark.browser

PASSWORD = "une phrase de passe solide"
ADMIN_PASSWORD = "le mot de passe de l'administratrice"
ORGANISATION = "Association Essai"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """A real (not demonstration) database with a real administrator: an invitation creates a
    real account, which switches demo profiles off, so these journeys need a server of their own
    and would spoil the demo database the other journeys share."""
    folder = tmp_path_factory.mktemp("administration")
    path = folder / "lda.duckdb"
    init_database(path)
    with database.connect(path) as con:
        add_account(con, "alice", "admin", ADMIN_PASSWORD, email="alice@dijon.example.fr")
    with streamlit_server(folder, database=path) as url:
        yield url


def signed_in_as_admin(page, app_url: str) -> None:
    """The administrator, once the server has set the session cookie (the sidebar says who)."""
    page.goto(app_url)
    fill(page, "Identifiant", "alice")
    fill(page, "Mot de passe", ADMIN_PASSWORD)
    page.get_by_role("button", name="Se connecter", exact=True).click()
    page.locator('[data-testid="stSidebar"]').get_by_text("Connecté").wait_for(timeout=60_000)


def choose(page, scope, label: str, typed: str, option: str | re.Pattern) -> None:
    """Type into a select box to filter its options, then pick one."""
    box = scope.get_by_role("combobox", name=label, exact=True)
    box.click()
    box.fill(typed)
    page.get_by_role("option", name=option, exact=isinstance(option, str)).click()


def fill(page, label: str, text: str) -> None:
    page.get_by_label(label, exact=True).fill(text)


def test_an_invited_partner_sees_only_the_assigned_actions(browser, app_url):
    admin_context = browser.new_context()
    admin = admin_context.new_page()
    with screenshot_on_failure(admin, "admin-invites"):
        signed_in_as_admin(admin, app_url)
        admin.goto(app_url + "/comptes")
        wait_until_idle(admin, "Comptes et accès")
        form = admin.locator('[data-testid="stForm"]').first
        fill(form, "Identifiant", "paul")
        fill(form, "Nom affiché", "Paul Essai")
        assert form.get_by_role("combobox", name="Rôle", exact=True).input_value() == "Partenaire"
        fill(form, "Organisation (partenaire : nom existant ou nouveau)", ORGANISATION)
        fill(form, "Motif (obligatoire)", "nouveau partenaire de l'action 7")
        form.get_by_role("button", name="Créer le compte et le lien").click()
        wait_until_idle(admin, "Comptes et accès")
        link = admin.locator('[data-testid="stCode"]').inner_text().strip()
        assert "/invitation?jeton=" in link
        admin.get_by_role("tab", name="Affectations").click()
        assign = admin.locator('[data-testid="stForm"]').filter(has_text="Confier une action")
        choose(admin, assign, "Organisation", "Essai", ORGANISATION)
        choose(admin, assign, "Action", "accompagnement", re.compile(r"^n° 7 ·"))
        fill(assign, "Motif (obligatoire)", "convention de partenariat signée")
        assign.get_by_role("button", name="Appliquer").click()
        admin.get_by_text(f"Action n° 7 confiée à {ORGANISATION}.").wait_for(timeout=60_000)
        expect_no_exception(admin)
        invitation = urlparse(link)  # tried by the admin, still signed in: the page opens
        admin.goto(f"{app_url}{invitation.path}?{invitation.query}")
        wait_until_idle(admin, "Choisir un mot de passe")
        admin.get_by_text("Vous êtes connecté en tant que alice").wait_for(timeout=60_000)
        assert admin.get_by_text("Compte paul").count() == 1
        assert admin.locator('[data-testid="stSidebar"]').get_by_text("Connecté").count() == 1

    partner_context = browser.new_context()
    partner = partner_context.new_page()
    with screenshot_on_failure(partner, "partner-accepts"):
        invitation = urlparse(link)
        partner.goto(f"{app_url}{invitation.path}?{invitation.query}")
        wait_until_idle(partner, "Choisir un mot de passe")
        fill(partner, "Mot de passe", "qwerty123456")
        fill(partner, "Le même, à nouveau", "qwerty123456")
        partner.get_by_role("button", name="Enregistrer le mot de passe").click()
        partner.get_by_text("les plus courants").wait_for(timeout=60_000)
        fill(partner, "Mot de passe", PASSWORD)
        fill(partner, "Le même, à nouveau", PASSWORD)
        partner.get_by_role("button", name="Enregistrer le mot de passe").click()
        partner.get_by_text("Mot de passe enregistré pour").wait_for(timeout=60_000)
        partner.goto(f"{app_url}{invitation.path}?{invitation.query}")  # the link again
        partner.get_by_text("Ce lien n'est pas valable").wait_for(timeout=60_000)
        partner.goto(app_url)
        fill(partner, "Identifiant", "paul")
        fill(partner, "Mot de passe", PASSWORD)
        partner.get_by_role("button", name="Se connecter", exact=True).click()
        wait_until_idle(partner, "Saisie trimestrielle")
        partner.get_by_text("Vos actions : n° 7.").wait_for(timeout=60_000)
        expect_no_exception(partner)
    partner_context.close()
    admin_context.close()


def test_the_threshold_set_by_the_admin_shows_on_control(browser, app_url):
    context = browser.new_context()
    page = context.new_page()
    with screenshot_on_failure(page, "admin-threshold"):
        signed_in_as_admin(page, app_url)
        page.goto(app_url + "/seuil")
        wait_until_idle(page, "Seuil de reversement")
        field = page.get_by_label("Nouveau seuil (en %)")
        field.fill("70")
        field.press("Enter")
        page.get_by_text("Ce que change 70,0").wait_for(timeout=60_000)
        assert page.get_by_text("Proposition actuelle").count() >= 1
        fill(page, "Motif (obligatoire)", "décision du comité de pilotage")
        page.get_by_role("button", name=re.compile("^Enregistrer le seuil")).click()
        success = page.get_by_test_id("stAlertContentSuccess")
        success.get_by_text(re.compile("^Seuil enregistré : 70")).wait_for(timeout=60_000)
        page.goto(app_url + "/controle-consultation?annee=2021")
        wait_until_idle(page, "Contrôle et reversement")
        caption = page.get_by_text(re.compile(r"Seuil enregistré \(paramètre de l'administration"))
        assert "70" in caption.inner_text()
        expect_no_exception(page)
    context.close()
