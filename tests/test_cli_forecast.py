"""`forecast` end to end on the demonstration database, checked against figures worked by hand.

The demonstration holds 2022's fourth quarter for every action but 11: on 15 October 2022 most
indicators are then final (four quarters, DOMAIN.md 5). `without_fourth_quarter` removes them, as
the database stood in October 2022, so that the projections at q = 3 are exercised.
"""

import json

import pytest

from lda_dash.cli.main import main
from lda_dash.storage import database

KEYS = ["year", "as_of", "threshold", "indicators", "actions", "objective_at_risk",
        "projected_unspent", "projected_total"]  # fmt: skip


def forecast(capsys, *extra, year="2022"):
    code = main(["forecast", "--year", year, "--as-of", "2022-10-15", "--format", "json", *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def without_fourth_quarter(demo_db_path):
    with database.connect(demo_db_path) as con:
        con.execute("DELETE FROM figure WHERE year = 2022 AND quarter = 4")
    return demo_db_path


def by_key(data):
    indicators = {(row["action"], row["indicator"]): row for row in data["indicators"]}
    return indicators, {row["action"]: row for row in data["actions"]}


def test_forecast_at_the_third_quarter_worked_by_hand(without_fourth_quarter, capsys):
    data = forecast(capsys)
    indicators, actions = by_key(data)
    assert list(data) == KEYS
    assert (data["year"], data["as_of"], data["threshold"]) == (2022, "2022-10-15", 1.0)
    # CAPT (somme, target 40): 8 + 10 + 10 = 28 after T3 → 28 × 4 / 3
    assert indicators[(2, "CAPT")]["value"] == 28 and indicators[(2, "CAPT")]["quarter"] == 3
    assert indicators[(2, "CAPT")]["projected"] == pytest.approx(112 / 3)
    assert indicators[(2, "CAPT")]["projected_attainment"] == pytest.approx(14 / 15)
    # GLA (stock, target 80): 81 at T3, 39 at the end of 2021 → 39 + 42 × 4 / 3 = 95
    assert indicators[(4, "GLA")]["projected"] == 95
    assert indicators[(4, "GLA")]["projected_attainment"] == 1.1875
    # TX_REP (taux, baseline 25, target 75): 128 / 187 holds → (100 × 128 / 187 − 25) / 50
    assert indicators[(8, "TX_REP")]["projected"] == pytest.approx(12800 / 187)
    assert indicators[(8, "TX_REP")]["projected_attainment"] == pytest.approx(8125 / 9350)
    # ATEL (cumul_annuel, target 70): 45 at T3 → 60
    assert indicators[(13, "ATEL")]["projected"] == 60
    # EVAL (jalon) not produced yet: « à produire », no projection
    assert indicators[(16, "EVAL")]["projected"] is None
    assert indicators[(16, "EVAL")]["projected_attainment"] is None
    assert not any(code == "DEP_AMI" for _, code in indicators)

    # action 2: 18 611 € × (1 − 14/15) = 1 240.73 → 1 241
    assert actions[2] == {
        "action": 2, "allocation": 18611, "projected_attainment": pytest.approx(14 / 15),
        "at_risk": 1241,
    }  # fmt: skip
    # action 8: VAD capped at 1 and TX_REP: 15 227 × 1225 / 18 700 = 997.49 → 997
    assert actions[8]["at_risk"] == 997
    assert actions[13]["at_risk"] == 725  # 5 076 / 7 = 725.14
    assert actions[4]["at_risk"] == 0 and actions[4]["projected_attainment"] == 1.0
    assert actions[16] == {
        "action": 16, "allocation": 338, "projected_attainment": None, "at_risk": 0,
    }  # fmt: skip
    assert data["objective_at_risk"] == sum(row["at_risk"] for row in data["actions"])
    # 494 000 + 163 099 − 443 935.25 (DEP_AMI 2021) − 101 715.82 × 4 / 3 = 77 542.66
    assert data["projected_unspent"] == 77543
    assert data["projected_total"] == max(data["objective_at_risk"], 77543)


def test_fourth_quarter_reported_means_the_year_value_is_final(demo_db_path, capsys):
    indicators, _ = by_key(forecast(capsys))
    assert indicators[(2, "CAPT")]["quarter"] == 4
    assert indicators[(2, "CAPT")]["projected"] == indicators[(2, "CAPT")]["value"] == 42
    # action 11 has not reported its fourth quarter: MEDIA (cumul_annuel) 42 → 56
    assert (indicators[(11, "MEDIA")]["quarter"], indicators[(11, "MEDIA")]["projected"]) == (3, 56)


def test_a_lower_threshold_puts_less_at_risk(without_fourth_quarter, capsys):
    _, actions = by_key(forecast(capsys, "--threshold", "0,9"))
    assert actions[2]["at_risk"] == 0  # 0.9333 ≥ 0.9
    assert actions[13]["at_risk"] == 725  # 0.8571 < 0.9: the whole shortfall


def test_a_closed_year_is_refused_in_one_french_line(demo_db_path, capsys):
    code = main(["forecast", "--year", "2021", "--as-of", "2022-10-15"])
    _, err = capsys.readouterr()
    assert code == 1
    assert err.strip().count("\n") == 0 and "2021 est terminée" in err


def test_the_table_says_at_constant_pace(without_fourth_quarter, capsys):
    code = main(["forecast", "--year", "2022", "--as-of", "2022-10-15"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "rythme constant" in out and "à produire" in out and "77\u202f543 €" in out


def test_validated_only_leaves_out_the_submitted_fourth_quarters(demo_db_path, capsys):
    with database.connect(demo_db_path, read_only=True) as con:
        submitted = con.execute(
            "SELECT action_number, code FROM figure WHERE year = 2022 AND quarter = 4 "
            "AND status = 'submitted' AND code <> 'DEP_AMI' ORDER BY 1, 2"
        ).fetchall()
    counted, _ = by_key(forecast(capsys))
    validated, _ = by_key(forecast(capsys, "--validated-only"))
    targeted = [key for key in submitted if key in counted]  # indicators without target: out
    assert targeted  # the demonstration leaves some of 2022's last quarter to validate
    for key in targeted:
        assert (counted[key]["quarter"], validated[key]["quarter"]) == (4, 3)


def test_a_year_without_payment_is_refused(demo_db_path, capsys):
    code = main(["forecast", "--year", "2023", "--as-of", "2023-05-02"])
    _, err = capsys.readouterr()
    assert code == 1 and "aucun versement enregistré pour 2023" in err
