"""`forecast` end to end on the demonstration database, checked against figures worked by hand.

The demonstration stands on 15 October 2022: Habitat Solidaire (actions 2 to 5) and the CCAS
(6 to 9) have reported two quarters of 2022 (q = 2), the other organisations three (q = 3), and
action 11 only two; no fourth quarter exists, so every projection below is « à rythme constant ».
"""

import json

import pytest

from lda_dash.cli.main import main
from lda_dash.domain.entry import FieldInput
from lda_dash.domain.permissions import Actor
from lda_dash.domain.workflow import FigureStatus
from lda_dash.services.entry import save_entry
from lda_dash.storage import database

KEYS = ["year", "as_of", "threshold", "indicators", "actions", "objective_at_risk",
        "projected_unspent", "projected_total"]  # fmt: skip


def forecast(capsys, *extra, year="2022"):
    code = main(["forecast", "--year", year, "--as-of", "2022-10-15", "--format", "json", *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def with_fourth_quarter(demo_db_path):
    """Habitat reports CAPT's third and fourth quarters (10 and 14): the year value is final."""
    partner = Actor("demo-partenaire", "partenaire", "association-habitat-solidaire-demo")
    for quarter, value in ((3, "10"), (4, "14")):
        check = save_entry(
            demo_db_path, "dijon-2021-2022", partner, [FieldInput(2, "CAPT", value=value)],
            year=2022, quarter=quarter, status=FigureStatus.SUBMITTED, expected_versions={},
        )  # fmt: skip
        assert check.ok, check
    return demo_db_path


def by_key(data):
    indicators = {(row["action"], row["indicator"]): row for row in data["indicators"]}
    return indicators, {row["action"]: row for row in data["actions"]}


def test_forecast_at_the_demonstration_date_worked_by_hand(demo_db_path, capsys):
    data = forecast(capsys)
    indicators, actions = by_key(data)
    assert list(data) == KEYS
    assert (data["year"], data["as_of"], data["threshold"]) == (2022, "2022-10-15", 1.0)
    # CAPT (somme, target 40): 8 + 10 = 18 after T2 → 18 × 4 / 2 = 36
    assert indicators[(2, "CAPT")]["value"] == 18 and indicators[(2, "CAPT")]["quarter"] == 2
    assert indicators[(2, "CAPT")]["projected"] == 36
    assert indicators[(2, "CAPT")]["projected_attainment"] == pytest.approx(0.9)
    # GLA (stock, target 80): 67 at T2, 39 at the end of 2021 → 39 + 28 × 4 / 2 = 95
    assert indicators[(4, "GLA")]["projected"] == 95
    assert indicators[(4, "GLA")]["projected_attainment"] == 1.1875
    # TX_REP (taux, baseline 25, target 75): (40 + 45) / (60 + 66) holds → 8500 / 126 %,
    # attainment (8500 / 126 − 25) / 50 = 107 / 126
    assert indicators[(8, "TX_REP")]["projected"] == pytest.approx(8500 / 126)
    assert indicators[(8, "TX_REP")]["projected_attainment"] == pytest.approx(107 / 126)
    # VAD (somme, target 250): 55 + 69 = 124 → 248, attainment 0.992
    assert indicators[(8, "VAD")]["projected"] == 248
    # ATEL (cumul_annuel, target 70): 45 at T3 → 60
    assert indicators[(13, "ATEL")]["projected"] == 60
    # MEDIA (cumul_annuel): action 11 has reported two quarters, 27 → 54
    assert (indicators[(11, "MEDIA")]["quarter"], indicators[(11, "MEDIA")]["projected"]) == (2, 54)
    # EVAL (jalon) not produced yet: « à produire », no projection
    assert indicators[(16, "EVAL")]["projected"] is None
    assert indicators[(16, "EVAL")]["projected_attainment"] is None
    assert not any(code == "DEP_AMI" for _, code in indicators)

    # action 2: 18 611 € × (1 − 0.9) = 1 861.1 → 1 861
    assert actions[2] == {
        "action": 2, "allocation": 18611, "projected_attainment": pytest.approx(0.9),
        "at_risk": 1861,
    }  # fmt: skip
    # action 8: (0.992 + 107 / 126) / 2 = 28 999 / 31 500; 15 227 × 2 501 / 31 500 = 1 208.98
    assert actions[8]["projected_attainment"] == pytest.approx(28999 / 31500)
    assert actions[8]["at_risk"] == 1209
    assert actions[13]["at_risk"] == 725  # 5 076 / 7 = 725.14
    assert actions[4]["at_risk"] == 0 and actions[4]["projected_attainment"] == 1.0
    assert actions[16] == {
        "action": 16, "allocation": 338, "projected_attainment": None, "at_risk": 0,
    }  # fmt: skip
    assert data["objective_at_risk"] == sum(row["at_risk"] for row in data["actions"])
    # DEP_AMI 2022 per action with its own q: actions 1, 10, 12 to 16 (q = 3) spent
    # 21 540.42 → × 4 / 3 = 28 720.56; the others (q = 2) 51 541.33 → × 2 = 103 082.66.
    # 494 000 + 163 099 − 443 935.25 (DEP_AMI 2021) − 131 803.22 = 81 360.53
    assert data["projected_unspent"] == 81361
    assert data["projected_total"] == max(data["objective_at_risk"], 81361)


def test_fourth_quarter_reported_means_the_year_value_is_final(with_fourth_quarter, capsys):
    indicators, _ = by_key(forecast(capsys))
    assert indicators[(2, "CAPT")]["quarter"] == 4
    assert indicators[(2, "CAPT")]["projected"] == indicators[(2, "CAPT")]["value"] == 42
    # action 11 has still reported two quarters: MEDIA (cumul_annuel) 27 → 54
    assert (indicators[(11, "MEDIA")]["quarter"], indicators[(11, "MEDIA")]["projected"]) == (2, 54)


def test_a_lower_threshold_puts_less_at_risk(demo_db_path, capsys):
    _, actions = by_key(forecast(capsys, "--threshold", "0,9"))
    assert actions[2]["at_risk"] == 0  # 0.9 ≥ 0.9
    assert actions[8]["at_risk"] == 0  # 0.9206 ≥ 0.9
    assert actions[13]["at_risk"] == 725  # 0.8571 < 0.9: the whole shortfall


def test_a_closed_year_is_refused_in_one_french_line(demo_db_path, capsys):
    code = main(["forecast", "--year", "2021", "--as-of", "2022-10-15"])
    _, err = capsys.readouterr()
    assert code == 1
    assert err.strip().count("\n") == 0 and "2021 est terminée" in err


def test_the_table_says_at_constant_pace(demo_db_path, capsys):
    code = main(["forecast", "--year", "2022", "--as-of", "2022-10-15"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "rythme constant" in out and "à produire" in out and "81\u202f361 €" in out


def test_validated_only_leaves_out_the_submitted_third_quarters(demo_db_path, capsys):
    with database.connect(demo_db_path, read_only=True) as con:
        submitted = con.execute(
            "SELECT action_number, code FROM figure WHERE year = 2022 AND quarter = 3 "
            "AND status = 'submitted' AND code <> 'DEP_AMI' ORDER BY 1, 2"
        ).fetchall()
    counted, _ = by_key(forecast(capsys))
    validated, _ = by_key(forecast(capsys, "--validated-only"))
    targeted = [key for key in submitted if key in counted]  # indicators without target: out
    assert targeted  # the demonstration leaves some of 2022's third quarter to validate
    for key in targeted:
        assert (counted[key]["quarter"], validated[key]["quarter"]) == (3, 2)


def test_a_year_without_payment_is_refused(demo_db_path, capsys):
    code = main(["forecast", "--year", "2023", "--as-of", "2023-05-02"])
    _, err = capsys.readouterr()
    assert code == 1 and "aucun versement enregistré pour 2023" in err
