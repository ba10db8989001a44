"""`export --year Y --format xlsx|pdf --output FILE`: one French line, or one error line."""

import io

import pytest
from openpyxl import load_workbook

from lda_dash.cli.main import build_parser, main


def export(capsys, db_path, *args):
    code = main(["export", "--db", str(db_path), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_writes_the_workbook_and_says_where(demo_db, tmp_path, capsys):
    target = tmp_path / "rapport 2021.xlsx"
    code, out, err = export(capsys, demo_db, "--year", "2021", "--format", "xlsx",
                            "--output", str(target), "--as-of", "2023-06-30")  # fmt: skip
    assert code == 0, err
    assert out == f"Rapport d'exécution 2021 (classeur Excel) écrit dans {target}\n"
    book = load_workbook(io.BytesIO(target.read_bytes()))
    assert "Reversement" in book.sheetnames
    assert not list(tmp_path.glob(".*partiel"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--year", "2019"],
            "l'année 2019 n'est pas une année de la convention (années couvertes : 2021 et 2022)",
        ),
        (["--year", "2026"], "l'année 2026 n'est pas une année de la convention"),
        (["--year", "2021", "--convention", "inconnue"], "convention « inconnue » inconnue"),
    ],
)
def test_export_refusals_are_one_line(demo_db, tmp_path, capsys, args, message):
    output = str(tmp_path / "r.xlsx")
    code, out, err = export(capsys, demo_db, "--format", "xlsx", "--output", output, *args)
    assert code == 1 and out == ""
    assert err.startswith("Erreur : ") and message in err and err.count("\n") == 1


def test_export_into_a_missing_folder_is_refused(demo_db, tmp_path, capsys):
    missing = tmp_path / "absent" / "r.pdf"
    code, _, err = export(capsys, demo_db, "--year", "2021", "--format", "pdf",
                          "--output", str(missing))  # fmt: skip
    assert code == 1 and "dossier introuvable" in err and not missing.exists()


def test_the_formats_offered_are_the_writers_registered():
    export_parser = build_parser()._subparsers._group_actions[0].choices["export"]
    formats = next(a for a in export_parser._actions if a.dest == "format")
    assert formats.choices == ["xlsx", "pdf", "pptx", "docx"]
