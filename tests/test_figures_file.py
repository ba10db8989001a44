"""Reading figures files as French Excel, UTF-8 tools and XLSX write them (DOMAIN.md section 10)."""

import io
from decimal import Decimal
from functools import partial

import pytest
from openpyxl import Workbook

from lda_dash.domain.model import IndicatorSpec, Mode
from lda_dash.domain.validation import validate_figure_rows
from lda_dash.exports import tables
from lda_dash.importers.figures_file import (
    FiguresFileError,
    RawFigureRow,
    _cell_text,
    read_figures_file,
)

YEARS = range(2021, 2027)
CATALOGUE = {
    (spec.action, spec.code): spec
    for spec in (
        IndicatorSpec(2, "CAPT", "Logements captés", "logements", Mode.SOMME),
        IndicatorSpec(2, "DEP_AMI", "Dépenses AMI", "€", Mode.SOMME),
        IndicatorSpec(4, "GLA", "Logements en GLA", "logements", Mode.STOCK),
        IndicatorSpec(8, "TX_REP", "Taux de réponse", "%", Mode.TAUX),
        IndicatorSpec(1, "BILAN", "Bilan annuel", "jalon", Mode.JALON),
    )
}

# What French Excel saves as "CSV (séparateur : point-virgule)": cp1252, CRLF, decimal comma,
# quotes around a cell holding ";" or quotes, and a blank row (line 4) left as separators only.
FRENCH_EXCEL_CSV = (
    "action;indicateur;année;trimestre;valeur;numérateur;dénominateur;commentaire\r\n"
    "2;CAPT;2022;1;12;;;Captations été\r\n"
    "4;GLA;2022;1;12,5;;;\r\n"
    ";;;;;;;\r\n"
    "8;TX_REP;2022;1;;30;40;Réponses à l'enquête\r\n"
    '2;DEP_AMI;2022;1;1234,50;;;"Dépenses ""été"" ; acompte"\r\n'
    "1;BILAN;2022;4;1;;;Bilan livré, validé\r\n"
).encode("cp1252")

UTF8_COMMA_CSV = (
    "\ufeff Action , Indicateur,ANNEE,Trimestre,Valeur,Numerateur,Denominateur,Commentaire\n"
    "2,CAPT,2022,1,12,,,Captations été\n"
    '4,GLA,2022,1,"12,5",,,\n'
    "\n"
    "8,TX_REP,2022,1,,30,40,Réponses à l'enquête\n"
    '2,DEP_AMI,2022,1,1234.50,,,"Dépenses ""été"" ; acompte"\n'
    '1,BILAN,2022,4,1,,,"Bilan livré, validé"\n'
).encode("utf-8")

# Same figures, columns in another order, with an extra column the reader ignores.
XLSX_ROWS = [
    [
        "Commentaire",
        "Structure",
        "Action",
        "Indicateur",
        "Année",
        "Trimestre",
        "Valeur",
        "Numérateur",
        "Dénominateur",
    ],
    ["Captations été", "ADIL", 2, "CAPT", 2022, 1, 12, None, None],
    [None, "ADIL", 4, "GLA", 2022, 1, 12.5, None, None],
    [None, "notes", None, None, None, None, None, None, None],
    ["Réponses à l'enquête", None, 8, "TX_REP", 2022, 1, None, 30, 40],
    ['Dépenses "été" ; acompte', None, 2, "DEP_AMI", 2022.0, 1, 1234.5, None, None],
    ["Bilan livré, validé", None, 1, "BILAN", 2022, 4, 1.0, None, None],
]


def xlsx_bytes(rows, *, before_sheet=None):
    """An XLSX whose first sheet holds `rows` (None cells left empty) from line 1."""
    workbook = Workbook()
    sheet = workbook.active
    for line, cells in enumerate(rows, start=1):
        for column, value in enumerate(cells, start=1):
            if value is not None:
                sheet.cell(row=line, column=column, value=value)
    if before_sheet is not None:
        other = workbook.create_sheet("Autre")
        other.append(before_sheet)
        workbook.active = 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def figures_of(data, filename):
    result = validate_figure_rows(read_figures_file(data, filename), CATALOGUE, {}, years=YEARS)
    assert result.errors == []
    return result.figures


