"""The command line end to end (DOMAIN.md section 11) on real database files."""

import json
import subprocess
import sys

import pytest

from lda_dash.cli.main import main
from tests.conftest import REPO_ROOT, SHARED

FRENCH_EXCEL_CSV = (
    "action;indicateur;année;trimestre;valeur;numérateur;dénominateur;commentaire\r\n"
    "2;CAPT;2021;1;10;;;premiers logements captés\r\n"
    "2;CAPT;2021;2;12,0;;;\r\n"
    "7;ASLL;2021;1;20;;;\r\n"
    "7;ASLL;2021;2;30;;;\r\n"
    "7;ASLL;2021;3;50;;;\r\n"
    "8;TX_REP;2021;1;;20;50;réponses reçues\r\n"
    "4;GLA;2021;1;5;;;\r\n"
    "1;BILAN;2021;2;1;;;bilan remis\r\n"
    "2;DEP_AMI;2021;1;1 234,56;;;\r\n"
).encode("cp1252")


def run(*args, capsys):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def progress_by_key(rows):
    return {(r["action"], r["indicator"]): r for r in rows}


@pytest.fixture
def imported(db_path, tmp_path, capsys):
    path = tmp_path / "chiffres.csv"
    path.write_bytes(FRENCH_EXCEL_CSV)
    code, _, err = run("import-figures", str(path), capsys=capsys)
    assert code == 0, err
    return db_path


def test_init_is_idempotent(db_path, capsys):
    code, out, _ = run("init", "--db", str(db_path), capsys=capsys)
    assert code == 0
    assert "aucune (déjà à jour)" in out


def test_progress_lists_every_catalogue_indicator(db_path, capsys):
    code, out, _ = run("progress", "--year", "2021", "--format", "json", capsys=capsys)
    rows = json.loads(out)
    assert code == 0
    assert len(rows) == 20 + 16  # the catalogue's indicators plus DEP_AMI for each action
    assert {r["status"] for r in rows} == {"no_data", "no_target"}
    assert all(r["value"] is None and r["attainment"] is None for r in rows)


def test_import_then_progress_in_an_open_year(imported, capsys):
    _, out, _ = run(
        "progress", "--year", "2021", "--as-of", "2021-08-15", "--format", "json", capsys=capsys
    )
    rows = progress_by_key(json.loads(out))
    capt = rows[(2, "CAPT")]
    assert (capt["value"], capt["target"], capt["expected"]) == (22, 40, 20)
    assert capt["attainment"] == pytest.approx(0.55)
    assert capt["status"] == "on_track"
    asll = rows[(7, "ASLL")]
    assert (asll["value"], asll["expected"], asll["status"]) == (50, 52.5, "watch")
    tx = rows[(8, "TX_REP")]
    assert (tx["value"], tx["expected"], tx["status"]) == (40, 37.5, "on_track")
    assert tx["attainment"] == pytest.approx(0.3)
    gla = rows[(4, "GLA")]
    assert (gla["value"], gla["expected"], gla["status"]) == (5, 10, "late")
    bilan = rows[(1, "BILAN")]
    assert (bilan["status"], bilan["expected"]) == ("achieved", None)
    assert rows[(2, "DEP_AMI")]["value"] == pytest.approx(1234.56)
    assert rows[(2, "DEP_AMI")]["status"] == "no_target"


def test_import_then_progress_in_a_closed_year(imported, capsys):
    _, out, _ = run(
        "progress", "--year", "2021", "--as-of", "2022-01-01", "--format", "json", capsys=capsys
    )
    rows = progress_by_key(json.loads(out))
    assert rows[(2, "CAPT")]["expected"] == 40
    assert rows[(2, "CAPT")]["status"] == "not_achieved"
    assert rows[(8, "TX_REP")]["expected"] == 75
    assert rows[(1, "BILAN")]["status"] == "achieved"
    assert rows[(6, "DIAG")]["status"] == "no_data"


def test_a_bad_file_is_rejected_whole_with_line_numbers(imported, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "action;indicateur;annee;trimestre;valeur\n"
        "2;CAPT;2021;3;15\n"
        "2;CAPT;2021;5;3\n"
        "6;DIAG;2021;1;-2\n",
        encoding="utf-8",
    )
    code, _, err = run("import-figures", str(bad), capsys=capsys)
    assert code == 1
    assert "ligne 3" in err and "ligne 4" in err
    assert "ligne 2 " not in err
    _, out, _ = run("progress", "--year", "2021", "--format", "json", capsys=capsys)
    assert progress_by_key(json.loads(out))[(2, "CAPT")]["value"] == 22  # Q3 not written


def test_progress_csv_and_table(imported, capsys):
    _, out, _ = run("progress", "--year", "2021", "--format", "csv", capsys=capsys)
    lines = out.strip().splitlines()
    assert lines[0] == "action,indicator,year,mode,target,value,attainment,expected,status"
    assert len(lines) == 37
    _, table, _ = run("progress", "--year", "2021", "--as-of", "2021-08-15", capsys=capsys)
    assert "en bonne voie" in table and "à surveiller" in table


def test_validated_only_ignores_submitted_figures(imported, capsys):
    _, out, _ = run(
        "progress", "--year", "2021", "--validated-only", "--format", "json", capsys=capsys
    )
    assert progress_by_key(json.loads(out))[(2, "CAPT")]["value"] == 22  # imports are validated


def test_check_convention_reports_the_four_signed_anomalies(db_path, capsys):
    _, out, _ = run("check-convention", "--format", "json", capsys=capsys)
    findings = [(f["code"], f["row"]) for f in json.loads(out) if f["level"] != "info"]
    assert sorted(findings, key=str) == sorted(
        [
            ("missing_number", 3),
            ("duplicate_number", 10),
            ("total_mismatch", None),
            ("cofunding_exceeds_cost", 15),
        ],
        key=str,
    )


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/ (the signed convention) is absent")
def test_check_convention_on_the_signed_text(db_path, capsys):
    signed = SHARED / "convention" / "avenant-2022-dijon-metropole.txt"
    _, out, _ = run("check-convention", str(signed), "--format", "json", capsys=capsys)
    codes = sorted(f["code"] for f in json.loads(out) if f["level"] != "info")
    assert codes == sorted(
        ["missing_number", "duplicate_number", "total_mismatch", "cofunding_exceeds_cost"]
    )


def test_errors_exit_non_zero_with_one_line(db_path, capsys):
    code, _, err = run("import-figures", "/nonexistent.csv", capsys=capsys)
    assert code == 1
    assert err.strip().startswith("Erreur") and len(err.strip().splitlines()) == 1


def test_demo_is_refused_on_a_database_with_real_figures(imported, capsys):
    code, _, err = run("init", "--demo", capsys=capsys)
    assert code == 1
    assert "réels" in err and "démonstration" in err


def test_python_dash_m_runs_as_a_program(db_path):
    result = subprocess.run(
        [sys.executable, "-m", "lda_dash", "progress", "--year", "2022", "--format", "json"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 36
