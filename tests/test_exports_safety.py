"""Formula injection: text a spreadsheet would run is made inert, numbers stay numbers."""

import csv
import io
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from lda_dash.exports.safety import safe_cell, safe_row, unguard_cell
from lda_dash.importers.annex import AnnexRow, AnnexTable, annex_rows_to_csv, read_annex


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
        ("-5 text", "'-5 text"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=x", "'\t=x"),
        ("\r=x", "'\r=x"),
        ('=HYPERLINK("http://x.example","clic")', '\'=HYPERLINK("http://x.example","clic")'),
        ("Logements captés", "Logements captés"),
        ("a=b", "a=b"),  # only the first character matters
        (" =1+1", " =1+1"),  # a leading space keeps spreadsheets from reading a formula
        ("", ""),
        (40, 40),
        (-5, -5),  # a negative number is a number, not a formula
        (Decimal("-163099.5"), Decimal("-163099.5")),
        (0.75, 0.75),
        (date(2022, 11, 30), date(2022, 11, 30)),
        (None, None),
    ],
)
def test_safe_cell(value, written):
    assert safe_cell(value) == written


@pytest.mark.parametrize("text", ["=1+1", "-5 text", "'déjà cité", "texte", "'", ""])
def test_unguard_gives_back_what_was_guarded(text):
    assert unguard_cell(safe_cell(text)) == text


def test_safe_row_guards_each_cell():
    assert safe_row(["=x", 3, None, "ok"]) == ["'=x", 3, None, "ok"]


def test_the_annex_csv_is_guarded_and_still_reads_back():
    base = AnnexRow(row=1, number="1", title="=cmd|' /C calc'!A0", category="1. Coordination",
                    description="- une puce", objective="", leverage="", expected_results="",
                    calendar="", deliverables="", cost_y1=Decimal(100), ami_y1=Decimal(50),
                    cofunding_y1=Decimal(50), cost_y2=None, cofunding_y2=None)  # fmt: skip
    table = AnnexTable(rows=(base, replace(base, row=2, number="2", title="Suivi")), total=None)
    data = annex_rows_to_csv(table)
    cells = [cell for row in csv.reader(io.StringIO(data.decode()), delimiter=";") for cell in row]
    assert "'=cmd|' /C calc'!A0" in cells and "'- une puce" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert read_annex(data, "annexe.csv") == table
