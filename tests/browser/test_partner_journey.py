"""A partner reports a quarter in a real headless Chromium, is stopped by one invalid value,
corrects it and submits; the coordinator then validates the quarter."""

from __future__ import annotations

import pytest
from conftest import expect_no_exception, screenshot_on_failure, sign_in_as, sync_api

from lda_dash import storage
from lda_dash.storage import database

pytestmark = pytest.mark.browser

HABITAT = "Association Habitat Solidaire (démo)"
YEAR, QUARTER = 2022, 3  # the quarter Habitat Solidaire has to report on the demonstration date
RATE = "Taux d'occupation du lieu de répit"
HABITAT_ACTIONS = (2, 3, 4, 5)  # other partners have reported this quarter already


def choose_period(page) -> None:
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Année").click()
    page.get_by_role("option", name=str(YEAR), exact=True).click()
    page.get_by_text(f"T{QUARTER}", exact=True).click()
    sync_api.expect(page.get_by_text(f"T{QUARTER} {YEAR}", exact=True)).to_be_visible(
        timeout=30_000
    )
    # Until the rerun ends, the previous quarter's fields are still on the page.
    count = page.get_by_label("Logements captés dans le parc privé", exact=True)
    sync_api.expect(count).to_have_count(1, timeout=30_000)


def fill_quarter(page, numerator: str) -> None:
    page.get_by_label("Logements captés dans le parc privé", exact=True).fill("9")
    page.get_by_text("Non produit", exact=True).click()
    page.get_by_label("Logements gérés en gestion locative adaptée", exact=True).fill("42")
    page.get_by_label("Appartement de répit disponible", exact=True).fill("1")
    page.get_by_label(f"{RATE} : numérateur", exact=True).fill(numerator)
    page.get_by_label(f"{RATE} : dénominateur", exact=True).fill("91")
    spending = page.get_by_label("Dépenses réalisées sur crédits AMI (€)", exact=True)
    for index in range(spending.count()):
        spending.nth(index).fill("1 250,50" if index == 0 else "980")


def stored_statuses(path) -> dict:
    with database.connect(path) as con:
        return {
            (r["action"], r["code"]): r["status"]
            for r in storage.figure_records(con, "dijon-2021-2022")
            if (r["year"], r["quarter"]) == (YEAR, QUARTER) and r["action"] in HABITAT_ACTIONS
        }


def test_a_partner_corrects_an_invalid_value_submits_and_the_coordinator_validates(
    app_url, app_folder, browser
):
    expect = sync_api.expect
    partner = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = partner.new_page()
    try:
        with screenshot_on_failure(page, "partner_journey"):
            sign_in_as(page, app_url, "Partenaire · Camille")
            expect(page.get_by_role("heading", name="Saisie trimestrielle")).to_be_visible(
                timeout=60_000
            )
            choose_period(page)
            fill_quarter(page, numerator="95")  # more nights than days in the quarter
            page.get_by_role("button", name="Soumettre le trimestre").click()
            expect(page.get_by_text("Numérateur 95 supérieur au dénominateur 91")).to_be_visible(
                timeout=30_000
            )
            expect(page.get_by_text("Rien n'a été enregistré")).to_be_visible()
            assert stored_statuses(app_folder / "demo.duckdb") == {}

            page.get_by_label(f"{RATE} : numérateur", exact=True).fill("60")
            page.get_by_role("button", name="Soumettre le trimestre").click()
            page.get_by_role("button", name="Confirmer la soumission").click(timeout=30_000)
            expect(page.get_by_text(f"Trimestre T{QUARTER} {YEAR} soumis").first).to_be_visible(
                timeout=30_000
            )
            expect_no_exception(page)
    finally:
        partner.close()
    statuses = stored_statuses(app_folder / "demo.duckdb")
    assert len(statuses) == 9 and set(statuses.values()) == {"submitted"}

    coordinator = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = coordinator.new_page()
    try:
        with screenshot_on_failure(page, "coordinator_validation"):
            sign_in_as(page, app_url, "Coordination")
            page.get_by_role("link", name="Validation des chiffres").click(timeout=60_000)
            heading = f"{HABITAT} · T{QUARTER} {YEAR}"
            # The review form under Habitat Solidaire's heading (other partners have theirs).
            form = page.get_by_role("heading", name=heading).locator(
                "xpath=following::*[@data-testid='stForm'][1]"
            )
            expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=60_000)
            form.get_by_role("button", name="Valider les chiffres choisis").click()
            expect(page.get_by_text(f"{heading} : 9 chiffres validé")).to_be_visible(timeout=30_000)
            expect_no_exception(page)
    finally:
        coordinator.close()
    statuses = stored_statuses(app_folder / "demo.duckdb")
    assert len(statuses) == 9 and set(statuses.values()) == {"validated"}
