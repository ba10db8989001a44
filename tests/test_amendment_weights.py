"""Amendments of a year's weights and allocation (DOMAIN.md sections 6, 7, 8, 12 and 13) on a
real database: in force at a date, read by progress, the forecast and the clawback, refused when
the allocation would not make the payment or the year is decided, told in words.

Expected values are computed by hand from DOMAIN.md. Figures: action 12 « Accompagnement des
professionnels par la formation », two cumul_annuel indicators with 2022 target 30 each,
FORM_AV = 30 and FORM_PU = 6 at the end of quarter 2.
- Attainments: FORM_AV 30/30 = 1, FORM_PU 6/30 = 0.2. Action 12 (section 6), weights 1 and 1:
  (1 + 0.2) / 2 = 0.6; FORM_AV weighing 3: (3 × 1 + 0.2) / 4 = 0.8.
- Forecast (section 12, q = 2): 30 × 4/2 = 60 and 6 × 4/2 = 12, so â = 2 → 1 and 0.4;
  Â = (1 + 0.4) / 2 = 0.7, or (3 × 1 + 0.4) / 4 = 0.85.
- Allocation of 2022 (section 7): 163 099 € pro rata of the year-2 needs, which sum to
  482 000 €; action 12 needs 40 000 €: 163 099 × 40 000 / 482 000 = 13 535.19 → 13 535 € (its
  remainder 0.19 is not among the 7 largest that get the 7 euros left); action 11 needs 100 000 €:
  33 837.97 → 33 838 € (largest remainder).
- At risk (section 12): 13 535 × (1 − 0.7) = 4 060.5 → 4 061 €; × (1 − 0.85) = 2 030.25 → 2 030 €.
- Clawback (section 8, year over, no DEP_AMI): action 12 gives 13 535 × (1 − 0.6) = 5 414 €, or
  × (1 − 0.8) = 2 707 €; every other action has no figure, so attainment 0 and its whole share:
  163 099 − 13 535 = 149 564 €. Totals 154 978 € and 152 271 €, below the payment.
"""

import json
from datetime import date
from decimal import Decimal as D

import pytest

from lda_dash import storage
from lda_dash.cli.main import main
from lda_dash.domain.permissions import Actor
from lda_dash.services.amendments import AmendmentRefused, record_amendment
from lda_dash.services.control import load_allocation, load_clawback, load_default_allocation
from lda_dash.services.forecast import load_forecast
from lda_dash.services.history import french_history
from lda_dash.services.in_force import source_line, specs_of_year
from lda_dash.services.national_money import load_clawbacks
from lda_dash.services.progress import load_progress
from lda_dash.storage import amendments as store
from lda_dash.storage import database

CID = "dijon-2021-2022"
COORDINATION = Actor("claire", "coordination")
FORM_AV = (12, "FORM_AV")
AFTER_2022 = date(2023, 2, 1)


@pytest.fixture
def figures(db_path, tmp_path):
    """Action 12's two figures of 2022, validated (imported from the command line)."""
    path = tmp_path / "chiffres.csv"
    path.write_text(
        "action;indicateur;annee;trimestre;valeur\n12;FORM_AV;2022;2;30\n12;FORM_PU;2022;2;6\n"
    )
    assert main(["import-figures", str(path)]) == 0
    return db_path


def amend(con, day, reference="Avenant bis", **changes):
    return record_amendment(
        con, CID, COORDINATION, year=2022, amended_on=day, reference=reference, **changes
    )


def weight_on(con, as_of, year=2022):
    return specs_of_year(con, CID, year, as_of)[FORM_AV].weight


def test_weights_in_force_before_on_and_after_two_amendments_of_one_year(db_path):
    with database.connect(db_path) as con:
        amend(con, date(2022, 9, 1), "Avenant ter", weights={FORM_AV: D(2)})
        amend(con, date(2022, 6, 30), weights={FORM_AV: D(3)})  # recorded later, dated earlier
        found = [
            weight_on(con, day)
            for day in (date(2022, 6, 29), date(2022, 6, 30), date(2022, 8, 31),
                        date(2022, 9, 1), date(2023, 6, 1))
        ]  # fmt: skip
        other_year = weight_on(con, date(2023, 6, 1), year=2021)
        stored = storage.indicator_specs(con, CID)[FORM_AV].weight
    assert found == [1, 3, 3, 2, 2]
    assert (other_year, stored) == (1, 1)  # a weight amendment belongs to its year


