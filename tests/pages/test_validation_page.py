"""Validation des chiffres: validate or return submitted figures (the partner reads the reason),
the reporting grid, and target or weight changes with their reason."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from conftest import open_page, signed_in
from streamlit.testing.v1 import AppTest

from lda_dash import storage
from lda_dash.domain.permissions import Actor, Role
from lda_dash.storage import database

CID = "dijon-2021-2022"
HABITAT = "Association Habitat Solidaire (démo)"
HABITAT_ID = "association-habitat-solidaire-demo"
# On the demonstration date Habitat Solidaire has its third quarter of 2022 to report: each test
# starts once it has submitted it (its second quarter's figures again).
REPIT_OCC = (5, "REPIT_OCC", 2022, 3)


@pytest.fixture(autouse=True)
def habitat_submits_its_third_quarter(demo_app_db):
    partner = Actor("demo-partenaire", Role.PARTENAIRE, HABITAT_ID)
    with database.connect(demo_app_db) as con:
        second = [
            f
            for f in storage.figures(con, CID)
            if (f.year, f.quarter) == (2022, 2) and f.action in (2, 3, 4, 5)
        ]
        third = [replace(f, quarter=3, status="submitted") for f in second]
        storage.save_figures(con, CID, third, partner, "Saisie trimestrielle")


def coordination() -> AppTest:
    return open_page("coordination", "lda_dash/pages/validation.py")


def status(db_path, key) -> dict:
    with database.connect(db_path) as con:
        return next(
            r
            for r in storage.figure_records(con, CID)
            if (r["action"], r["code"], r["year"], r["quarter"]) == key
        )


def habitat_form(at: AppTest):
    """The multiselect, reason and buttons of Habitat Solidaire's T3 2022 box."""
    boxes = [m.value for m in at.markdown if m.value.startswith("#### ")]
    position = boxes.index(f"#### {HABITAT} · T3 2022")
    return (
        at.multiselect[position],
        at.text_area[position],
        [b for b in at.button if b.label == "Valider les chiffres choisis"][position],
        [b for b in at.button if b.label == "Renvoyer au partenaire"][position],
    )


def test_submitted_figures_are_listed_per_organisation_and_quarter(demo_app_db):
    at = coordination()
    assert at.title[0].value == "Validation des chiffres"
    boxes = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert f"#### {HABITAT} · T3 2022" in boxes
    chosen, *_ = habitat_form(at)
    assert REPIT_OCC in chosen.value and len(chosen.value) == 9
    table = at.table[0].value
    assert "Trimestres précédents" in table.columns
    assert "T1 : 76 / 91" in table["Trimestres précédents"].iloc[-1]


def test_validate_the_chosen_figures(demo_app_db):
    at = coordination()
    chosen, _, validate, _ = habitat_form(at)
    chosen.set_value([REPIT_OCC])
    validate.click().run()
    assert not at.exception
    assert f"{HABITAT} · T3 2022 : 1 chiffre validé." in at.success[0].value
    assert status(demo_app_db, REPIT_OCC)["status"] == "validated"
    assert status(demo_app_db, (5, "DEP_AMI", 2022, 3))["status"] == "submitted"


def test_returning_needs_a_reason_that_the_partner_then_reads(demo_app_db):
    at = coordination()
    chosen, reason, _, send_back = habitat_form(at)
    chosen.set_value([REPIT_OCC])
    send_back.click().run()
    assert "Indiquez le motif du renvoi" in at.error[0].value
    assert status(demo_app_db, REPIT_OCC)["status"] == "submitted"

    chosen, reason, _, send_back = habitat_form(at)
    chosen.set_value([REPIT_OCC])
    reason.input("52 nuits sur 91 : vérifiez le dénominateur (jours du trimestre).")
    send_back.click().run()
    assert "1 chiffre renvoyé au partenaire" in at.success[0].value
    record = status(demo_app_db, REPIT_OCC)
    assert record["status"] == "returned" and record["return_reason"].startswith("52 nuits")

    partner = signed_in("partenaire", HABITAT_ID)
    partner.session_state["entry_period"] = (2022, 3)
    partner.run()
    assert any("vérifiez le dénominateur" in e.value for e in partner.error)
    editable = [t.key for t in partner.text_input]
    assert "_w_entry_2022_3_5_REPIT_OCC_numerator" in editable  # to correct, then resubmit
    assert partner.text_input(key="_w_entry_2022_3_5_REPIT_OCC_numerator").value == "52"


def test_the_grid_says_who_has_reported_in_words(demo_app_db):
    at = coordination()
    grid = next(t.value for t in at.table if "T3 2022" in t.value.columns)
    assert grid.loc[HABITAT, "T1 2022"] == "✔ validé (9/9)"
    assert grid.loc[HABITAT, "T3 2022"] == "⏳ soumis, à valider (9/9)"
    assert grid.loc["Équipe maraude et médiation (démo)", "T3 2022"] == "◐ incomplet (4/6)"
    assert any("T3 2022 incomplet" in w.value for w in at.warning)


def test_a_target_changes_only_with_a_reason_kept_in_the_history(demo_app_db):
    at = coordination()
    indicator = next(s for s in at.selectbox if s.label == "Indicateur à modifier")
    indicator.set_value((2, "CAPT")).run()
    target = next(t for t in at.text_input if t.label == "Cible 2022 (vide : sans cible)")
    assert target.value == "40"
    target.input("45,0")
    save = next(b for b in at.button if b.label == "Enregistrer le changement")
    save.click().run()
    assert "Indiquez le motif du changement" in at.error[0].value
    with database.connect(demo_app_db) as con:
        assert storage.indicator_specs(con, CID)[(2, "CAPT")].target(2022) == 40

    next(t for t in at.text_input if t.label == "Motif du changement (obligatoire)").input(
        "Avenant de 2022 : objectif relevé"
    )
    next(b for b in at.button if b.label == "Enregistrer le changement").click().run()
    assert "cible 2022 enregistré" in at.success[0].value
    with database.connect(demo_app_db) as con:
        assert storage.indicator_specs(con, CID)[(2, "CAPT")].target(2022) == 45
        history = storage.history(con, CID)
    last = history.iloc[0]
    assert (last["entity"], last["old_value"], last["new_value"]) == ("target", "40", "45")
    assert last["reason"] == "Avenant de 2022 : objectif relevé"


def test_a_weight_written_the_french_way_is_stored_as_meant(demo_app_db):
    at = coordination()
    next(s for s in at.selectbox if s.label == "Indicateur à modifier").set_value((8, "VAD")).run()
    next(t for t in at.text_input if t.label == "Poids").input("1,5")
    next(t for t in at.text_input if t.label == "Motif du changement (obligatoire)").input(
        "Les visites pèsent davantage"
    )
    next(b for b in at.button if b.label == "Enregistrer le changement").click().run()
    assert "poids enregistré" in at.success[0].value
    with database.connect(demo_app_db) as con:
        assert storage.indicator_specs(con, CID)[(8, "VAD")].weight == Decimal("1.5")
