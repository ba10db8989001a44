"""The XLSX execution report, opened with openpyxl and checked against the computed figures."""

import io
from dataclasses import replace
from datetime import date

import pytest
from openpyxl import load_workbook

from lda_dash import storage
from lda_dash.domain.clawback import to_json
from lda_dash.domain.model import SPENDING_CODE, Mode
from lda_dash.domain.year_report import quarter_figure
from lda_dash.exports.xlsx import execution_report_xlsx
from lda_dash.exports.xlsx_layout import EURO, PERCENT_1
from lda_dash.services.control import load_clawback
from lda_dash.storage import database
from tests.conftest import YEARS_OVER as AS_OF
from tests.reading import load_report_data
from tests.test_exports_docx import JUSTIFICATION, decide

CONVENTION = "dijon-2021-2022"
SHEETS = [
    "Synthèse", "Indicateurs", "Actions", "Finances", "Reversement", "Décision", "Historique",
    "Pièces justificatives",
]  # fmt: skip


@pytest.fixture(scope="module")
def book(report_2021):
    return open_book(execution_report_xlsx(report_2021))


def open_book(content: bytes):
    return load_workbook(io.BytesIO(content))


def value_of(sheet, label: str):
    """Column B of the row whose column A is `label`."""
    for row in sheet.iter_rows():
        if row[0].value == label:
            return row[1]
    raise AssertionError(f"{label!r} not in {sheet.title}")


def table_rows(sheet, first_header: str) -> tuple[list[str], list[tuple]]:
    """The header row starting with `first_header` and the rows under it, up to a blank row."""
    rows = list(sheet.iter_rows(values_only=True))
    top = next(i for i, row in enumerate(rows) if row[0] == first_header)
    body = []
    for row in rows[top + 1 :]:
        if all(cell is None for cell in row):
            break
        body.append(row)
    return list(rows[top]), body


def texts(sheet) -> str:
    cells = (c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str))
    return "\n".join(cells).replace("\u202f", " ").replace("\xa0", " ")


def test_the_sheets_have_french_names_and_frozen_headers(book):
    assert book.sheetnames == SHEETS
    assert all(book[name].freeze_panes for name in SHEETS)


def test_the_proposed_total_is_the_one_reversement_computes(demo_db, book):
    with database.connect(demo_db, read_only=True) as con:
        proposal, _ = load_clawback(con, CONVENTION, 2021, as_of=AS_OF)
    sheet = book["Reversement"]
    total = value_of(sheet, "Montant proposé")
    assert total.value == proposal.proposed_total > 0
    assert total.number_format == EURO
    assert value_of(sheet, "Base objectifs (somme des actions)").value == (
        proposal.objective_base_total
    )
    assert value_of(sheet, "Base non-consommation").value == proposal.unspent_base
    header, rows = table_rows(sheet, "N°")
    by_action = {t["action"]: t for t in to_json(proposal)["actions"]}
    assert len(rows) == len(by_action) == 16
    for row in rows:
        term = dict(zip(header, row, strict=True))
        expected = by_action[term["N°"]]
        assert term["Répartition"] == expected["allocation"]
        assert term["Base objectifs"] == expected["objective_base"]
        assert term["Atteinte"] == pytest.approx(expected["attainment"])
    assert "Seuil retenu : 100 %" in texts(sheet)


def test_the_iptt_has_one_row_per_indicator_with_its_quarters(demo_db, book):
    with database.connect(demo_db, read_only=True) as con:
        specs = storage.indicator_specs(con, CONVENTION)
        validated = storage.figures(con, CONVENTION, ["validated"])
    header, rows = table_rows(book["Indicateurs"], "N° action")
    indicators = [key for key in specs if key[1] != SPENDING_CODE]
    assert [(row[0], row[header.index("Code")]) for row in rows] == indicators
    quarters = {}
    for fig in validated:
        if fig.year == 2021:
            figure = quarter_figure(specs[(fig.action, fig.code)].mode, fig)
            quarters[(fig.action, fig.code, fig.quarter)] = float(figure)
    for row in rows:
        key = (row[0], row[header.index("Code")])
        milestone = specs[key].mode is Mode.JALON
        for q in (1, 2, 3, 4):
            expected = quarters.get((*key, q))
            if milestone and expected is not None:  # in words, never 0 / 1
                expected = "produit" if expected >= 1 else "non produit"
                assert row[header.index(f"T{q}")] == expected, (key, q)
                continue
            assert row[header.index(f"T{q}")] == pytest.approx(expected), (key, q)
    capt = next(r for r in rows if r[header.index("Code")] == "CAPT")
    assert capt[header.index("Statut")] in {"atteint", "partiellement atteint", "non atteint"}
    attainment_column = header.index("Atteinte") + 1
    assert book["Indicateurs"].cell(row=5, column=attainment_column).number_format == PERCENT_1


