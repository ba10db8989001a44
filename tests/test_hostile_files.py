"""Hostile files through every door an attacker has: the readers, the command line (in process
and as a constrained program) and the entry page's upload. Each is refused with one clear French
line and leaves every table as it was."""

from __future__ import annotations

import os
import resource
import subprocess
import sys

import pytest

from lda_dash.cli.main import main
from lda_dash.domain.permissions import Actor
from lda_dash.importers import file_limits
from lda_dash.importers.annex import AnnexFormatError, read_annex
from lda_dash.importers.figures_file import FiguresFileError, read_figures_file
from lda_dash.services.entry_files import check_file, import_file
from tests.conftest import REPO_ROOT, workbook_bytes
from tests.hostile_files_data import (
    ANNEX_CSV,
    ANNEX_HEADER,
    FIGURES_HEADER,
    MIXED_ENCODINGS,
    annex_amount_with_three_decimals,
    annex_with,
    bomb_xlsx,
    cell_at,
    corrupt_deflate_xlsx,
    declared_far_xlsx,
    far_cell_xlsx,
    figures_csv,
    lying_xlsx,
    ratio_xlsx,
)
from tests.test_hostile_input import digest

CID = "dijon-2021-2022"
HABITAT = "association-habitat-solidaire-demo"
PARTNER = Actor("demo-partenaire", "partenaire", HABITAT)

OPEN_QUOTE = '2;CAPT;2022;1;3;;;"oups'
# (case, file name, builder, what the refusal says): files no reader may accept.
UNREADABLE_FIGURES = [
    ("far-cell", "f.xlsx", lambda: far_cell_xlsx(FIGURES_HEADER), "16 384 colonnes × 1 048 576"),
    ("far-row", "f.xlsx", lambda: cell_at(100_001, 1), "A100001"),
    ("wide-row", "f.xlsx", lambda: cell_at(3, 101), "au plus 100 colonnes"),
    ("bomb", "f.xlsx", lambda: bomb_xlsx(FIGURES_HEADER), "décompressé"),
    ("ratio", "f.xlsx", ratio_xlsx, "se décompresse"),
    ("lying-size", "f.xlsx", lying_xlsx, "illisible"),
    ("corrupt-deflate", "f.xlsx", corrupt_deflate_xlsx, "illisible"),
    ("unclosed-quote", "f.csv", lambda: figures_csv(OPEN_QUOTE, "2;CAPT;2022;2;4;;;"),
     "guillemets mal fermés"),
    ("swallowed-row", "f.csv", lambda: figures_csv(OPEN_QUOTE, '2;CAPT;2022;2;4;;;"'),
     "ligne entière"),
    ("text-after-quote", "f.csv", lambda: figures_csv('2;CAPT;2022;1;3;;;"a"b'), "guillemets"),
    ("mixed-encodings", "f.csv", lambda: MIXED_ENCODINGS, "ligne 3 : encodage mélangé"),
    ("nul-byte", "f.csv", lambda: figures_csv("2;CAPT;2022;1;3;;;a\x00b"), "ligne 2 : octet nul"),
    ("long-cell", "f.csv", lambda: figures_csv("2;CAPT;2022;1;3;;;" + "a" * 40_000),
     "40 000 caractères"),
]  # fmt: skip

# Files read, but refused by the import check: a value the database would round.
ROUNDED_FIGURES = [
    ("tenth-of-millionth", figures_csv("4;GLA;2022;4;0,0000001;;;"), "6 décimales"),
    ("seventh-decimal", figures_csv("4;GLA;2022;4;12,1234567;;;"), "6 décimales"),
]

UNREADABLE_ANNEXES = [
    ("far-cell", "a.xlsx", lambda: far_cell_xlsx(ANNEX_HEADER), "16 384 colonnes × 1 048 576"),
    ("bomb", "a.xlsx", lambda: bomb_xlsx(ANNEX_HEADER), "décompressé"),
    ("nul-byte", "a.md", lambda: b"| n | Action |\n|---|---|\n| 1 | a\x00 |\n", "octet nul"),
    ("nul-csv", "a.csv", lambda: annex_with(b"Poste de", b"Poste\x00de"), "octet nul"),
    ("mixed-encodings", "a.csv",
     lambda: annex_with(b"Poste de coordinateur", "Poste de coordinateur à".encode("cp1252")),
     "encodage mélangé"),
    ("swallowed-row", "a.csv", lambda: annex_with(b"1;1;Poste", b'1;1;"Poste'), "guillemet"),
    ("three-decimals", "a.csv", annex_amount_with_three_decimals, "plus de 2 décimales"),
    ("too-large", "a.csv", lambda: ANNEX_CSV + b" " * (6 * 1024 * 1024), "trop volumineux"),
]  # fmt: skip


def one_french_line(text: str, fragment: str) -> None:
    assert fragment in text.replace("\u00a0", " ")  # French thousands: no-break spaces
    assert "Traceback" not in text and len(text.strip().splitlines()) == 1, text


@pytest.mark.parametrize(("case", "name", "build", "fragment"), UNREADABLE_FIGURES,
                         ids=[c[0] for c in UNREADABLE_FIGURES])  # fmt: skip
def test_the_figures_reader_refuses(case, name, build, fragment):
    with pytest.raises(FiguresFileError) as refused:
        read_figures_file(build(), name)
    one_french_line(str(refused.value), fragment)


@pytest.mark.parametrize(("case", "name", "build", "fragment"), UNREADABLE_FIGURES,
                         ids=[c[0] for c in UNREADABLE_FIGURES])  # fmt: skip
def test_import_figures_refuses_and_changes_nothing(
    db_path, tmp_path, capsys, case, name, build, fragment
):
    before = digest(db_path)
    path = tmp_path / name
    path.write_bytes(build())
    assert main(["import-figures", str(path)]) == 1
    one_french_line(capsys.readouterr().err, fragment)
    assert digest(db_path) == before