def test_a_weight_amendment_changes_the_2022_attainment_forecast_and_clawback_from_its_date(
    figures,
):
    with database.connect(figures) as con:
        before = load_clawback(con, CID, 2022, as_of=AFTER_2022)[0]
        amend(con, date(2022, 6, 30), weights={FORM_AV: D(3)})
        attainment = {
            day: load_progress(con, CID, 2022, day).action_attainments[12]
            for day in (date(2022, 6, 29), date(2022, 6, 30))
        }
        at_risk = {
            day: next(t for t in load_forecast(con, CID, 2022, day).forecast.actions
                      if t.action == 12)
            for day in (date(2022, 6, 29), date(2022, 6, 30))
        }  # fmt: skip
        after = load_clawback(con, CID, 2022, as_of=AFTER_2022)[0]
        national = load_clawbacks(con, 2022, AFTER_2022)[CID]
    assert attainment == {date(2022, 6, 29): D("0.6"), date(2022, 6, 30): D("0.8")}
    assert [(t.projected_attainment, t.at_risk) for t in at_risk.values()] == [
        (D("0.7"), 4061), (D("0.85"), 2030),
    ]  # fmt: skip
    terms = {t.action: t for t in before.actions}, {t.action: t for t in after.actions}
    assert [terms[0][12].objective_base, terms[1][12].objective_base] == [5414, 2707]
    assert (before.proposed_total, after.proposed_total) == (154978, 152271)
    assert national == after  # the Dihal's national view reads the same weights


def test_the_reversement_command_uses_the_amended_weight(figures, tmp_path, capsys):
    weights = tmp_path / "poids.csv"
    weights.write_text("action;indicateur;poids\n12;FORM_AV;3\n")
    assert main(["amendment", "add", "--year", "2022", "--date", "2022-06-30",
                 "--reference", "Avenant bis", "--weights", str(weights)]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["reversement", "--year", "2022", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    action = next(a for a in result["actions"] if a["action"] == 12)
    assert (action["attainment"], action["objective_base"]) == (0.8, 2707)
    assert result["proposed_total"] == 152271


SEPT = {11: D(32838), 12: D(14535)}  # 1 000 € moved from action 11 to action 12
OCT = {12: D(15535), 13: D(4076)}  # then 1 000 € from action 13 (5 076 €) to action 12


@pytest.mark.parametrize(
    ("as_of", "shares"),
    [
        (date(2022, 8, 31), (33838, 13535, 5076)),  # before: the default rule
        (date(2022, 9, 1), (32838, 14535, 5076)),  # on its date
        (date(2022, 9, 30), (32838, 14535, 5076)),
        (date(2022, 10, 1), (32838, 15535, 4076)),  # the second amendment of the year
        (date(2022, 12, 31), (32838, 15535, 4076)),
    ],
)
def test_the_allocation_in_force_follows_its_amendments(db_path, as_of, shares):
    with database.connect(db_path) as con:
        amend(con, date(2022, 9, 1), allocation=SEPT)
        amend(con, date(2022, 10, 1), "Avenant ter", allocation=OCT)
        found, fixed = load_allocation(con, CID, 2022, as_of)
        latest, _ = load_allocation(con, CID, 2022)
        forecast = load_forecast(con, CID, 2022, as_of).forecast
    assert (found[11], found[12], found[13]) == shares
    assert sum(found.values()) == 163099
    assert fixed == (as_of >= date(2022, 9, 1))
    assert (latest[11], latest[12], latest[13]) == (32838, 15535, 4076)  # reversement's
    assert next(t.allocation for t in forecast.actions if t.action == 12) == shares[1]


def test_an_allocation_that_does_not_make_the_payment_is_refused_in_french(db_path):
    with database.connect(db_path) as con:
        with pytest.raises(AmendmentRefused) as refused:
            amend(con, date(2022, 9, 1), allocation={12: D(14535)})
        assert len(store.amendments(con, CID)) == 2
        assert storage.allocation_overrides(con, CID, 2022) == {}
    message = str(refused.value).replace("\u202f", " ")
    assert message == (
        "la répartition 2022 totaliserait 164 099 € au lieu du versement de 163 099 € "
        "(1 000 € de trop) : les parts doivent totaliser exactement le versement, ajustez "
        "celles d'autres actions dans le même avenant"
    )


def test_a_new_payment_over_a_fixed_allocation_needs_the_allocation_too(db_path):
    with database.connect(db_path) as con:
        amend(con, date(2022, 9, 1), allocation=SEPT)
        with pytest.raises(AmendmentRefused, match="il manque 6\u202f901 €"):
            amend(con, date(2022, 10, 1), "Avenant ter", payment=D(170000))
        amend(con, date(2022, 10, 1), "Avenant ter", payment=D(170000),
              allocation={11: D(39739)})  # 32 838 + 6 901  # fmt: skip
        assert sum(load_allocation(con, CID, 2022)[0].values()) == 170000
        assert sum(load_allocation(con, CID, 2022, date(2022, 9, 30))[0].values()) == 163099


def test_before_a_payment_amendment_the_default_rule_shares_the_old_payment(db_path):
    with database.connect(db_path) as con:
        amend(con, date(2022, 7, 1), payment=D(170000))
        default = load_default_allocation(con, CID, 2022)  # of 170 000 €: the input to move
        moved = {11: default[11] - 1000, 12: default[12] + 1000}
        amend(con, date(2022, 9, 1), "Avenant ter", allocation=moved)
        june = load_allocation(con, CID, 2022, date(2022, 6, 30))[0]
        september = load_allocation(con, CID, 2022, date(2022, 9, 1))[0]
    assert (june[11], june[12], sum(june.values())) == (33838, 13535, 163099)
    assert (september[11], september[12]) == (moved[11], moved[12])
    assert sum(september.values()) == 170000


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"weights": {FORM_AV: D(0)}}, "strictement positif"),
        ({"weights": {FORM_AV: D(-1)}}, "strictement positif"),
        ({"weights": {(12, "DEP_AMI"): D(2)}}, "n'ont pas de poids"),
        ({"weights": {(12, "NOPE"): D(2)}}, "indicateur inconnu"),
        ({"allocation": {99: D(0)}}, "action 99 inconnue"),
        ({"allocation": {12: D(-5)}}, "négative"),
        ({"allocation": {12: D("13535.005")}}, "centime"),
    ],
)
def test_bad_weights_and_shares_are_refused(db_path, changes, message):
    with database.connect(db_path) as con:
        with pytest.raises(AmendmentRefused, match=message):
            amend(con, date(2022, 9, 1), **changes)
        assert len(store.amendments(con, CID)) == 2