def test_the_summary_names_the_programme_and_the_payments(report_2021, book):
    sheet = book["Synthèse"]
    words = texts(sheet)
    assert "177-01-06-12-17" in words and "0177-12-17" in words
    assert "494 000" in words and "163 099" in words
    paid = value_of(sheet, "Versement 2021")
    assert paid.value == 494000 and paid.number_format == EURO
    assert value_of(sheet, "Date de référence").value.date() == AS_OF
    data_date = value_of(sheet, "Données au (dernière modification des chiffres)").value
    assert data_date == report_2021.data_date and data_date.date() <= date(2022, 10, 15)
    assert "IBAN" not in words and "FR83" not in words


def test_finances_total_the_allocation_and_spending(report_2021, book):
    header, rows = table_rows(book["Finances"], "N°")
    total = dict(zip(header, rows[-1], strict=True))
    assert total["Action"] == "Total" and total["Répartition du versement"] == 494000
    spent = float(report_2021.finances.totals.spending)
    assert total["Dépenses AMI validées"] == pytest.approx(spent)
    capt = dict(zip(header, rows[1], strict=True))
    assert capt["Coût par résultat (répartition)"] == pytest.approx(55000 / capt["Valeur annuelle"])


def test_history_lists_the_rows_about_the_year(report_2021, book):
    header, rows = table_rows(book["Historique"], "Date")
    assert len(rows) == len(report_2021.history) > 0
    assert all("2021" in row[header.index("Élément")] for row in rows)
    assert not any("(validated)" in str(cell) for row in rows for cell in row)


def test_text_typed_by_people_cannot_run_as_a_formula(report_2021):
    poisoned = replace(
        report_2021,
        history=[{**report_2021.history[0], "reason": '=HYPERLINK("http://x","clic")'}],
        actions=[{**report_2021.actions[0], "title": "@SUM(1+1)"}, *report_2021.actions[1:]],
    )
    book = open_book(execution_report_xlsx(poisoned))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    values = {c.value for c in cells}
    assert '\'=HYPERLINK("http://x","clic")' in values and "'@SUM(1+1)" in values


def test_a_year_not_over_still_gives_a_report_without_proposal(demo_db):
    report = load_report_data(demo_db, 2022, as_of=date(2022, 6, 30))
    assert report.proposal is None
    book = open_book(execution_report_xlsx(report))
    assert "n'est pas terminée" in texts(book["Reversement"])
    assert "n'est pas terminée" in str(value_of(book["Synthèse"], "Reversement proposé").value)
    _, rows = table_rows(book["Indicateurs"], "N° action")
    assert len(rows) == 20
    _, actions = table_rows(book["Actions"], "N°")
    assert len(actions) == 16


def test_the_decision_sheet_holds_the_decision_and_a_signature_block(demo_db_path):
    before = load_workbook(io.BytesIO(execution_report_xlsx(load_report_data(demo_db_path, 2021))))
    assert "Aucune décision n'est encore enregistrée" in texts(before["Décision"])
    decide(demo_db_path, 12345)
    book = load_workbook(io.BytesIO(execution_report_xlsx(load_report_data(demo_db_path, 2021))))
    sheet = book["Décision"]
    assert value_of(sheet, "Montant décidé").value == "12\u202f345 €"
    assert value_of(sheet, "Justification").value == JUSTIFICATION
    assert value_of(sheet, "Réponse de l'EPCI attendue au plus tard le").value == "30/04/2022"
    assert value_of(sheet, "Paiement dû au plus tard le").value == "02/11/2022"
    assert "Visa et signature" in texts(sheet) and "Signature :" in texts(sheet)
    assert value_of(book["Synthèse"], "Reversement décidé").value == 12345