def test_french_excel_csv_utf8_comma_csv_and_xlsx_give_the_same_figures():
    french = figures_of(FRENCH_EXCEL_CSV, "chiffres.csv")
    assert figures_of(UTF8_COMMA_CSV, "chiffres.CSV") == french
    assert figures_of(xlsx_bytes(XLSX_ROWS), "Chiffres T1.xlsx") == french
    assert [(f.code, f.value, f.numerator, f.denominator) for f in french] == [
        ("CAPT", Decimal(12), None, None),
        ("GLA", Decimal("12.5"), None, None),
        ("TX_REP", None, 30, 40),
        ("DEP_AMI", Decimal("1234.5"), None, None),
        ("BILAN", Decimal(1), None, None),
    ]
    assert french[0].comment == "Captations été"
    assert french[3].comment == 'Dépenses "été" ; acompte'
    assert french[4].comment == "Bilan livré, validé"


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (FRENCH_EXCEL_CSV, "a.csv"),
        (UTF8_COMMA_CSV, "a.csv"),
        (xlsx_bytes(XLSX_ROWS), "a.xlsx"),
    ],
)
def test_blank_rows_are_skipped_but_lines_keep_their_spreadsheet_numbers(data, filename):
    rows = read_figures_file(data, filename)
    assert [r.line for r in rows] == [2, 3, 5, 6, 7]
    assert rows[1] == RawFigureRow(3, "4", "GLA", "2022", "1", rows[1].value, "", "", "")
    assert rows[1].value in ("12,5", "12.5")


def test_a_bad_row_after_a_blank_one_is_reported_at_its_spreadsheet_line():
    data = FRENCH_EXCEL_CSV.replace(b"8;TX_REP;2022;1;;30;40", b"8;TX_REP;2022;1;;50;40")
    result = validate_figure_rows(read_figures_file(data, "a.csv"), CATALOGUE, {}, years=YEARS)
    assert result.figures == []
    assert [issue.line for issue in result.errors] == [5]
    assert "numérateur 50 supérieur au dénominateur 40" in result.errors[0].message


def test_a_multiline_quoted_comment_is_one_spreadsheet_row():
    data = (
        "action;indicateur;annee;trimestre;valeur;commentaire\n"
        '2;CAPT;2022;1;3;"deux\nlignes"\n'
        "2;CAPT;2022;2;4;\n"
    )
    rows = read_figures_file(data.encode(), "a.csv")
    assert [(r.line, r.comment) for r in rows] == [(2, "deux\nlignes"), (3, "")]


@pytest.mark.parametrize(
    ("cell", "comment"),
    [
        ("'=1+1", "=1+1"),  # the guard exports.safety adds, taken off
        ("'+33 6 12 34 56 78", "+33 6 12 34 56 78"),
        ("'-2 logements", "-2 logements"),
        ("'@SUM(A1:A2)", "@SUM(A1:A2)"),
        ("''=1+1", "''=1+1"),  # only the one apostrophe before a formula start is a guard
        ("'déjà cité", "'déjà cité"),
        ("'", "'"),
        ("l'été", "l'été"),
        ("note '=1+1", "note '=1+1"),
        ("", ""),
    ],
)
@pytest.mark.parametrize("filename", ["chiffres.csv", "chiffres.xlsx"])
def test_the_formula_guard_is_taken_off_comments_only(cell, comment, filename):
    header = ["action", "indicateur", "annee", "trimestre", "valeur", "commentaire"]
    rows = [header, ["2", "'-2", "2022", "1", "3", cell]]
    if filename.endswith(".csv"):
        data = "".join(";".join(row) + "\n" for row in rows).encode()
    else:
        data = xlsx_bytes(rows)
    read = read_figures_file(data, filename)[0]
    assert (read.comment, read.indicator) == (comment, "'-2")


@pytest.mark.parametrize("typed", ["=1+1", "-2 logements", "@x", "'déjà cité", "l'été", ""])
@pytest.mark.parametrize("template", [tables.csv_bytes, partial(tables.xlsx_bytes, "Chiffres")])
def test_a_comment_of_our_template_reads_back_as_typed(typed, template):
    header = ["action", "indicateur", "annee", "trimestre", "valeur", "commentaire"]
    data = template(header, [[2, "CAPT", 2022, 1, 3, typed]])
    extension = ".csv" if template is tables.csv_bytes else ".xlsx"
    assert read_figures_file(data, "chiffres" + extension)[0].comment == typed


