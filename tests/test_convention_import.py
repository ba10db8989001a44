"""Loading another territory's convention from its annex, end to end on real DuckDB files."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from lda_dash import storage
from lda_dash.cli.main import main
from lda_dash.domain.model import IndicatorSpec, Mode
from lda_dash.importers.annex import AnnexFormatError, annex_rows_to_csv, read_annex
from lda_dash.importers.target_extraction import ProposedIndicator
from lda_dash.services.convention_import import (
    ConventionImportError,
    preview_convention_import,
    proposals_to_catalogue_csv,
    store_convention_import,
    territory_slug,
)
from lda_dash.services.setup import init_database
from lda_dash.storage import database
from tests.conftest import REPO_ROOT, SHARED, workbook_bytes

SIGNED = SHARED / "convention" / "avenant-2022-dijon-metropole.txt"
DIJON_CSV = REPO_ROOT / "data" / "dijon" / "annex.csv"
DIJON = "dijon-2021-2022"
TEST_ID = "territoire-test-2021-2022"
YEARS = [2021, 2022]


def _signed() -> bytes:
    if not SIGNED.is_file():
        pytest.skip(f"signed convention text absent: {SIGNED}")
    return SIGNED.read_bytes()


def _grid() -> list[list[str]]:
    """The reviewed Dijon annex as a grid: the signed headers, 16 actions and the total."""
    text = annex_rows_to_csv(read_annex(DIJON_CSV.read_bytes(), "annex.csv")).decode("utf-8")
    return [row[1:] for row in csv.reader(io.StringIO(text), delimiter=";")]  # no `ligne`


def _csv(grid: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(grid)
    return buffer.getvalue().encode("cp1252")


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def db_file(tmp_path):
    path = tmp_path / "lda.duckdb"
    init_database(path)
    return path


def _import(db_file, data: bytes, filename: str, **kwargs) -> str:
    preview = preview_convention_import(data, filename, "Territoire test", YEARS)
    with database.connect(db_file) as con:
        return store_convention_import(
            con, preview, preview.proposed_specs(), kwargs.pop("payments", None), "admin", **kwargs
        )


def test_the_signed_annex_loads_as_a_second_territory_beside_dijon(db_file):
    with database.connect(db_file, read_only=True) as con:
        dijon_before = storage.indicator_specs(con, DIJON)
    assert _import(db_file, _signed(), SIGNED.name) == TEST_ID
    with database.connect(db_file, read_only=True) as con:
        conventions = {c["id"]: c for c in storage.conventions(con)}
        actions = storage.actions(con, TEST_ID)
        budgets = storage.budget_lines(con, TEST_ID)
        specs = storage.indicator_specs(con, TEST_ID)
        payments = storage.payments(con, TEST_ID)
        history = storage.history(con, TEST_ID)
        dijon_after = storage.indicator_specs(con, DIJON)
    assert sorted(conventions) == [DIJON, TEST_ID]
    new = conventions[TEST_ID]
    assert (new["territory_id"], new["territory_name"], new["programme"]) == (
        "territoire-test",
        "Territoire test",
        "177",
    )
    assert new["chorus_activity"] is None and new["functional_domain"] is None
    assert (new["first_year"], new["last_year"]) == (2021, 2022)
    assert [a["number"] for a in actions] == list(range(1, 17))
    assert actions[2]["signed_number"] == "" and actions[9]["signed_number"] == "9"
    y1, y2 = budgets[budgets.year == 2021], budgets[budgets.year == 2022]
    assert (y1.cost.sum(), y1.ami.sum(), y1.cofunding.sum()) == (571000, 494000, 77000)
    assert (y2.cost.sum(), y2.cofunding.sum()) == (562000, 83000)
    assert len(specs) == 36
    assert specs[(4, "LOGEMENTS")].mode is Mode.STOCK
    assert (specs[(4, "LOGEMENTS")].target(2021), specs[(4, "LOGEMENTS")].target(2022)) == (40, 80)
    assert (specs[(8, "TAUX_REPONSES")].baseline, specs[(8, "TAUX_REPONSES")].target(2022)) == (
        25,
        75,
    )
    assert specs[(5, "TAUX_OCCUPATION")].target(2021) is None
    assert all((n, "DEP_AMI") in specs for n in range(1, 17))
    assert payments == {}  # none paid yet unless given
    assert list(history.entity) == ["convention"]
    assert "16 actions, 36 indicateurs" in history.new_value[0]
    assert dijon_after == dijon_before


def test_the_stored_annex_has_the_signed_anomalies(db_file, capsys):
    _import(db_file, _signed(), SIGNED.name)
    code, out, _ = _run(
        capsys,
        "check-convention",
        "--db",
        str(db_file),
        "--convention",
        TEST_ID,
        "--format",
        "json",
    )
    assert code == 0
    assert sorted(f["code"] for f in json.loads(out)) == sorted(
        ["missing_number", "duplicate_number", "total_mismatch", "cofunding_exceeds_cost"]
    )


def test_the_preview_reports_findings_and_proposals_and_writes_nothing(db_file):
    preview = preview_convention_import(_signed(), SIGNED.name, " Territoire  test ", YEARS)
    assert (preview.territory_name, preview.convention_id) == ("Territoire test", TEST_ID)
    assert [f.code for f in preview.findings if f.level == "error"] == [
        "missing_number",
        "duplicate_number",
        "total_mismatch",
    ]
    assert len(preview.proposals) == 36
    with database.connect(db_file, read_only=True) as con:
        assert [c["id"] for c in storage.conventions(con)] == [DIJON]


def test_columns_in_another_order_give_the_same_convention():
    grid = _grid()
    order = list(reversed(range(len(grid[0]))))
    shuffled = _csv([[row[i] for i in order] for row in grid])
    reference = preview_convention_import(_csv(grid), "annexe.csv", "Territoire test", YEARS)
    preview = preview_convention_import(shuffled, "annexe.csv", "Territoire test", YEARS)
    assert preview.annex == reference.annex
    assert preview.proposals == reference.proposals
    assert len(preview.annex.rows) == 16


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("Objectif de l'action", "Colonne manquante : « Objectif de l'action »"),
        ("Financement AMI demandé en année 1", "« Financement AMI demandé en année 1 »"),
    ],
)
def test_a_missing_column_is_named(header, message):
    grid = _grid()
    index = grid[0].index(header)
    data = _csv([row[:index] + row[index + 1 :] for row in grid])
    with pytest.raises(AnnexFormatError, match=message):
        preview_convention_import(data, "annexe.csv", "Territoire test", YEARS)


@pytest.mark.parametrize(
    ("action_row", "header", "written"),
    [
        (2, "Dépenses année 1", "douze"),
        (7, "Estimation cofinancements année 2", "5 000 euros environ"),
    ],
)
def test_an_unreadable_amount_names_its_row_and_column(action_row, header, written):
    grid = _grid()
    column = next(i for i, cell in enumerate(grid[0]) if cell.startswith(header))
    grid[action_row][column] = written
    with pytest.raises(AnnexFormatError) as error:
        preview_convention_import(_csv(grid), "annexe.csv", "Territoire test", YEARS)
    message = str(error.value)
    assert f"Ligne {action_row}, colonne « {header} »" in message and f"« {written} »" in message


def test_amounts_written_differently_are_read():
    grid = _grid()
    cost_y1 = grid[0].index("Financement AMI demandé en année 1")
    grid[1][cost_y1], grid[2][cost_y1] = "33 000,00 €", "55000 EUR"
    preview = preview_convention_import(_csv(grid), "annexe.csv", "Territoire test", YEARS)
    assert (preview.annex.rows[0].ami_y1, preview.annex.rows[1].ami_y1) == (33000, 55000)


def _xlsx(grid: list[list[str]]) -> bytes:
    """A workbook as a partner would send it: a title line, then the table, numbers as numbers."""
    title = ["Annexe 1 - Présentation du budget prévisionnel"]
    return workbook_bytes([title, grid[0], *([_cell(cell) for cell in row] for row in grid[1:])])


def test_an_xlsx_annex_built_with_openpyxl_loads(db_file):
    assert _import(db_file, _xlsx(_grid()), "annexe.xlsx") == TEST_ID
    with database.connect(db_file, read_only=True) as con:
        assert len(storage.actions(con, TEST_ID)) == 16
        assert storage.indicator_specs(con, TEST_ID)[(2, "LOGEMENTS")].target(2022) == 40
        assert storage.annex_total(con, TEST_ID)["cofunding_y2"] == 68000


def _cell(text: str):
    return int(text) if text.isdigit() else text


def test_an_existing_convention_is_not_overwritten_unless_asked(db_file):
    _import(db_file, _signed(), SIGNED.name, payments={2021: Decimal(494000)})
    with pytest.raises(ConventionImportError, match="existe déjà"):
        _import(db_file, _signed(), SIGNED.name)
    _import(db_file, _signed(), SIGNED.name, replace=True)
    with database.connect(db_file, read_only=True) as con:
        assert len(storage.actions(con, TEST_ID)) == 16
        assert storage.payments(con, TEST_ID) == {}
        history = storage.history(con, TEST_ID)  # newest first
    assert history.old_value.iloc[0] == "remplacée" and history.old_value.isna().iloc[1]


def test_a_convention_with_figures_is_never_replaced(db_file, tmp_path, capsys):
    _import(db_file, _signed(), SIGNED.name)
    figures = tmp_path / "chiffres.csv"
    figures.write_text("action;indicateur;annee;trimestre;valeur\n2;LOGEMENTS;2021;1;5\n")
    code, _, err = _run(
        capsys, "import-figures", str(figures), "--db", str(db_file), "--convention", TEST_ID
    )
    assert code == 0, err
    with pytest.raises(ConventionImportError, match="1 chiffre"):
        _import(db_file, _signed(), SIGNED.name, replace=True)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (IndicatorSpec(17, "X", "x", "u", Mode.SOMME), "pas d'action 17"),
        (IndicatorSpec(1, "A B", "x", "u", Mode.SOMME), "code vide"),
        (IndicatorSpec(1, "X", "", "u", Mode.SOMME), "libellé"),
        (IndicatorSpec(1, "X", "x", "u", Mode.TAUX, targets={2021: Decimal(120)}), "impossible"),
        (IndicatorSpec(1, "X", "x", "u", Mode.JALON, targets={2021: Decimal(2)}), "impossible"),
    ],
)
def test_confirmed_indicators_are_checked_before_anything_is_written(db_file, spec, message):
    preview = preview_convention_import(_signed(), SIGNED.name, "Territoire test", YEARS)
    with pytest.raises(ConventionImportError, match=message), database.connect(db_file) as con:
        store_convention_import(con, preview, [spec], None, "admin")
    with database.connect(db_file, read_only=True) as con:
        assert [c["id"] for c in storage.conventions(con)] == [DIJON]


@pytest.mark.parametrize(
    ("name", "years", "message"),
    [
        ("  ", YEARS, "nom de territoire vide"),
        ("Territoire test", [2021], "deux années"),
        ("Territoire test", [2021, 2023], "non consécutives"),
        ("Territoire test", [1921, 1922], "hors de la période"),
    ],
)
def test_name_and_years_are_checked(name, years, message):
    with pytest.raises(ConventionImportError, match=message):
        preview_convention_import(_signed(), SIGNED.name, name, years)


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Territoire test", "territoire-test"),
        ("Métropole Européenne de Lille", "metropole-europeenne-de-lille"),
        ("CA Grand Besançon / Doubs", "ca-grand-besancon-doubs"),
        ("  Saint-Étienne  Métropole ", "saint-etienne-metropole"),
    ],
)
def test_territory_slug(name, slug):
    assert territory_slug(name) == slug


# --- the command line ---------------------------------------------------------------------


def _cli_args(db_file, *extra: str) -> list[str]:
    return [
        "import-convention",
        str(SIGNED),
        "--territory",
        "Territoire test",
        "--years",
        "2021,2022",
        "--db",
        str(db_file),
        *extra,
    ]


def test_cli_prints_findings_and_proposals_then_stores(db_file, capsys):
    _signed()
    code, out, _ = _run(capsys, *_cli_args(db_file, "--payments", "2021=494000,2022=163 099"))
    assert code == 0
    assert out.index("missing_number") < out.index("Indicateurs proposés")
    assert "TAUX_REPONSES" in out and "passer de 25 % de réponses à 75 %" in out
    assert out.strip().splitlines()[-1] == f"Convention enregistrée : {TEST_ID}"
    with database.connect(db_file, read_only=True) as con:
        assert storage.payments(con, TEST_ID) == {2021: 494000, 2022: 163099}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_cli_reads_csv_and_xlsx_annexes(db_file, tmp_path, capsys, suffix):
    grid = _grid()
    order = [*range(1, len(grid[0])), 0]  # n° last
    reordered = [[row[i] for i in order] for row in grid]
    path = tmp_path / f"annexe{suffix}"
    path.write_bytes(_csv(reordered) if suffix == ".csv" else _xlsx(reordered))
    code, out, err = _run(
        capsys, "import-convention", str(path), "--territory", "Territoire test", "--years",
        "2021-2022", "--db", str(db_file), "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    report = json.loads(out)
    assert report["stored"] == TEST_ID and report["actions"] == 16
    assert len(report["indicators"]) == 36


def test_cli_json(db_file, capsys):
    _signed()
    code, out, _ = _run(capsys, *_cli_args(db_file, "--yes", "--format", "json"))
    report = json.loads(out)
    assert code == 0 and report["stored"] == TEST_ID and report["actions"] == 16
    vad = next(i for i in report["indicators"] if (i["action"], i["code"]) == (8, "VISITES"))
    assert vad["targets"] == {"2021": 250, "2022": 250} and vad["mode"] == "somme"
    assert {f["code"] for f in report["findings"]} >= {"missing_number", "total_mismatch"}


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "code", "stored"), [("n\n", 1, False), ("o\n", 0, True)])
def test_cli_asks_on_a_terminal(db_file, capsys, monkeypatch, answer, code, stored):
    _signed()
    monkeypatch.setattr("sys.stdin", _Terminal(answer))
    assert _run(capsys, *_cli_args(db_file))[0] == code
    with database.connect(db_file, read_only=True) as con:
        assert (TEST_ID in [c["id"] for c in storage.conventions(con)]) is stored


def test_cli_proposal_can_be_corrected_in_a_csv(db_file, tmp_path, capsys):
    _signed()
    proposal = tmp_path / "indicateurs.csv"
    code, out, _ = _run(capsys, *_cli_args(db_file, "--save-proposal", str(proposal)))
    assert code == 0 and "Proposition écrite" in out
    lines = proposal.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("action;code;libelle;unite;mode;cible_2021;cible_2022;reference")
    corrected = [line.replace(";40;40;", ";40;45;") if ";LOGEMENTS;" in line else line
                 for line in lines]  # fmt: skip
    proposal.write_text("\n".join(corrected), encoding="utf-8")
    code, _, err = _run(capsys, *_cli_args(db_file, "--indicators", str(proposal)))
    assert code == 0, err
    with database.connect(db_file, read_only=True) as con:
        specs = storage.indicator_specs(con, TEST_ID)
    assert specs[(2, "LOGEMENTS")].target(2022) == 45


def test_the_proposal_csv_keeps_annex_text_inert_in_a_spreadsheet():
    proposal = ProposedIndicator(
        1, "X", "=HYPERLINK(1)", "u", Mode.SOMME, None, {2021: Decimal("2.5")}, source_text="@x"
    )
    text = proposals_to_catalogue_csv([proposal], [2021])
    assert text.splitlines()[1] == "1;X;'=HYPERLINK(1);u;somme;2,5;;1;moyenne;'@x"


@pytest.mark.parametrize(
    ("file_text", "reason"),
    [
        (None, "fichier introuvable"),
        ("pas de tableau ici", "aucun tableau"),
        ("| n° | Action | Catégorie |\n|---|---|---|\n| 1 | x | y |", "Colonnes manquantes"),
    ],
)
def test_cli_refuses_an_unreadable_file_in_one_line(db_file, tmp_path, capsys, file_text, reason):
    path = tmp_path / "annexe.md"
    if file_text is not None:
        path.write_text(file_text, encoding="utf-8")
    code, _, err = _run(
        capsys, "import-convention", str(path), "--territory", "T", "--years", "2021,2022",
        "--db", str(db_file), "--yes",
    )  # fmt: skip
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and reason in err


def test_cli_refuses_to_overwrite_in_one_line(db_file, capsys):
    _signed()
    assert _run(capsys, *_cli_args(db_file, "--yes"))[0] == 0
    code, _, err = _run(capsys, *_cli_args(db_file, "--yes"))
    assert code == 1 and "existe déjà" in err and len(err.strip().splitlines()) == 1
    assert _run(capsys, *_cli_args(db_file, "--yes", "--replace"))[0] == 0
