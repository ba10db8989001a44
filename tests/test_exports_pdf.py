"""The PDF execution report, read back with pypdf: references, figures, pages, no bank details."""

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from lda_dash import fmt
from lda_dash.exports import pdf as pdf_module
from lda_dash.exports.images import figure_png
from lda_dash.exports.pdf import execution_report_pdf
from lda_dash.services.control import load_clawback
from lda_dash.storage import database
from tests.conftest import YEARS_OVER as AS_OF
from tests.reading import load_report_data
from tests.test_exports_docx import decide

CONVENTION = "dijon-2021-2022"
BANK_DETAILS = ("IBAN", "FR83", "BDFEFRPPCCT", "3000 1003", "Clé RIB", "BIC")


@pytest.fixture(scope="module")
def pdf_2021(report_2021):
    """Rendered once for the module: the first render starts kaleido's Chromium."""
    return PdfReader(io.BytesIO(execution_report_pdf(report_2021)))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_title_page_gives_the_convention_references(pdf_2021):
    first = pdf_2021.pages[0].extract_text()
    assert "Rapport d'exécution 2021" in first
    assert "Dijon Métropole" in first
    assert "177-01-06-12-17" in first and "0177-12-17" in first and "217" in first
    assert "Hébergement, parcours vers le logement" in first
    assert fmt.money(494000) in first and fmt.money(163099) in first
    words = " ".join(first.split())  # the justified line spaces its words out
    assert "chiffres validés, données au 10/10/2022, date de référence 30/06/2023" in words
    assert "démonstration" in first


def test_the_proposed_total_is_written_the_french_way(demo_db, pdf_2021):
    with database.connect(demo_db, read_only=True) as con:
        proposal, _ = load_clawback(con, CONVENTION, 2021, as_of=AS_OF)
    text = text_of(pdf_2021)
    written = fmt.money(proposal.proposed_total)
    assert re.fullmatch(r"\d{1,3}(\u202f\d{3})* €", written)
    assert f"Montant proposé {written}" in text
    assert f"Reversement proposé {written}" in text
    assert "Seuil retenu : 100 %" in text


def test_every_section_is_there_and_pages_are_numbered(pdf_2021):
    pages = len(pdf_2021.pages)
    assert pages > 1
    text = text_of(pdf_2021)
    for section in pdf_module.SECTIONS:
        assert text.count(section) >= 2  # in the contents and as a heading
    assert f"Page 2 / {pages}" in text and f"Page {pages} / {pages}" in text
    assert "Logements captés dans le parc privé" in text  # the IPTT
    assert "Solde de la convention" in text


def test_the_chart_is_a_real_image(pdf_2021):
    assert len(pdf_2021.pages[1].images) == 1


def test_no_bank_details_and_no_english_status(pdf_2021):
    text = text_of(pdf_2021)
    assert not [word for word in BANK_DETAILS if word in text]
    assert not re.search(r"\b(validated|achieved|on_track|late|no_data|None|nan)\b", text)


def test_kaleido_renders_a_png():
    import plotly.graph_objects as go

    png = figure_png(go.Figure(go.Bar(x=[1, 2], y=[3, 4])), 300, 200, scale=1)
    assert png is not None and png.startswith(b"\x89PNG")


def test_without_chromium_the_chart_is_drawn(report_2021, monkeypatch):
    monkeypatch.setattr(pdf_module, "figure_png", lambda *args, **kwargs: None)
    reader = PdfReader(io.BytesIO(execution_report_pdf(report_2021)))
    assert not reader.pages[1].images
    assert "100 % : objectif" in reader.pages[1].extract_text()


def test_a_year_not_over_still_gives_a_report(demo_db):
    report = load_report_data(demo_db, 2022, as_of=date(2022, 6, 30))
    reader = PdfReader(io.BytesIO(execution_report_pdf(report)))
    text = text_of(reader)
    assert len(reader.pages) > 1
    assert "l'année 2022 n'est pas terminée" in text
    assert "Rapport d'exécution 2022" in text and "données au 10/10/2022" in " ".join(text.split())
    assert "date de référence 30/06/2022" in " ".join(text.split())


def test_the_recorded_decision_and_a_signature_block_close_the_report(demo_db_path):
    decide(demo_db_path, 12345)
    reader = PdfReader(io.BytesIO(execution_report_pdf(load_report_data(demo_db_path, 2021))))
    last = reader.pages[-1].extract_text()
    assert "7. Décision du préfet (article 4)" in last
    for expected in (fmt.money(12345), "15/03/2022", "31/03/2022", "30/04/2022", "02/05/2022",
                     "02/11/2022", "prefecture", "Visa et signature", "Signature :"):  # fmt: skip
        assert expected in last, expected
