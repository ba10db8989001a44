"""A partner attaches the annual report (a real PDF) to a « Bilan annuel … produit » milestone
in a real headless Chromium; the coordination opens it from Validation, byte for byte."""

from __future__ import annotations

import pytest
from conftest import (
    expect_no_exception,
    screenshot_on_failure,
    sign_in_as,
    sync_api,
    wait_until_idle,
)

from lda_dash.storage import database
from lda_dash.storage import evidence as store
from tests import evidence_files

pytestmark = pytest.mark.browser

YEAR, QUARTER = 2022, 3  # Habitat has its third quarter to report on the demo date
MILESTONE = "n° 3 · Bilan annuel de la plateforme produit"
FILE_NAME = "Bilan annuel plateforme 2022.pdf"


def choose_period(page) -> None:
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Année").first.click()
    page.get_by_role("option", name=str(YEAR), exact=True).click()
    page.get_by_text(f"T{QUARTER}", exact=True).click()
    sync_api.expect(page.get_by_text(f"T{QUARTER} {YEAR}", exact=True)).to_be_visible(
        timeout=30_000
    )


def test_a_partner_attaches_the_annual_report_and_the_coordination_opens_it(
    app_url, app_folder, browser, tmp_path
):
    expect = sync_api.expect
    report = evidence_files.pdf("Bilan annuel 2022 de la plateforme logement")
    with database.connect(app_folder / "demo.duckdb") as con:
        store.set_required_evidence(con, "dijon-2021-2022", (3, "BILAN"), True, "test")
    partner = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = partner.new_page()
    try:
        with screenshot_on_failure(page, "evidence_partner"):
            sign_in_as(page, app_url, "Partenaire · Camille")
            expect(page.get_by_role("heading", name="Saisie trimestrielle")).to_be_visible(
                timeout=60_000
            )
            choose_period(page)
            page.get_by_role("tab", name="Pièces justificatives").click()
            chooser = page.locator('[data-testid="stSelectbox"]').filter(has_text="Chiffre")
            chooser.click()
            page.get_by_role("option", name=f"{MILESTONE} — pièce exigée").click()
            wait_until_idle(page)
            page.locator(
                '[data-testid="stFileUploaderDropzoneInput"][accept*=".odt"]'
            ).set_input_files({"name": FILE_NAME, "mimeType": "application/pdf", "buffer": report})
            join = page.get_by_role("button", name="Joindre le document")
            expect(join).to_be_enabled(timeout=30_000)
            join.click()
            expect(page.get_by_text(f"Document « {FILE_NAME} » joint")).to_be_visible(
                timeout=30_000
            )
            expect_no_exception(page)
    finally:
        partner.close()

    coordinator = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = coordinator.new_page()
    try:
        with screenshot_on_failure(page, "evidence_coordination"):
            sign_in_as(page, app_url, "Coordination")
            page.get_by_role("link", name="Validation des chiffres").click(timeout=60_000)
            expect(page.get_by_role("heading", name=f"Pièces justificatives {YEAR}")).to_be_visible(
                timeout=60_000
            )
            wait_until_idle(page, "Validation des chiffres")
            expect(page.get_by_text(FILE_NAME)).to_be_visible(timeout=30_000)
            with page.expect_download(timeout=30_000) as opened:
                page.get_by_role("button", name="Ouvrir").first.click()
            download = opened.value
            assert download.suggested_filename == FILE_NAME
            saved = tmp_path / "opened.pdf"
            download.save_as(saved)
            assert saved.read_bytes() == report
            expect_no_exception(page)
    finally:
        coordinator.close()
