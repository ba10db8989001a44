"""The Prefect's control in a real headless Chromium: the proposal of 2021, a decision recorded
with its Article 4 dates, and the execution report downloaded as a PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import (
    choose_year,
    euros,
    expect_no_exception,
    screenshot_on_failure,
    sign_in_as,
    streamlit_server,
    sync_api,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def own_app_url(tmp_path_factory):
    """A server of its own: the decision locks 2021, which other journeys must not find."""
    with streamlit_server(tmp_path_factory.mktemp("prefecture")) as url:
        yield url


def metric_value(page, label: str):
    metric = page.locator('[data-testid="stMetric"]').filter(
        has=page.get_by_text(label, exact=True)
    )
    return metric.locator('[data-testid="stMetricValue"]').first


def type_date(page, form, label_start: str, digits: str) -> None:
    """Streamlit's date field takes day, month and year typed in turn."""
    # « jour, … »: Streamlit's « day, … » in French (lda_dash/ui/framework_french.py).
    form.get_by_role("spinbutton", name=re.compile(f"^jour, {re.escape(label_start)}")).click()
    page.keyboard.type(digits)
    page.keyboard.press("Escape")  # close the calendar that opened over the form


def test_the_prefecture_decides_and_downloads_the_report(own_app_url, browser):
    from pypdf import PdfReader

    expect = sync_api.expect
    page = browser.new_page(
        viewport={"width": 1440, "height": 1000}, locale="fr-FR", accept_downloads=True
    )
    try:
        with screenshot_on_failure(page, "prefecture_journey"):
            sign_in_as(page, own_app_url, "Préfecture")
            nav = page.locator('[data-testid="stSidebarNav"]')
            nav.get_by_role("link", name="Contrôle et reversement").click()
            expect(page.get_by_role("heading", name="Contrôle et reversement 2022")).to_be_visible(
                timeout=60_000
            )
            choose_year(page, 2021)
            expect(page.get_by_role("heading", name="Contrôle et reversement 2021")).to_be_visible(
                timeout=30_000
            )
            expect(metric_value(page, "Montant proposé")).to_have_text(
                euros("50 065 €"), timeout=30_000
            )
            expect(page.get_by_text("Chiffres validés uniquement.")).to_be_visible()
            expect_no_exception(page)

            form = page.locator('[data-testid="stForm"]')
            # The decision form closes a long page (terms, timeline, evidence, reports).
            expect(form.get_by_label("Justification (obligatoire)")).to_be_visible(timeout=90_000)
            form.get_by_label("Justification (obligatoire)").fill(
                "Crédits 2021 non consommés ; action 9 sans bilan produit."
            )
            type_date(page, form, "Lettre recommandée", "31012022")
            type_date(page, form, "Titre de reversement", "15032022")
            form.get_by_text("Je confirme la décision").click()
            form.get_by_role("button", name="Enregistrer la décision").click()
            expect(page.get_by_text("Décision 2021 enregistrée")).to_be_visible(timeout=30_000)
            expect(metric_value(page, "Montant décidé")).to_have_text(euros("50 065 €"))
            expect(page.get_by_text("Chiffres 2021 verrouillés")).to_be_visible()
            expect(page.get_by_text("envoyée le 31/01/2022")).to_be_visible()
            expect(page.get_by_text("délai clos le 28/02/2022")).to_be_visible()
            # The titre is dated 15/03/2022: payment was due by 15/09/2022 and none is recorded.
            overdue = page.get_by_text("En retard : paiement dû au plus tard le 15/09/2022")
            expect(overdue).to_be_visible()
            expect_no_exception(page)

            button = page.get_by_role("button", name="Télécharger le rapport 2021 (PDF)")
            with page.expect_download(timeout=180_000) as download_info:
                button.click()
            download = download_info.value
            assert download.suggested_filename == "rapport-execution-2021-dijon-metropole.pdf"
            content = Path(download.path()).read_bytes()
            assert content.startswith(b"%PDF")
            reader = PdfReader(io.BytesIO(content))
            assert len(reader.pages) >= 3
            text = " ".join(p.extract_text() or "" for p in reader.pages)
            assert "Rapport d'exécution 2021" in text
    finally:
        page.close()
