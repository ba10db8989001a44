"""Reading the budget annex: the signed Dijon text, its data file, CSV, Markdown and XLSX."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from lda_dash.importers.annex import (
    AnnexFormatError,
    AnnexRow,
    AnnexTable,
    annex_rows_to_csv,
    read_annex,
)
from tests.conftest import workbook_bytes

REPO = Path(__file__).resolve().parents[1]
SIGNED = REPO / ".." / "shared" / "convention" / "avenant-2022-dijon-metropole.txt"
DATA_CSV = REPO / "data" / "dijon" / "annex.csv"

# Short spellings of the annex headers, as a partner might type them.
HEADERS = [
    "n°",
    "Action",
    "Catégorie",
    "Description",
    "Objectif de l'action",
    "Effet levier",
    "Résultats attendus",
    "Dépenses année 1",
    "Financement AMI demandé en année 1",
    "Financement en année 1",
    "Calendrier",
    "Objectifs et livrables",
    "Estimation dépenses année 2",
    "Estimation cofinancements année 2",
]
COST_Y1 = HEADERS.index("Dépenses année 1")
ROWS = [
    ["1", "Coordinateur", "1. Coordination /animation", "Ingénierie", "Coordonner", "Aucune",
     "Objectifs atteints", "66 000 €", "33 000 €", "33 000 €", "5 ans", "bilan", "66 000 €",
     "33 000 €"],
    ["2", "Captation", "2. Ingénierie de projet", 'permettre la "captation"', "disposer",
     "offre ; logements", "40 logements", "55 000 €", "55 000 €", "0 €", "2 ans", "bilan",
     "55 000 €", "0 €"],
    ["3", "", "", "", "", "", "", "121 000 €", "88 000 €", "33 000 €", "", "", "121 000 €",
     "33 000 €"],
]  # fmt: skip


def _signed_bytes() -> bytes:
    if not SIGNED.is_file():
        pytest.skip(f"signed convention text absent: {SIGNED.resolve()} (shared/ beside the repo)")
    return SIGNED.read_bytes()


def _csv(headers: list[str], rows: list[list[str]], sep: str = ";", encoding: str = "utf-8"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows([headers, *rows])
    return buffer.getvalue().encode(encoding)


def _markdown(headers: list[str], rows: list[list[str]]) -> str:
    lines = [headers, ["----"] * len(headers), *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def _reordered(order: list[int]) -> bytes:
    return _csv([HEADERS[i] for i in order], [[row[i] for i in order] for row in ROWS])


def _with_cell(row: int, column: int, value: str) -> list[list[str]]:
    rows = [list(cells) for cells in ROWS]
    rows[row][column] = value
    return rows


EXPECTED = read_annex(_csv(HEADERS, ROWS), "annexe.csv")


# The signed text and the reviewed data file


def test_signed_text_has_sixteen_action_rows_and_a_total_numbered_17():
    table = read_annex(_signed_bytes(), "avenant-2022-dijon-metropole.txt")
    assert [row.row for row in table.rows] == list(range(1, 17))
    assert table.total is not None
    assert (table.total.row, table.total.number, table.total.title) == (17, "17", "")


def test_signed_text_keeps_the_numbers_as_written():
    rows = read_annex(_signed_bytes(), "avenant.txt").rows
    assert rows[2].number == "" and rows[2].title == "Coordination plateforme logement"
    assert rows[9].number == "9" and rows[8].number == "9"
    assert rows[10].number == "11"


@pytest.mark.parametrize(
    ("row", "amounts"),
    [
        (1, (66000, 33000, 33000, 66000, 33000)),
        (7, (120000, 115000, 5000, 115000, 5000)),
        (15, (25000, 20000, 5000, 5000, 8000)),
        (17, (571000, 494000, 77000, 562000, 68000)),
    ],
)
def test_signed_text_amounts(row, amounts):
    table = read_annex(_signed_bytes(), "avenant.txt")
    found = table.total if row == 17 else table.rows[row - 1]
    assert (found.cost_y1, found.ami_y1, found.cofunding_y1, found.cost_y2, found.cofunding_y2) == (
        tuple(Decimal(amount) for amount in amounts)
    )


def test_signed_text_keeps_its_texts_exactly():
    rows = read_annex(_signed_bytes(), "avenant.txt").rows
    assert rows[6].leverage == "permettre une meilleure assise de la personne dans son"
    assert rows[2].expected_results.startswith('"fidélisation" d\'un nombre')
    assert (
        rows[0].description == "Ingénierie et animation ; garant de l'action ; personne ressource"
    )


def test_data_file_is_generated_from_the_signed_text():
    table = read_annex(_signed_bytes(), "avenant.txt")
    assert annex_rows_to_csv(table) == DATA_CSV.read_bytes()


def test_data_file_headers_are_the_signed_headers():
    text = _signed_bytes().decode("utf-8")
    signed_header = next(line for line in text.splitlines() if line.startswith("| n°"))
    header = next(csv.reader(io.StringIO(DATA_CSV.read_text("utf-8")), delimiter=";"))
    assert header == ["ligne", *(cell.strip() for cell in signed_header.strip("|").split("|"))]


def test_data_file_round_trips_and_has_one_line_per_annex_row():
    data = DATA_CSV.read_bytes()
    table = read_annex(data, "annex.csv")
    assert annex_rows_to_csv(table) == data
    lines = list(csv.reader(io.StringIO(data.decode("utf-8")), delimiter=";"))[1:]
    assert [line[0] for line in lines] == [str(n) for n in range(1, 18)]
    assert [line[1] for line in lines][2] == "" and lines[9][1] == "9"


@pytest.mark.parametrize("bank_detail", ["IBAN", "BIC", "FR83", "30001", "BDFEFRPP", "RIB"])
def test_data_file_holds_no_bank_details(bank_detail):
    assert bank_detail.lower() not in DATA_CSV.read_text("utf-8").lower()


# CSV variants


def test_csv_reads_every_field_of_a_row():
    assert EXPECTED.rows[0] == AnnexRow(
        row=1,
        number="1",
        title="Coordinateur",
        category="1. Coordination /animation",
        description="Ingénierie",
        objective="Coordonner",
        leverage="Aucune",
        expected_results="Objectifs atteints",
        calendar="5 ans",
        deliverables="bilan",
        cost_y1=Decimal(66000),
        ami_y1=Decimal(33000),
        cofunding_y1=Decimal(33000),
        cost_y2=Decimal(66000),
        cofunding_y2=Decimal(33000),
    )


def test_csv_reads_rows_and_total():
    assert [row.title for row in EXPECTED.rows] == ["Coordinateur", "Captation"]
    assert EXPECTED.rows[1].cofunding_y1 == Decimal(0)
    assert EXPECTED.rows[1].description == 'permettre la "captation"'
    assert EXPECTED.rows[1].leverage == "offre ; logements"
    assert EXPECTED.total is not None and EXPECTED.total.cost_y1 == Decimal(121000)
    assert (EXPECTED.total.row, EXPECTED.total.number) == (3, "3")


@pytest.mark.parametrize(
    "order", [list(reversed(range(14))), [7, 0, 13, 1, 12, 2, 11, 3, 10, 4, 9, 5, 8, 6]]
)
def test_csv_columns_in_any_order(order):
    assert read_annex(_reordered(order), "annexe.csv") == EXPECTED


@pytest.mark.parametrize(
    ("sep", "encoding"), [(";", "utf-8"), (",", "utf-8-sig"), (";", "cp1252"), ("\t", "utf-8")]
)
def test_csv_separators_and_encodings(sep, encoding):
    assert read_annex(_csv(HEADERS, ROWS, sep, encoding), "annexe.csv") == EXPECTED


@pytest.mark.parametrize(
    ("index", "spelling"),
    [
        (0, "N°"),
        (0, "Numéro"),
        (2, "CATEGORIE D'ACTION"),
        (5, "Effet levier du financement (comment la dépense permet d'accroître…)"),
        (7, "Dépenses année 1 Coût total de l'action sur 12 mois"),
        (7, "depenses  ANNEE1"),
        (8, "Financement\u00a0AMI demandé en année\u00a01"),
        (9, " financement en Année 1 "),
        (13, "Estimation co-financements année 2"),
    ],
)
def test_headers_match_whatever_their_case_accents_and_spacing(index, spelling):
    headers = [spelling if i == index else header for i, header in enumerate(HEADERS)]
    assert read_annex(_csv(headers, ROWS), "annexe.csv") == EXPECTED


EXPECTED_LABELS = [
    "n°",
    "Action",
    "Catégorie d'action",
    "Description de l'action",
    "Objectif de l'action",
    "Effet levier du financement",
    "Résultats attendus et indicateurs",
    "Dépenses année 1",
    "Financement AMI demandé en année 1",
    "Financement en année 1",
    "Calendrier prévisionnel",
    "Objectifs et livrables prévisionnels",
    "Estimation dépenses année 2",
    "Estimation cofinancements année 2",
]


@pytest.mark.parametrize("missing", range(14))
def test_a_missing_column_is_named(missing):
    order = [i for i in range(14) if i != missing]
    with pytest.raises(AnnexFormatError) as error:
        read_annex(_reordered(order), "annexe.csv")
    assert str(error.value) == f"Colonne manquante : « {EXPECTED_LABELS[missing]} »"


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("66000", Decimal(66000)),
        ("66 000 €", Decimal(66000)),
        ("66 000,00 €", Decimal(66000)),
        ("66\u202f000 €", Decimal(66000)),
        ("66\u00a0000\u00a0€", Decimal(66000)),
        ("66000 EUR", Decimal(66000)),
        ("1 234,50 €", Decimal("1234.50")),
        ("", None),
    ],
)
def test_amounts_written_differently(written, amount):
    table = read_annex(_csv(HEADERS, _with_cell(0, COST_Y1, written)), "annexe.csv")
    assert table.rows[0].cost_y1 == amount


@pytest.mark.parametrize(
    ("row", "written", "message"),
    [
        (
            1,
            "douze",
            "Ligne 2, colonne « Dépenses année 1 » : « douze » n'est pas un montant lisible",
        ),
        (2, "1,2,3", "Ligne 3 (total), colonne « Dépenses année 1 » : « 1,2,3 » n'est pas un"),
        (0, "-5 €", "Ligne 1, colonne « Dépenses année 1 » : « -5 € » est négatif"),
    ],
)
def test_an_unreadable_amount_names_row_and_column(row, written, message):
    with pytest.raises(AnnexFormatError) as error:
        read_annex(_csv(HEADERS, _with_cell(row, COST_Y1, written)), "annexe.csv")
    assert str(error.value).startswith(message)


@pytest.mark.parametrize(
    ("last_row", "has_total"),
    [
        (ROWS[2], True),
        (["", "TOTAL", *ROWS[2][2:]], True),
        (["Total", *ROWS[2][1:]], True),
        ([*ROWS[1][:1], "Répit", *ROWS[1][2:]], False),
    ],
)
def test_the_last_row_is_the_total_when_it_says_so_or_has_no_text(last_row, has_total):
    table = read_annex(_csv(HEADERS, [ROWS[0], ROWS[1], last_row]), "annexe.csv")
    assert (table.total is not None) == has_total
    assert len(table.rows) == (2 if has_total else 3)


def test_rows_that_are_not_the_annex_raise_a_clear_error():
    with pytest.raises(AnnexFormatError, match="aucun tableau avec les colonnes de l'annexe"):
        read_annex(b"Bonjour;Au revoir\n1;2\n", "notes.csv")
    with pytest.raises(AnnexFormatError, match="aucune ligne d'action"):
        read_annex(_csv(HEADERS, []), "annexe.csv")


def test_round_trip_keeps_cents_and_blanks():
    row = EXPECTED.rows[0]
    fields = {**row.__dict__, "cost_y1": Decimal("1234.5"), "cofunding_y2": None}
    table = AnnexTable(rows=(AnnexRow(**fields), EXPECTED.rows[1]), total=None)
    assert read_annex(annex_rows_to_csv(table), "annexe.csv") == table


# Markdown and XLSX


def test_markdown_table_is_found_inside_a_document():
    other = _markdown(["Code", "Action"], [["177", "Hébergement"]])
    annex = _markdown(HEADERS, ROWS).replace("| 1 |", "|1|").replace("----", ":---:")
    document = f"CONVENTION\n\nIBAN : FR00 0000\n\n{other}\n\nAnnexe 1\n\n{annex}\n\nFin.\n"
    assert read_annex(document.encode("utf-8"), "avenant.txt") == EXPECTED


def test_markdown_header_repeated_at_a_page_break_is_skipped():
    annex = _markdown(HEADERS, [ROWS[0], HEADERS, ROWS[1], [""] * 14, ROWS[2]])
    assert read_annex(annex.encode("utf-8"), "annexe.md") == EXPECTED


def test_markdown_with_a_missing_column_names_it():
    annex = _markdown(HEADERS[:-1], [row[:-1] for row in ROWS])
    with pytest.raises(AnnexFormatError, match="Colonne manquante : « Estimation cofinancements"):
        read_annex(annex.encode("utf-8"), "annexe.md")


def test_xlsx_header_is_the_first_row_with_the_annex_headers():
    numeric = [[1, *ROWS[0][1:7], 66000, 33000.0, "33 000 €", *ROWS[0][10:]], *ROWS[1:]]
    data = workbook_bytes(
        [["Annexe 1 - budget"], [], HEADERS, *numeric, [], ["Source : avenant 2022"]]
    )
    assert read_annex(data, "annexe.xlsx") == EXPECTED


def test_xlsx_unreadable_amount_names_row_and_column():
    data = workbook_bytes([HEADERS, *_with_cell(0, COST_Y1 + 1, "beaucoup")])
    with pytest.raises(AnnexFormatError) as error:
        read_annex(data, "annexe.xlsx")
    assert str(error.value) == (
        "Ligne 1, colonne « Financement AMI demandé en année 1 » : « beaucoup » "
        "n'est pas un montant lisible"
    )
