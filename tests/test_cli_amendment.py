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
    assert "cible · action 2 · Logements captés dans le parc privé : 40 → 45" in out
    assert "cible · action 8 · Taux de réponse des ménages : 75\u202f% → 80\u202f%" in out


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


def forecast_action(capsys, as_of, action=12):
    code, out, err = run("forecast", "--year", "2022", "--as-of", as_of, "--format", "json",
                         capsys=capsys)  # fmt: skip
    assert code == 0, err
    return next(a for a in json.loads(out)["actions"] if a["action"] == action)


def test_add_weights_and_allocation_from_files(db_path, tmp_path, capsys):
    """Hand-computed (DOMAIN.md 6, 7, 12): action 12 at the end of Q2 2022 has FORM_AV 30 and
    FORM_PU 6 for targets of 30, projected 60 and 12 (â 1 and 0.4). Weights 1 and 1: Â = 0.7;
    FORM_AV weighing 3: (3 + 0.4) / 4 = 0.85. Its 2022 share is 13 535 € by the default rule
    (163 099 × 40 000 / 482 000), 14 535 € once the amendment moves 1 000 € from action 11."""
    figures = tmp_path / "chiffres.csv"
    figures.write_text(
        "action;indicateur;annee;trimestre;valeur\n12;FORM_AV;2022;2;30\n12;FORM_PU;2022;2;6\n"
    )
    assert run("import-figures", str(figures), capsys=capsys)[0] == 0
    weights, shares = tmp_path / "poids.csv", tmp_path / "repartition.csv"
    weights.write_bytes("Action;Indicateur;Poids\r\n12;FORM_AV;3,0\r\n".encode("cp1252"))
    shares.write_text("action;montant\n11;32 838 €\n12;14535,00\n")
    code, out, err = run(
        "amendment", "add", "--year", "2022", "--date", "2022-09-01", "--reference",
        "Avenant ter", "--weights", str(weights), "--allocation", str(shares), capsys=capsys,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "poids · action 12 · Professionnels formés « Aller vers » : 1 → 3" in out
    assert (
        "répartition · action 12 · Accompagnement des professionnels par la formation : "
        "13\u202f535 € → 14\u202f535 €" in out
    )
    listed = json.loads(run("amendment", "list", "--format", "json", capsys=capsys)[1])
    assert listed[-1]["changes"] == [
        {"kind": "weight", "action": 12, "indicator": "FORM_AV", "before": 1, "after": 3},
        {"kind": "allocation", "action": 11, "indicator": None, "before": 33838, "after": 32838},
        {"kind": "allocation", "action": 12, "indicator": None, "before": 13535, "after": 14535},
    ]
    before, after = forecast_action(capsys, "2022-08-31"), forecast_action(capsys, "2022-09-01")
    assert (before["projected_attainment"], before["allocation"], before["at_risk"]) == (
        0.7, 13535, 4061,  # 13 535 × 0.3 = 4 060.5
    )  # fmt: skip
    assert (after["projected_attainment"], after["allocation"], after["at_risk"]) == (
        0.85, 14535, 2180,  # 14 535 × 0.15 = 2 180.25
    )  # fmt: skip


@pytest.mark.parametrize(
    ("option", "content", "lines"),
    [
        ("--weights", b"action;indicateur;poids\n12;FORM_AV;0\n12;DEP_AMI;2\n",
         ["poids, ligne 2 : un poids doit être strictement positif",
          "poids, ligne 3 : les dépenses sur crédits AMI n'ont pas de poids"]),
        ("--weights", b"action;indicateur;cible\n12;FORM_AV;2\n",
         ["colonne(s) absente(s) en ligne 1 : poids"]),
        ("--allocation", b"action;montant\n12;abc\n99;10\n12;1\n12;2\n",
         ["répartition, ligne 2 : montant", "répartition, ligne 3 : action 99 inconnue",
          "répartition, ligne 5 : action 12 déjà donnée en ligne 4"]),
        ("--allocation", b"action;montant\n12;14 535\n",
         ["totaliserait 164\u202f099 € au lieu du versement de 163\u202f099 € "
          "(1\u202f000 € de trop)"]),
    ],
)  # fmt: skip
def test_bad_weights_or_allocation_files_are_refused_and_nothing_is_written(
    db_path, tmp_path, capsys, option, content, lines
):
    path = tmp_path / "avenant.csv"
    path.write_bytes(content)
    code, out, err = run(
        "amendment", "add", "--year", "2022", "--date", "2022-09-01", "--reference", "X",
        option, str(path), capsys=capsys,
    )  # fmt: skip
    assert code == 1 and out == ""
    assert err.startswith("Erreur : avenant refusé")
    for line in lines:
        assert line in err
    assert len(json.loads(run("amendment", "list", "--format", "json", capsys=capsys)[1])) == 2


def test_a_decided_year_refuses_a_later_weight_amendment_with_one_line(db_path, tmp_path, capsys):
    with database.connect(db_path) as con:
        storage.record_decision(
            con, "dijon-2021-2022", 2021, Actor("prefet", "prefecture"), proposed=D(0),
            decided=D(0), threshold=D(1), justification="atteint", decided_on=date(2022, 3, 15),
        )  # fmt: skip
    weights = tmp_path / "poids.csv"
    weights.write_text("action;indicateur;poids\n12;FORM_AV;3\n")
    code, out, err = run(
        "amendment", "add", "--year", "2021", "--date", "2022-04-01", "--reference", "Tardif",
        "--weights", str(weights), capsys=capsys,
    )  # fmt: skip
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "déjà décidée" in err
