"""`reversement` end to end: figures imported, then the proposal computed from validated ones."""

import json
from datetime import date

import pytest

from lda_dash.cli.main import main
from lda_dash.services.control import ControlRefused, load_clawback
from lda_dash.storage import database

CAPT_30_AND_SPENDING = (
    "action;indicateur;annee;trimestre;valeur\n"
    "2;CAPT;2021;1;5\n2;CAPT;2021;2;10\n2;CAPT;2021;3;5\n2;CAPT;2021;4;10\n"
    "2;DEP_AMI;2021;4;400000\n"
)


def reversement(capsys, *extra):
    code = main(["reversement", "--year", "2021", "--format", "json", *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def imported(db_path, tmp_path, capsys):
    path = tmp_path / "f.csv"
    path.write_text(CAPT_30_AND_SPENDING, encoding="utf-8")
    assert main(["import-figures", str(path)]) == 0
    capsys.readouterr()
    return db_path


def test_proposal_with_the_strict_threshold(imported, capsys):
    data = reversement(capsys)
    terms = {t["action"]: t for t in data["actions"]}
    assert data["payment"] == 494000 and data["threshold"] == 1.0
    assert terms[2] == {
        "action": 2,
        "allocation": 55000,
        "attainment": 0.75,
        "objective_base": 13750,
    }
    # every other action reported nothing: once the year is over it counts 0, whole allocation
    assert terms[1]["attainment"] == 0 and terms[1]["objective_base"] == 33000
    assert data["objective_base_total"] == 494000 - 55000 * 3 // 4
    assert data["unspent_base"] == 94000
    assert data["proposed_total"] == 452750


def test_proposal_with_a_tolerance(imported, capsys):
    data = reversement(capsys, "--threshold", "0.75")
    terms = {t["action"]: t for t in data["actions"]}
    assert terms[2]["objective_base"] == 0  # 0.75 reaches θ = 0.75
    assert data["objective_base_total"] == 494000 - 55000


def test_submitted_figures_do_not_count(db_path, capsys):
    data = reversement(capsys)
    assert data["unspent_base"] is None
    assert data["proposed_total"] == 494000


def test_a_year_not_over_is_refused(db_path):
    with database.connect(db_path) as con, pytest.raises(ControlRefused, match="pas terminée"):
        load_clawback(con, "dijon-2021-2022", 2021, as_of=date(2021, 12, 31))


def test_a_year_outside_the_convention_is_refused_naming_its_years(db_path, capsys):
    for command in ("reversement", "progress"):
        assert main([command, "--year", "2019"]) == 1
        err = capsys.readouterr().err.strip()
        assert "années couvertes : 2021 et 2022" in err and len(err.splitlines()) == 1