@pytest.mark.parametrize(("case", "name", "build", "fragment"), UNREADABLE_FIGURES,
                         ids=[c[0] for c in UNREADABLE_FIGURES])  # fmt: skip
def test_the_entry_page_upload_refuses_and_changes_nothing(
    demo_db_path, case, name, build, fragment
):
    before = digest(demo_db_path)
    with pytest.raises(FiguresFileError) as refused:
        import_file(demo_db_path, CID, PARTNER, build(), name, "submitted")
    one_french_line(str(refused.value), fragment)
    assert digest(demo_db_path) == before


@pytest.mark.parametrize(("case", "data", "fragment"), ROUNDED_FIGURES,
                         ids=[c[0] for c in ROUNDED_FIGURES])  # fmt: skip
def test_a_value_with_more_decimals_than_stored_is_refused_everywhere(
    demo_db_path, tmp_path, capsys, case, data, fragment
):
    before = digest(demo_db_path)
    check = import_file(demo_db_path, CID, PARTNER, data, "f.csv", "submitted")
    assert not check.ok
    assert [(issue.line, fragment in issue.message) for issue in check.errors] == [(2, True)]
    assert "valeur" in check.errors[0].message
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    assert main(["import-figures", str(path)]) == 1
    err = capsys.readouterr().err
    assert fragment in err and "ligne 2" in err and "Traceback" not in err
    assert digest(demo_db_path) == before


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("declared-far.xlsx", declared_far_xlsx()),  # the claim alone is not a reason to refuse
        ("six-decimals.csv", figures_csv("4;GLA;2022;4;12,123456;;;")),
        ("multiline-comment.csv", figures_csv('4;GLA;2022;4;3;;;"deux\nlignes"')),
        ("cp1252.csv", figures_csv("4;GLA;2022;4;3;;;café déjà", encoding="cp1252")),
    ],
)
def test_files_that_can_be_read_exactly_still_import(demo_db_path, name, data):
    assert check_file(demo_db_path, CID, PARTNER, data, name, "draft").ok


@pytest.mark.parametrize(("case", "name", "build", "fragment"), UNREADABLE_ANNEXES,
                         ids=[c[0] for c in UNREADABLE_ANNEXES])  # fmt: skip
def test_the_annex_reader_refuses(case, name, build, fragment):
    with pytest.raises(AnnexFormatError) as refused:
        read_annex(build(), name)
    one_french_line(str(refused.value), fragment)


@pytest.mark.parametrize(("case", "name", "build", "fragment"), UNREADABLE_ANNEXES,
                         ids=[c[0] for c in UNREADABLE_ANNEXES])  # fmt: skip
@pytest.mark.parametrize("command", ["check-convention", "import-convention"])
def test_annex_commands_refuse_and_change_nothing(
    db_path, tmp_path, capsys, command, case, name, build, fragment
):
    before = digest(db_path)
    path = tmp_path / name
    path.write_bytes(build())
    extra = ["--territory", "Territoire test", "--years", "2021,2022", "--yes"]
    args = [command, str(path), *(extra if command == "import-convention" else [])]
    assert main(args) == 1
    one_french_line(capsys.readouterr().err, fragment)
    assert digest(db_path) == before


def _constrained() -> None:
    """Run in the child before the command: 500 MB of address space at most."""
    limit = 500 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.parametrize(
    ("command", "name", "build", "fragment"),
    [
        ("import-figures", "far.xlsx", lambda: far_cell_xlsx(FIGURES_HEADER), "16 384 colonnes"),
        ("import-figures", "bomb.xlsx", lambda: bomb_xlsx(FIGURES_HEADER), "décompressé"),
        ("check-convention", "far.xlsx", lambda: far_cell_xlsx(ANNEX_HEADER), "16 384 colonnes"),
        ("check-convention", "bomb.xlsx", lambda: bomb_xlsx(ANNEX_HEADER), "décompressé"),
    ],
)
def test_the_command_line_refuses_within_500_mb_and_10_seconds(
    db_path, tmp_path, command, name, build, fragment
):
    before = digest(db_path)
    path = tmp_path / name
    path.write_bytes(build())
    result = subprocess.run(
        [sys.executable, "-m", "lda_dash", command, str(path)],
        cwd=REPO_ROOT,
        env={**os.environ, "LDA_DASH_DB": str(db_path)},
        capture_output=True,
        text=True,
        preexec_fn=_constrained,
        timeout=10,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Erreur")
    one_french_line(result.stderr, fragment)
    assert digest(db_path) == before


def test_a_60_mb_annex_is_refused_without_being_read(db_path, tmp_path):
    path = tmp_path / "annexe.csv"
    with path.open("wb") as sparse:
        sparse.truncate(60 * 1024 * 1024)
    result = subprocess.run(
        [sys.executable, "-m", "lda_dash", "check-convention", str(path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        preexec_fn=_constrained,
        timeout=10,
        check=False,
    )
    assert result.returncode == 1
    one_french_line(result.stderr, "trop volumineux (60,0 Mo)")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("slow.csv", figures_csv(*["4;GLA;2022;4;3;;;"] * 2000)),
        ("slow.xlsx", workbook_bytes([FIGURES_HEADER, *[[4, "GLA", 2022, 4, 3]] * 600])),
    ],
)
def test_reading_stops_at_the_time_bound(monkeypatch, name, data):
    monkeypatch.setattr(file_limits, "MAX_READ_SECONDS", 0.0)
    with pytest.raises(FiguresFileError) as refused:
        read_figures_file(data, name)
    one_french_line(str(refused.value), "lecture du fichier arrêtée à la ligne")