@pytest.mark.parametrize(
    "changes", [{"weights": {FORM_AV: D(3)}}, {"allocation": SEPT}], ids=["weight", "share"]
)
def test_a_decided_year_refuses_a_later_weight_or_allocation_amendment(figures, changes):
    with database.connect(figures) as con:
        proposal, _ = load_clawback(con, CID, 2022, as_of=AFTER_2022)
        storage.record_decision(
            con, CID, 2022, Actor("prefet", "prefecture"), proposed=D(proposal.proposed_total),
            decided=D(proposal.proposed_total), threshold=D(1), justification="constat",
            decided_on=date(2023, 3, 1),
        )  # fmt: skip
        with pytest.raises(AmendmentRefused, match="déjà décidée"):
            amend(con, date(2023, 3, 2), **changes)
        amend(con, date(2022, 9, 1), **changes)  # dated before the decision: accepted
        assert len(store.amendments(con, CID)) == 3


def test_the_history_and_the_source_line_say_it_in_words(db_path):
    with database.connect(db_path) as con:
        amend(con, date(2022, 6, 30), weights={FORM_AV: D("1.5")}, reason="dialogue")
        amend(con, date(2022, 9, 1), "Avenant ter", allocation=SEPT)
        history = french_history(storage.history(con, CID))
        lines = {
            day: source_line(con, CID, 2022, day)
            for day in (date(2022, 6, 1), date(2022, 7, 1), date(2022, 9, 1))
        }
    rows = history[history["Objet"] == "avenant"]
    shown = {
        (row["Élément"], row["Ancienne valeur"], row["Nouvelle valeur"], row["Motif"])
        for _, row in rows.iterrows()
    }
    assert shown == {
        ("Avenant bis du 30/06/2022 · année 2022 · poids · action 12 · Professionnels formés "
         "« Aller vers »", "1", "1,5", "dialogue"),
        ("Avenant ter du 01/09/2022 · année 2022 · répartition · action 11 · Appropriation de "
         "l'environnement par la médiation sociale", "33\u202f838 €", "32\u202f838 €",
         "Avenant ter du 01/09/2022"),
        ("Avenant ter du 01/09/2022 · année 2022 · répartition · action 12 · Accompagnement des "
         "professionnels par la formation", "13\u202f535 €", "14\u202f535 €",
         "Avenant ter du 01/09/2022"),
    }  # fmt: skip
    assert not any("FORM_AV" in text for row in shown for text in row)
    assert lines == {
        date(2022, 6, 1): "Cibles et versement : Avenant 2022 du 25/05/2022",
        date(2022, 7, 1): (
            "Cibles et versement : Avenant 2022 du 25/05/2022 ; poids : Avenant bis du 30/06/2022"
        ),
        date(2022, 9, 1): (
            "Cibles et versement : Avenant 2022 du 25/05/2022 ; poids : Avenant bis du "
            "30/06/2022 ; répartition : Avenant ter du 01/09/2022"
        ),
    }
