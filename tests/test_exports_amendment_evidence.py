"""The reports say which amendment a year's targets, payment, weights and allocation come from,
and list evidence."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from lda_dash import storage
from lda_dash.domain.permissions import Actor
from lda_dash.exports.evidence_report import evidence_section
from lda_dash.exports.pdf_layout import ReportPDF
from lda_dash.exports.pptx import footer_text
from lda_dash.exports.xlsx import execution_report_xlsx
from lda_dash.services.amendments import record_amendment
from lda_dash.services.evidence import attach_document
from lda_dash.services.report_data import read_report_data
from lda_dash.storage import database
from lda_dash.words import texts
from tests import evidence_files as files

CID = "dijon-2021-2022"


@pytest.fixture
def report(db_path):
    with database.connect(db_path) as con:
        storage.upsert_organisation(con, "asso", "Association")
        storage.assign(con, CID, 1, "asso")
        attach_document(
            con, CID, Actor("camille", "partenaire", "asso"), (1, "BILAN", 2022, 4),
            "Bilan annuel 2022.pdf", files.pdf(),
        )  # fmt: skip
        return read_report_data(con, CID, 2022, date(2023, 6, 30))


def test_the_references_name_the_amendment_in_force(report):
    assert report.amendment_source == "Cibles et versement : Avenant 2022 du 25/05/2022"
    assert ("Cibles et versement", "Avenant 2022 du 25/05/2022") in texts.references(report)
    assert "Cibles et versement : Avenant 2022 du 25/05/2022" in footer_text(report)


def test_the_workbook_lists_the_evidence_and_the_amendment(report):
    book = load_workbook(io.BytesIO(execution_report_xlsx(report)))
    sheet = book["Pièces justificatives"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "Bilan annuel 2022.pdf" in cells and "camille" in cells and "2022 T4" in cells
    summary = [str(c.value) for row in book["Synthèse"].iter_rows() for c in row if c.value]
    assert "Avenant 2022 du 25/05/2022" in summary


def test_the_pdf_section_lists_the_evidence(report):
    pdf = ReportPDF("test")
    evidence_section(pdf, report)
    text = PdfReader(io.BytesIO(bytes(pdf.output()))).pages[0].extract_text()
    assert "Pièces justificatives" in text and "Bilan annuel 2022.pdf" in text


def test_the_reports_name_the_amendments_of_the_weights_and_the_allocation(db_path):
    with database.connect(db_path) as con:
        record_amendment(
            con, CID, Actor("claire", "coordination"), year=2022, amended_on=date(2022, 9, 1),
            reference="Avenant ter", weights={(12, "FORM_AV"): Decimal(2)},
            allocation={11: Decimal(32838), 12: Decimal(14535)},
        )  # fmt: skip
        before = read_report_data(con, CID, 2022, date(2022, 8, 31))
        after = read_report_data(con, CID, 2022, date(2023, 6, 30))
    assert texts.references(before)[-1] == ("Cibles et versement", "Avenant 2022 du 25/05/2022")
    assert texts.references(after)[-2:] == [
        ("Cibles et versement", "Avenant 2022 du 25/05/2022"),
        ("Poids et répartition", "Avenant ter du 01/09/2022"),
    ]
    assert footer_text(after).endswith(
        "Cibles et versement : Avenant 2022 du 25/05/2022 ; poids et répartition : Avenant ter "
        "du 01/09/2022"
    )
    summary = load_workbook(io.BytesIO(execution_report_xlsx(after)))["Synthèse"]
    cells = [str(c.value) for row in summary.iter_rows() for c in row if c.value]
    assert "Poids et répartition" in cells and "Avenant ter du 01/09/2022" in cells
