"""`amendment add` and `amendment list` end to end (DOMAIN.md sections 11 and 13)."""

import json
from datetime import date
from decimal import Decimal as D

import pytest

from lda_dash import storage
from lda_dash.cli.main import main
from lda_dash.domain.permissions import Actor
from lda_dash.storage import database


def run(*args, capsys):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def capt_target(capsys, as_of):
    code, out, _ = run("progress", "--year", "2022", "--as-of", as_of, "--format", "json",
                       capsys=capsys)  # fmt: skip
    assert code == 0
    return next(r for r in json.loads(out) if (r["action"], r["indicator"]) == (2, "CAPT"))[
        "target"
    ]


def test_add_then_list_shows_the_changes_before_and_after(db_path, tmp_path, capsys):
    targets = tmp_path / "cibles.csv"
    targets.write_bytes(
        "Action;Indicateur;Cible\r\n2;CAPT;45,0\r\n8;TX_REP;80\r\n".encode("cp1252")
    )
    code, out, err = run(
        "amendment", "add", "--year", "2022", "--date", "2022-06-30", "--reference",
        "Avenant bis", "--payment", "170 000", "--targets", str(targets), "--reason", "bilan",
        capsys=capsys,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "Avenant bis du 30/06/2022" in out
    code, out, _ = run("amendment", "list", "--format", "json", capsys=capsys)
    listed = json.loads(out)
    assert [a["reference"] for a in listed] == [
        "Convention initiale 2021-2022", "Avenant 2022", "Avenant bis",
    ]  # fmt: skip
    assert listed[-1] == {
        "year": 2022,
        "date": "2022-06-30",
        "reference": "Avenant bis",
        "changes": [
            {"kind": "payment", "action": None, "indicator": None, "before": 163099,
             "after": 170000},
            {"kind": "target", "action": 2, "indicator": "CAPT", "before": 40, "after": 45},
            {"kind": "target", "action": 8, "indicator": "TX_REP", "before": 75, "after": 80},
        ],
    }  # fmt: skip
    assert (capt_target(capsys, "2022-06-29"), capt_target(capsys, "2022-06-30")) == (40, 45)
    code, out, _ = run("amendment", "list", capsys=capsys)
    assert "cible action 2 · CAPT : 40 → 45" in out


@pytest.mark.parametrize(
    ("content", "lines"),
    [
        (b"action,indicateur,cible\n2,CAPT,4x\n99,FOO,1\n", ["ligne 2 :", "ligne 3 :"]),
        (b"action;indicateur;cible\n2;CAPT;45\n2;CAPT;46\n", ["ligne 3 : action 2 · CAPT"]),
        (b"action;indicateur;cible\n1;BILAN;2\n", ["ligne 2 : la cible d'un jalon"]),
        (b"action;indicateur;cible\n8;TX_REP;120\n", ["ligne 2 : un taux"]),
        (b"action;indicateur;cible\n2;CAPT;-1\n", ["ligne 2 : une cible ne peut"]),
        (b"action;indicateur\n2;CAPT\n", ["colonne(s) absente(s) en ligne 1 : cible"]),
    ],
)
def test_a_bad_targets_file_is_refused_by_line_and_nothing_is_written(
    db_path, tmp_path, capsys, content, lines
):
    targets = tmp_path / "cibles.csv"
    targets.write_bytes(content)
    code, out, err = run(
        "amendment", "add", "--year", "2022", "--date", "2022-06-30", "--reference", "X",
        "--payment", "1", "--targets", str(targets), capsys=capsys,
    )  # fmt: skip
    assert code == 1 and out == ""
    assert err.startswith("Erreur : avenant refusé")
    for line in lines:
        assert line in err
    code, out, _ = run("amendment", "list", "--format", "json", capsys=capsys)
    assert len(json.loads(out)) == 2


def test_a_decided_year_refuses_a_later_amendment_with_one_line(db_path, capsys):
    with database.connect(db_path) as con:
        storage.record_decision(
            con, "dijon-2021-2022", 2021, Actor("prefet", "prefecture"), proposed=D(0),
            decided=D(0), threshold=D(1), justification="atteint", decided_on=date(2022, 3, 15),
        )  # fmt: skip
    code, out, err = run(
        "amendment", "add", "--year", "2021", "--date", "2022-04-01", "--reference", "Tardif",
        "--payment", "400000", capsys=capsys,
    )  # fmt: skip
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "déjà décidée" in err
    _, out, _ = run("reversement", "--year", "2021", "--format", "json", capsys=capsys)
    assert json.loads(out)["payment"] == 494000


@pytest.mark.parametrize(
    "args",
    [
        ["--year", "2022", "--date", "2022-06-30", "--reference", "X"],  # nothing changes
        ["--year", "2022", "--date", "2022-06-30", "--reference", "X", "--targets", "absent"],
    ],
)
def test_other_refusals_exit_non_zero(db_path, capsys, args):
    code, _, err = run("amendment", "add", *args, capsys=capsys)
    assert code == 1 and err.startswith("Erreur : avenant refusé")
