"""A person's journey in a real headless Chromium: dashboard, change of year, an action sheet."""

import pytest
from conftest import (
    choose_year,
    euros,
    expect_no_exception,
    payment,
    plain,
    screenshot_on_failure,
    sign_in_as,
    sync_api,
)

pytestmark = pytest.mark.browser


def test_dashboard_year_change_and_action_sheet(app_url, browser):
    expect = sync_api.expect
    page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="fr-FR")
    try:
        with screenshot_on_failure(page, "dashboard_journey"):
            sign_in_as(page, app_url, "Coordination")
            expect(page.get_by_role("heading", name="Tableau de bord 2022")).to_be_visible(
                timeout=60_000
            )
            assert "LDA Dash" in page.title()
            expect(page.get_by_text("Données de démonstration").first).to_be_visible()
            expect(payment(page)).to_have_text(euros("163 099 €"), timeout=30_000)
            expect_no_exception(page)

            choose_year(page, 2021)
            expect(page.get_by_role("heading", name="Tableau de bord 2021")).to_be_visible()
            expect(payment(page)).to_have_text(euros("494 000 €"), timeout=30_000)
            assert plain(payment(page).inner_text()) == "494 000 €"
            choose_year(page, 2022)
            expect(page.get_by_role("heading", name="Tableau de bord 2022")).to_be_visible()
            expect(payment(page)).to_have_text(euros("163 099 €"), timeout=30_000)
            expect_no_exception(page)

            page.get_by_role("link", name="n° 2", exact=True).click()
            expect(
                page.get_by_role(
                    "heading", name="Action n° 2 · Poste de captation des logements privés"
                )
            ).to_be_visible(timeout=30_000)
            expect(
                page.get_by_text("permettre la captation de logements dans le parc privé")
            ).to_be_visible()
            assert "action=2" in page.url
            expect(page.locator(".js-plotly-plot").first).to_be_visible()
            expect(page.get_by_text("Données de démonstration").first).to_be_visible()
            expect_no_exception(page)
    finally:
        page.close()
