"""Hostile input through the command line: each gets a clear French error and changes nothing."""

import pytest

from lda_dash import storage
from lda_dash.cli.main import main
from lda_dash.storage import backup as sql
from lda_dash.storage import database
from tests.conftest import workbook_bytes

HEADER = "action;indicateur;annee;trimestre;valeur;numerateur;denominateur;commentaire\n"


def digest(path):
    with database.connect(path) as con:
        return {table: sql.table_digest(con, table) for table in sql.table_names(con)}


CASES = [
    ("huge.csv", (HEADER + "2;CAPT;2022;1;" + "9" * 40 + ";;;\n").encode(), "ligne 2"),
    ("nan.csv", (HEADER + "2;CAPT;2022;1;NaN;;;\n").encode(), "ligne 2"),
    ("inf.csv", (HEADER + "2;CAPT;2022;1;inf;;;\n").encode(), "ligne 2"),
    ("exp.csv", (HEADER + "2;CAPT;2022;1;1e9;;;\n").encode(), "ligne 2"),
    ("quarter.csv", (HEADER + "2;CAPT;2022;0;3;;;\n").encode(), "trimestre"),
    ("year.csv", (HEADER + "2;CAPT;1999;1;3;;;\n").encode(), "ligne 2"),
    ("year2.csv", (HEADER + "2;CAPT;20222;1;3;;;\n").encode(), "ligne 2"),
    ("neg.csv", (HEADER + "2;CAPT;2022;1;-3;;;\n").encode(), "ligne 2"),
    ("binary.csv", b"\x00\x01\x02\x03PK\x03\x04" * 50, "Erreur"),
    ("zip.csv", workbook_bytes([["action"]]), "Erreur"),
    ("utf16.csv", HEADER.encode("utf-16"), "Erreur"),
    ("empty.csv", b"", "Erreur"),
    ("headers.csv", b"foo;bar\n1;2\n", "Erreur"),
    ("formula.xlsx", workbook_bytes([HEADER.strip().split(";"), [2, "CAPT", 2022, 1, "=1+1"]]),
     "formule"),
    ("sql.csv", (HEADER + "2';DROP TABLE figure;--;CAPT;2022;1;3;;;\n").encode(), "ligne 2"),
    ("big.csv", HEADER.encode() + b"2;CAPT;2022;1;3;;;" + b" " * (6 * 1024 * 1024) + b"\n",
     "5"),
    ("file.exe", b"MZ\x90\x00", "Erreur"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_hostile_files_are_refused_and_change_nothing(
    db_path, tmp_path, capsys, name, data, fragment
):
    before = digest(db_path)
    path = tmp_path / name
    path.write_bytes(data)
    code = main(["import-figures", str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert fragment in err
    assert "Traceback" not in err
    assert digest(db_path) == before


@pytest.mark.parametrize(
    "comment",
    [
        "'); DROP TABLE figure; --",
        '<script>alert("x")</script><img src=x onerror=alert(1)>',
        '=HYPERLINK("http://exemple.invalid")',
        "Robert'); DELETE FROM history WHERE ('1'='1",
    ],
)
def test_text_is_stored_as_given_through_parameters(db_path, tmp_path, capsys, comment):
    path = tmp_path / "ok.csv"
    cell = '"' + comment.replace('"', '""') + '"'
    path.write_text(HEADER + f"2;CAPT;2022;1;3;;;{cell}\n", encoding="utf-8")
    assert main(["import-figures", str(path)]) == 0, capsys.readouterr().err
    with database.connect(db_path) as con:
        stored = storage.figures(con, "dijon-2021-2022")
        tables = sql.table_names(con)
    assert [f.comment for f in stored] == [comment]
    assert {"figure", "history"} <= set(tables)


def test_a_path_trick_in_the_file_name_is_only_a_name(db_path, tmp_path, capsys):
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    (tmp_path / "a" / "f.csv").write_text(HEADER + "2;CAPT;2022;1;3;;;\n", encoding="utf-8")
    assert main(["import-figures", str(folder / ".." / "f.csv")]) == 0
    assert main(["import-figures", str(tmp_path / "nope" / ".." / ".." / "etc" / "passwd")]) == 1
    assert "introuvable" in capsys.readouterr().err
