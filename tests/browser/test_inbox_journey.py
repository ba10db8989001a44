"""The inbox and the sign-out address in a real Chromium: a figure sent back opens, from the
partner's inbox, on the very field to correct; a link to the sign-out address from elsewhere
signs nobody out (only the app's button does)."""

from __future__ import annotations

import re

import pytest
from conftest import (
    expect_no_exception,
    screenshot_on_failure,
    sign_in_as,
    streamlit_server,
    sync_api,
    wait_until_idle,
)

from lda_dash.domain.entry import FieldInput
from lda_dash.domain.permissions import Actor
from lda_dash.domain.workflow import FigureStatus
from lda_dash.services.entry import save_entry
from lda_dash.services.review import review
from lda_dash.services.setup import init_database

pytestmark = pytest.mark.browser

CONVENTION = "dijon-2021-2022"
HABITAT = "association-habitat-solidaire-demo"
SIGNED_IN = '[data-testid="stSidebar"] >> text=Connecté'


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A demo database of its own: a figure sent back here must not change the other journeys'."""
    folder = tmp_path_factory.mktemp("inbox")
    path = folder / "demo.duckdb"
    init_database(path, demo=True)
    with streamlit_server(folder, database=path) as url:
        yield url, path


def send_back_one_of_habitat(path) -> tuple:
    """Habitat submits a figure of its third quarter of 2022 (left to report on the demo date),
    which the coordination sends back."""
    key = (2, "CAPT", 2022, 3)
    partner = Actor("demo-partenaire", "partenaire", HABITAT)
    check = save_entry(
        path, CONVENTION, partner, [FieldInput(2, "CAPT", value="4")], year=2022, quarter=3,
        status=FigureStatus.SUBMITTED, expected_versions={},
    )  # fmt: skip
    assert check.ok, check
    coordination = Actor("demo-coordination", "coordination", None)
    assert review(path, CONVENTION, coordination, [key], FigureStatus.RETURNED, "total à revoir")
    return key


def test_the_inbox_opens_the_field_sent_back(browser, served):
    url, path = served
    action, code, year, quarter = send_back_one_of_habitat(path)
    anchor = f"corriger-{action}-{code.lower().replace('_', '-')}"
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="fr-FR")
    page = context.new_page()
    with screenshot_on_failure(page, "inbox-field"):
        sign_in_as(page, url, "Partenaire · Camille")
        wait_until_idle(page, "Saisie trimestrielle")
        line = page.locator('[data-testid="stMarkdownContainer"] li').filter(
            has_text="total à revoir"
        )
        with context.expect_page() as opened:  # the inbox's links open in a new tab
            line.get_by_role("link", name="ouvrir").click()
        field_page = opened.value
        field_page.wait_for_url(
            re.compile(re.escape(f"annee={year}&trimestre={quarter}#{anchor}") + "$")
        )
        wait_until_idle(field_page, "Saisie trimestrielle")
        heading = field_page.locator(f'[id="{anchor}"]')
        sync_api.expect(heading).to_have_text(re.compile("À corriger"), timeout=30_000)
        sync_api.expect(heading).to_be_in_viewport(timeout=30_000)
        expect_no_exception(field_page)
        expect_no_exception(page)
    context.close()


def test_a_link_to_the_sign_out_address_signs_nobody_out(browser, served):
    url, _ = served
    context = browser.new_context()
    page = context.new_page()
    with screenshot_on_failure(page, "sign-out-link"):
        sign_in_as(page, url, "Coordination")
        wait_until_idle(page, "Tableau de bord")
        page.goto(url + "/deconnexion?avis=deconnecte")  # as a link on another site would
        wait_until_idle(page, "Tableau de bord")
        assert page.locator(SIGNED_IN).count() == 1
        assert [c for c in context.cookies() if c["name"] == "lda_session"]
        page.get_by_role("button", name="Se déconnecter").click()  # the app's button does
        page.get_by_text("Vous êtes déconnecté.").wait_for(timeout=30_000)
        assert not [c for c in context.cookies() if c["name"] == "lda_session"]
    context.close()
