"""« Contrôle et reversement », run in-process by AppTest on a demo database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from conftest import demo_today, open_page, plain
from streamlit.testing.v1 import AppTest

from lda_dash import fmt, storage
from lda_dash.domain.model import QuarterFigure
from lda_dash.domain.permissions import Actor, PermissionDenied
from lda_dash.services.control import load_clawback
from lda_dash.storage import database
from lda_dash.ui import auth

CID = "dijon-2021-2022"
CONTROL_PAGE = "lda_dash/pages/control.py"
AFTER_2022 = date(2023, 2, 1)  # « today » once 2022 is over, for its control
READ_ONLY_PAGE = "lda_dash/pages/control_view.py"
TRUSTED = Actor("admin", "admin", trusted_import=True)


def open_control(role: str, year: int, page: str = CONTROL_PAGE) -> AppTest:
    at = open_page(role, page, year)
    assert at.title[0].value == f"Contrôle et reversement {year}"
    return at


def metric(at: AppTest, label: str) -> str:
    return plain(next(m.value for m in at.metric if m.label == label))


def proposal_of(path, year: int, threshold: Fraction | None = None):
    with database.connect(path) as con:
        return load_clawback(con, CID, year, threshold=threshold)[0]


def decide(at: AppTest, justification: str, *, confirm: bool = True, amount: int | None = None):
    year = at.selectbox(key="_w_year").value
    if amount is not None:
        at.text_input(key=f"decision_amount_{year}").input(str(amount))
    at.text_area(key=f"decision_justification_{year}").input(justification)
    if confirm:
        at.checkbox(key=f"confirm_decision_{year}").check()
    next(b for b in at.button if b.label == "Enregistrer la décision").click().run()
    assert not at.exception, at.exception


def spend_more(path, amount: int) -> None:
    """Validated State-funded spending added to action 7 in 2021 (its Q4 figure raised)."""
    with database.connect(path) as con:
        q4 = next(
            f
            for f in storage.figures(con, CID, ["validated"])
            if (f.action, f.code, f.year, f.quarter) == (7, "DEP_AMI", 2021, 4)
        )
        raised = QuarterFigure(7, "DEP_AMI", 2021, 4, q4.value + amount, status="validated")
        storage.save_figures(con, CID, [raised], TRUSTED, "test", is_demo=True)


@pytest.mark.parametrize("year", [2021, 2022])
def test_the_amounts_shown_are_those_of_the_rule(demo_app_db, year):
    demo_today(demo_app_db, AFTER_2022)
    at = open_control("prefecture", year)
    proposal = proposal_of(demo_app_db, year)
    assert metric(at, "Montant proposé") == plain(fmt.money(proposal.proposed_total))
    assert metric(at, "Base objectifs") == plain(fmt.money(proposal.objective_base_total))
    assert metric(at, "Base non-consommation") == plain(fmt.money(proposal.unspent_base))
    table = at.table[0].value
    for term in proposal.actions:
        row = table.loc[str(term.action)]
        assert plain(row["Base objectifs"]) == plain(fmt.money(term.objective_base))
        assert plain(row["Part du versement (F)"]) == plain(fmt.money(term.allocation))
    assert plain(table.loc[""]["Base objectifs"]) == plain(fmt.money(proposal.objective_base_total))


def test_2021_proposal_reads_50_065_euros_with_the_rule_in_words(demo_app_db):
    at = open_control("prefecture", 2021)
    assert metric(at, "Montant proposé") == "50 065 €"
    words = " ".join(m.value for m in at.markdown)
    assert "F × (1 − A)" in words
    assert "100 % (strictement proportionnel)" in words
    assert "la plus grande des deux bases" in words
    assert any("Chiffres validés uniquement" in i.value for i in at.info)


def test_submitted_figures_are_said_not_to_count(demo_app_db):
    demo_today(demo_app_db, AFTER_2022)
    with database.connect(demo_app_db) as con:
        submitted = [f for f in storage.figures(con, CID, ["submitted"]) if f.year == 2022]
    at = open_control("prefecture", 2022)
    notice = next(i.value for i in at.info if "Chiffres validés uniquement" in i.value)
    assert len(submitted) > 1
    expected = f"{len(submitted)} chiffres de 2022 soumis mais pas encore validés ne sont pas"
    assert expected in notice


def test_the_threshold_changes_the_proposal_but_not_the_stored_setting(demo_app_db):
    spend_more(demo_app_db, 60_000)  # nothing left unspent: the objective base decides
    at = open_control("prefecture", 2021)
    assert metric(at, "Montant proposé") == "15 816 €"
    at.slider(key="_w_threshold").set_value(85).run()
    assert not at.exception, at.exception
    expected = proposal_of(demo_app_db, 2021, Fraction(85, 100))
    assert expected.proposed_total == 8_200  # actions 6 (80 %) and 9 (0 %) only
    assert metric(at, "Montant proposé") == "8 200 €"
    # The form follows, the amount written the French way.
    assert at.text_input(key="decision_amount_2021").value == "8\u202f200"
    assert metric(at, "Seuil appliqué") == "85 %"
    assert any("Scénario exploré" in w.value for w in at.warning)
    with database.connect(demo_app_db) as con:
        assert storage.setting(con, "clawback_threshold") == "1.0"
    next(b for b in at.button if b.label == "Revenir au seuil enregistré").click().run()
    assert metric(at, "Montant proposé") == "15 816 €"


def test_a_decision_records_the_threshold_of_the_proposal_it_was_shown(demo_app_db):
    spend_more(demo_app_db, 60_000)
    at = open_control("prefecture", 2021)
    at.slider(key="_w_threshold").set_value(85).run()
    decide(at, "Tolérance de 15 % retenue")
    with database.connect(demo_app_db) as con:
        decision = storage.decisions(con, CID)[0]
        assert (decision["proposed_amount"], decision["decided_amount"]) == (8_200, 8_200)
        assert decision["threshold"] == Decimal("0.85")
        assert storage.setting(con, "clawback_threshold") == "1.0"


def test_a_decision_needs_a_justification(demo_app_db):
    at = open_control("prefecture", 2021)
    decide(at, "   ")
    assert any("la justification est obligatoire" in e.value for e in at.error)
    with database.connect(demo_app_db) as con:
        assert storage.decisions(con, CID) == []
        assert not storage.is_year_locked(con, CID, 2021)


def test_a_decision_must_be_confirmed(demo_app_db):
    at = open_control("prefecture", 2021)
    decide(at, "Objectifs non atteints", confirm=False)
    assert any("cochez la case de confirmation" in e.value for e in at.error)
    with database.connect(demo_app_db) as con:
        assert storage.decisions(con, CID) == []


def test_a_recorded_decision_locks_the_year(demo_app_db):
    at = open_control("prefecture", 2021)
    assert any("verrouille les chiffres 2021" in w.value for w in at.warning)  # said before
    decide(at, "Crédits non consommés", amount=40_000)
    assert any("Décision 2021 enregistrée" in s.value for s in at.success)
    assert metric(at, "Montant décidé") == "40 000 €"
    assert any("Chiffres 2021 verrouillés" in w.value for w in at.warning)
    with database.connect(demo_app_db) as con:
        decision = storage.decisions(con, CID)[0]
        assert (decision["decided_amount"], decision["proposed_amount"]) == (40_000, 50_065)
        assert decision["author"] == "demo-prefecture"
        assert decision["justification"] == "Crédits non consommés"
        assert storage.is_year_locked(con, CID, 2021)
        storage.upsert_organisation(con, "ccas", "CCAS")
        storage.assign(con, CID, 6, "ccas")
        figure = QuarterFigure(6, "DIAG", 2021, 1, Decimal(3), status="draft")
        with pytest.raises(PermissionDenied, match="verrouillée"):
            storage.save_figures(con, CID, [figure], Actor("p", "partenaire", "ccas"), "x")


def test_the_article_4_timeline_labels_an_overdue_step(demo_app_db):
    with database.connect(demo_app_db) as con:
        storage.record_decision(
            con, CID, 2021, Actor("pref", "prefecture"), proposed=Decimal(50065),
            decided=Decimal(50065), threshold=Decimal(1), justification="Non consommé",
            decided_on=date(2022, 1, 20), letter_date=date(2022, 1, 31),
        )  # fmt: skip
    at = open_control("coordination", 2021, READ_ONLY_PAGE)
    boxes = " ".join(e.value for e in at.error)
    assert "En retard : délai échu le 28/02/2022" in boxes
    assert any("envoyée le 31/01/2022" in s.value for s in at.success)


def test_the_coordination_reads_the_control_without_a_decision_form(demo_app_db):
    at = open_control("coordination", 2021, READ_ONLY_PAGE)
    assert metric(at, "Montant proposé") == "50 065 €"
    assert not [b for b in at.button if b.label == "Enregistrer la décision"]
    assert not at.text_area
    coordination = [s.path for s in auth.PAGES if "coordination" in s.roles]
    assert CONTROL_PAGE not in coordination and READ_ONLY_PAGE in coordination
    assert [s.path for s in auth.PAGES if "prefecture" in s.roles].count(CONTROL_PAGE) == 1


def test_an_open_year_says_why_no_proposal_is_possible(demo_app_db):
    at = open_control("prefecture", 2022)  # open on the demonstration date
    message = " ".join(w.value for w in at.warning)
    assert "Pas de proposition de reversement pour 2022" in message
    assert "n'est pas terminée" in message
    assert "menu « Année » : 2021." in message
    assert not [b for b in at.button if b.label == "Enregistrer la décision"]


def test_the_report_is_offered_in_xlsx_and_pdf(demo_app_db):
    at = open_control("coordination", 2021, READ_ONLY_PAGE)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Télécharger le rapport 2021 (XLSX)", "Télécharger le rapport 2021 (PDF)"]
