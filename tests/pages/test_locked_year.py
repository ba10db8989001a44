"""A locked year is read-only before any click, saying why and who unlocks it; the decision form
lists what the year still lacks; a later year opens when the coordination sets its targets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from conftest import demo_today, open_page, signed_in

from lda_dash import storage
from lda_dash.domain.permissions import Actor, Role
from lda_dash.services.control import load_clawback
from lda_dash.services.control_actions import DecisionForm, save_decision
from lda_dash.storage import database

CID = "dijon-2021-2022"
HABITAT_ID = "association-habitat-solidaire-demo"
VALIDATION = "lda_dash/pages/validation.py"
CONTROL = "lda_dash/pages/control.py"


def decide_2021(path) -> None:
    with database.connect(path, read_only=True) as con:
        proposal, _ = load_clawback(con, CID, 2021, threshold=Fraction(1))
    form = DecisionForm(Decimal(1000), "Objectifs non atteints", date(2022, 3, 15))
    save_decision(path, CID, 2021, Actor("prefecture", Role.PREFECTURE), threshold=Fraction(1),
                  shown_proposal=proposal.proposed_total, form=form)  # fmt: skip


def texts(at) -> str:
    return " ".join(e.value for e in [*at.info, *at.warning, *at.error, *at.success])


def test_a_locked_year_offers_no_field_nor_upload_to_the_partner(demo_app_db):
    decide_2021(demo_app_db)
    at = signed_in("partenaire", HABITAT_ID)
    at.session_state["entry_period"] = (2021, 4)
    at.run()
    assert not at.exception, at.exception
    said = texts(at)
    assert "Année 2021 verrouillée" in said
    assert "Seule l'administration peut déverrouiller l'année" in said
    assert not at.text_input and not at.file_uploader
    assert not [b for b in at.button if "Soumettre" in b.label]


def test_a_locked_year_offers_no_validation_nor_target_change(demo_app_db):
    with database.connect(demo_app_db) as con:  # a 2021 figure still waiting, then the decision
        con.execute(
            "UPDATE figure SET status = 'submitted' WHERE convention_id = ? AND action_number = 2"
            " AND code = 'CAPT' AND year = 2021 AND quarter = 4",
            [CID],
        )
    decide_2021(demo_app_db)
    at = open_page("coordination", VALIDATION, 2021)
    said = texts(at)
    assert "ces chiffres soumis ne peuvent plus être validés ni renvoyés" in said
    assert "les cibles et les poids 2021 ne peuvent plus être modifiés" in said
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert any("T4 2021" in h for h in headings)
    validate = [b for b in at.button if b.label == "Valider les chiffres choisis"]
    assert len(validate) == len([h for h in headings if "2021" not in h])  # open years only
    assert not [b for b in at.button if b.label == "Enregistrer le changement"]


def test_the_decision_form_lists_what_the_year_still_lacks(demo_app_db):
    demo_today(demo_app_db, date(2023, 2, 1))  # 2022 over, reported up to its third quarter
    at = open_page("prefecture", CONTROL, 2022)
    warning = next(w.value for w in at.warning if "Avant de décider" in w.value)
    with database.connect(demo_app_db) as con:
        submitted = [f for f in storage.figures(con, CID, ["submitted"]) if f.year == 2022]
    assert f"{len(submitted)} chiffres soumis par les partenaires attendent encore" in warning
    assert "jamais été transmis" in warning
    detail = at.dataframe[-1].value
    assert list(detail.columns) == [
        "Action", "Indicateur", "Soumis, pas encore validés", "Jamais transmis",
    ]  # fmt: skip
    assert (detail["Jamais transmis"].str.contains("T4")).all()
    at.text_area(key="decision_justification_2022").input("Objectifs non atteints")
    at.checkbox(key="confirm_decision_2022").check()
    next(b for b in at.button if b.label == "Enregistrer la décision").click().run()
    assert any("reconnaît les chiffres non validés ou manquants" in e.value for e in at.error)
    with database.connect(demo_app_db) as con:
        assert storage.decisions(con, CID) == []
    at.checkbox(key="confirm_pending_2022").check()
    next(b for b in at.button if b.label == "Enregistrer la décision").click().run()
    assert not at.exception, at.exception
    with database.connect(demo_app_db) as con:
        assert [d["year"] for d in storage.decisions(con, CID)] == [2022]


def test_a_first_target_opens_the_next_year_everywhere(demo_app_db):
    at = open_page("coordination", VALIDATION, 2022)
    at.radio(key="target_year_2022").set_value(2023).run()
    next(s for s in at.selectbox if s.label == "Indicateur à modifier").set_value((2, "CAPT")).run()
    next(t for t in at.text_input if t.label == "Cible 2023 (vide : sans cible)").input("44")
    next(t for t in at.text_input if t.label == "Motif du changement (obligatoire)").input(
        "Avenant 2023"
    )
    next(b for b in at.button if b.label == "Enregistrer le changement").click().run()
    assert not at.exception, at.exception
    assert at.selectbox(key="_w_year").options == ["2021", "2022", "2023"]
