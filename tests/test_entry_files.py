"""Files of the entry page: the prefilled template reads back as it was written, in CSV and
XLSX alike, and the CSV/XLSX writers keep French Excel and formula safety in mind."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from lda_dash import storage
from lda_dash.domain.model import QuarterFigure
from lda_dash.domain.permissions import Actor
from lda_dash.exports.tables import csv_bytes, xlsx_bytes
from lda_dash.importers.figures_file import read_figures_file
from lda_dash.services.context import Selection
from lda_dash.services.entry import load_entry
from lda_dash.services.entry_files import check_file, import_file, template_files, template_rows
from lda_dash.storage import database

CID = "dijon-2021-2022"
HABITAT = "association-habitat-solidaire-demo"
PARTNER = Actor("demo-partenaire", "partenaire", HABITAT)


def test_the_template_lists_the_partner_indicators_with_their_stored_values(demo_db_path):
    data = load_entry(demo_db_path, Selection(), HABITAT, (2022, 2), today=date(2022, 10, 15))
    rows = template_rows(data)
    assert [(r[0], r[1]) for r in rows] == [
        (2, "CAPT"), (2, "DEP_AMI"), (3, "BILAN"), (3, "DEP_AMI"), (4, "GLA"), (4, "DEP_AMI"),
        (5, "REPIT"), (5, "REPIT_OCC"), (5, "DEP_AMI"),
    ]  # fmt: skip
    assert rows[0][2] == "Logements captés dans le parc privé"  # the label, beside the code
    assert rows[0][3:6] == [2022, 2, 10]
    assert rows[7][5:8] == [None, 52, 91]  # a rate: numerator and denominator


def test_the_csv_and_xlsx_templates_read_back_identically(demo_db_path):
    with database.connect(demo_db_path) as con:
        storage.save_figures(
            con, CID,
            [QuarterFigure(2, "DEP_AMI", 2022, 4, Decimal("1250.5"), comment="=SOMME(A1)",
                           status="draft")],
            PARTNER, "Saisie",
        )  # fmt: skip
    data = load_entry(demo_db_path, Selection(), HABITAT, (2022, 4), today=date(2023, 1, 15))
    csv_file, xlsx_file = template_files(data)
    assert csv_file.startswith(b"\xef\xbb\xbf") and b";1250,5;" in csv_file
    from_csv = read_figures_file(csv_file, "modele.csv")
    from_xlsx = read_figures_file(xlsx_file, "modele.xlsx")
    assert [r[1:] for r in map(_fields, from_csv)] == [r[1:] for r in map(_fields, from_xlsx)]
    spending = next(r for r in from_csv if (r.action, r.indicator) == ("2", "DEP_AMI"))
    assert b";'=SOMME(A1)" in csv_file  # inert in a spreadsheet
    assert spending.comment == "=SOMME(A1)"  # and read back as it was typed


def _fields(row):
    return (row.line, row.action, row.indicator, row.year, row.quarter,
            row.value.replace(",", "."), row.numerator, row.denominator, row.comment)  # fmt: skip


def test_a_filled_template_imports_as_a_draft(demo_db_path):
    data = load_entry(demo_db_path, Selection(), HABITAT, (2022, 4), today=date(2023, 1, 15))
    content = (
        b"action;indicateur;annee;trimestre;valeur;numerateur;denominateur\n"
        b"2;CAPT;2022;4;9;;\n5;REPIT_OCC;2022;4;;60;91\n"
    )
    assert check_file(demo_db_path, CID, PARTNER, content, "t.csv", "draft").ok
    steps = []
    check = import_file(demo_db_path, CID, PARTNER, content, "t.csv", "submitted",
                        progress=lambda fraction, text: steps.append(fraction))  # fmt: skip
    assert check.ok and steps[-1] == 1.0 and steps == sorted(steps)
    with database.connect(demo_db_path) as con:
        stored = {
            (f.code, f.status)
            for f in storage.figures(con, CID)
            if (f.year, f.quarter) == (2022, 4)
        }
    assert stored == {("CAPT", "submitted"), ("REPIT_OCC", "submitted")}
    assert data.quarter == 4


def test_csv_for_french_excel():
    content = csv_bytes(["a", "b", "c"], [[Decimal("-3.5"), "+33 6", None]])
    assert content == "\ufeffa;b;c\r\n-3,5;'+33 6;\r\n".encode()


def test_xlsx_keeps_numbers_typed_and_text_inert():
    sheet = load_workbook(io.BytesIO(xlsx_bytes("Chiffres", ["v", "t"], [[Decimal(12), "@x"]])))
    assert [c.value for c in sheet.active[2]] == [12, "'@x"]


def test_format_and_workflow_errors_come_in_one_report(demo_db_path):
    """A row for a figure already submitted is reported with the file's format errors, not only
    once they are fixed: one upload, every problem."""
    content = (
        b"action;indicateur;annee;trimestre;valeur;numerateur;denominateur\n"
        b"2;CAPT;2022;5;9;;\n"  # line 2: format (quarter 5)
        b"4;DEP_AMI;2022;2;120;;\n"  # line 3: workflow (already validated)
        b"5;REPIT_OCC;2022;2;;95;91\n"  # line 4: both (numerator too big, validated)
        b"6;DIAG;2022;3;3;;\n"  # line 5: workflow (not entrusted)
    )
    check = check_file(demo_db_path, CID, PARTNER, content, "t.csv", "draft")
    by_line = {}
    for issue in check.errors:
        by_line.setdefault(issue.line, []).append(issue.message)
    assert sorted(by_line) == [2, 3, 4, 5]
    assert any("trimestre 5" in m for m in by_line[2])
    assert len(by_line[3]) == 1 and "ce chiffre est déjà validé" in by_line[3][0]
    assert any("supérieur au dénominateur" in m for m in by_line[4])
    assert any("déjà validé" in m for m in by_line[4])
    assert any("n'est pas confiée à votre organisation" in m for m in by_line[5])
    assert all("DEP_AMI" not in i.message and "REPIT_OCC" not in i.message for i in check.errors)


def test_the_xlsx_template_has_labels_instructions_and_lists_and_imports_as_it_is(demo_db_path):
    data = load_entry(demo_db_path, Selection(), HABITAT, (2023, 1), today=date(2023, 5, 1))
    _, xlsx_file = template_files(data)
    book = load_workbook(io.BytesIO(xlsx_file))
    assert book.sheetnames == ["Chiffres", "Instructions", "Listes"]
    sheet = book["Chiffres"]
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["action", "indicateur", "libellé"]
    labels = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "Logements captés dans le parc privé" in labels
    lists = {
        str(v.sqref).split(":")[0][0]: v.formula1 for v in sheet.data_validations.dataValidation
    }
    assert set(lists) == {"A", "B", "D", "E"}  # action, indicator, year, quarter
    codes = [c for (c,) in book["Listes"].iter_rows(min_row=2, min_col=2, max_col=2,
                                                    values_only=True) if c]  # fmt: skip
    assert codes == list(dict.fromkeys(i.spec.code for i in data.indicators))
    assert book["Listes"].sheet_state == "hidden"
    instructions = " ".join(
        str(c) for row in book["Instructions"].iter_rows(values_only=True) for c in row if c
    )
    assert "mode d'emploi" in instructions and "Logements captés dans le parc privé" in instructions
    # Filled in (a value per indicator) and dropped as it is: it imports.
    for row in sheet.iter_rows(min_row=2):
        code = row[1].value
        if code == "REPIT_OCC":
            row[6].value, row[7].value = 60, 91
        elif code == "BILAN":
            row[5].value = 1
        else:
            row[5].value = 3
    filled = io.BytesIO()
    book.save(filled)
    check = check_file(demo_db_path, CID, PARTNER, filled.getvalue(), "modele.xlsx", "draft")
    assert check.ok, check.errors
    assert len(check.result.figures) == len(data.indicators)