def test_optional_columns_may_be_missing_and_cells_are_stripped():
    data = "  ACTION ;Indicateur;Année;TRIMESTRE\n 2 ; capt ;2022; 3 \n"
    assert read_figures_file(data.encode("cp1252"), "a.csv") == [
        RawFigureRow(2, "2", "capt", "2022", "3", "", "", "", "")
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12, "12"),
        (12.0, "12"),
        (0.1, "0.1"),
        (1234.5, "1234.5"),
        (1e-05, "0.00001"),
        (1e15, "1000000000000000"),
        (" 7 ", "7"),
        (True, "VRAI"),
    ],
)
def test_xlsx_numbers_become_text_that_reads_back_exactly(value, text):
    rows = read_figures_file(
        xlsx_bytes(
            [["action", "indicateur", "annee", "trimestre", "valeur"], [2, "CAPT", 2022, 1, value]]
        ),
        "a.xlsx",
    )
    assert rows[0].value == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(12.0, "12"), (1e20, "100000000000000000000"), (2.5e-07, "0.00000025"), (None, "")],
)
def test_cell_values_openpyxl_cannot_round_trip_still_become_exact_text(value, text):
    assert _cell_text(value) == text


def test_the_first_sheet_is_read_even_when_another_is_active():
    data = xlsx_bytes(XLSX_ROWS[:2], before_sheet=["rien", "ici"])
    assert [r.indicator for r in read_figures_file(data, "a.xlsx")] == ["CAPT"]


def test_a_formula_in_a_read_column_is_refused_with_its_place():
    rows = [
        ["action", "indicateur", "annee", "trimestre", "valeur", "note"],
        [2, "CAPT", 2022, 1, "=10+2", "=A1"],
    ]
    with pytest.raises(
        FiguresFileError, match=r"formule non acceptée : ligne 2, colonne « valeur » \(=10\+2\)"
    ) as caught:
        read_figures_file(xlsx_bytes(rows), "a.xlsx")
    assert "note" not in str(caught.value)


def test_a_formula_in_an_ignored_column_is_harmless():
    rows = [
        ["action", "indicateur", "annee", "trimestre", "valeur", "note"],
        [2, "CAPT", 2022, 1, 12, "=A2*2"],
    ]
    assert read_figures_file(xlsx_bytes(rows), "a.xlsx")[0].value == "12"


HEADER = b"action;indicateur;annee;trimestre;valeur\n"


@pytest.mark.parametrize(
    ("data", "filename", "fragment"),
    [
        (HEADER + b"2;CAPT;2022;1;3\n", "chiffres.ods", "format de fichier non reconnu (.ods)"),
        (HEADER + b"2;CAPT;2022;1;3\n", "chiffres", "sans extension"),
        (b"", "a.csv", "vide"),
        (b"\xef\xbb\xbf\r\n\r\n", "a.csv", "vide"),
        (HEADER, "a.csv", "aucune ligne de chiffres"),
        (HEADER + b";;;;\n", "a.csv", "aucune ligne de chiffres"),
        (b"action;indicateur;annee;valeur\n2;CAPT;2022;3\n", "a.csv", "absente(s) : trimestre"),
        (b"2;CAPT;2022;1;3\n", "a.csv", "absente(s) : action, indicateur, annee, trimestre"),
        (b"action;indicateur;annee;trimestre;Action\n2;CAPT;2022;1;3\n", "a.csv", "deux fois"),
        (b"\x00\x01\x02binary\x00" * 10, "a.csv", "données binaires"),
        (xlsx_bytes(XLSX_ROWS), "a.csv", "en réalité un classeur Excel (XLSX)"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, "a.csv", "ancien format (.xls)"),
        ("action;indicateur".encode("utf-16"), "a.csv", "UTF-16"),
        (b"\x81\x8d\x8f", "a.csv", "encodage du fichier non reconnu"),
        (HEADER + b"2;CAPT;2022;1;3\n", "a.xlsx", "classeur XLSX illisible"),
    ],
)
def test_unreadable_files_are_refused_with_a_french_reason(data, filename, fragment):
    with pytest.raises(FiguresFileError) as caught:
        read_figures_file(data, filename)
    assert fragment in str(caught.value)


def test_a_file_above_the_given_size_limit_is_refused():
    data = HEADER + b"2;CAPT;2022;1;3\n" * 20
    assert len(read_figures_file(data, "a.csv", max_bytes=len(data))) == 20
    with pytest.raises(FiguresFileError, match=r"trop volumineux \(0,4 ko\).* 0,3 ko"):
        read_figures_file(data, "a.csv", max_bytes=300)


def test_the_default_size_limit_is_five_megabytes():
    line = b"2;CAPT;2022;1;3;;;" + b"x" * 100 + b"\n"
    data = HEADER + line * (5 * 1024 * 1024 // len(line) - 1)
    assert len(read_figures_file(data, "a.csv")) > 40_000
    with pytest.raises(FiguresFileError, match="5,0 Mo"):
        read_figures_file(data + line * 2, "a.csv")
