"""The action sheet, run in-process by AppTest on a demo database."""

from __future__ import annotations

import pytest
from conftest import ACTION_PAGE, page_tables, plain
from streamlit.testing.v1 import AppTest


def open_action(app: AppTest, number: int, year: int | None = None) -> AppTest:
    """Open the sheet as the dashboard's links do: `?action=N` in the address."""
    if year is not None:
        app.selectbox(key="_w_year").set_value(year).run()
    app.query_params["action"] = str(number)
    app.switch_page(ACTION_PAGE).run()
    assert not app.exception, app.exception
    return app


def texts(at: AppTest) -> str:
    return " ".join(e.value for e in [*at.markdown, *at.caption, *at.header, *at.warning])


def test_action_2_shows_its_annex_text(app):
    at = open_action(app, 2)
    assert at.title[0].value == "Fiche action"
    assert at.header[0].value == "Action n° 2 · Poste de captation des logements privés"
    shown = texts(at)
    assert "permettre la captation de logements dans le parc privé" in shown
    for heading in (
        "Description",
        "Objectif",
        "Effet levier",
        "Résultats attendus et indicateurs",
        "Calendrier",
        "Objectifs et livrables",
    ):
        assert f"**{heading}**" in shown
    assert "40 logements /an ; bilan annuel" in shown
    assert "Catégorie : 2. Ingénierie de projet" in shown
    assert "Données de démonstration" in shown


@pytest.mark.parametrize(
    ("number", "note"),
    [
        (10, "n° 9 dans l'annexe signée"),
        (3, "sans numéro dans l'annexe signée"),
        (2, None),
    ],
)
def test_the_signed_number_is_told_when_it_differs(app, number, note):
    captions = " ".join(c.value for c in open_action(app, number).caption)
    if note is None:
        assert "annexe signée" not in captions
    else:
        assert note in captions


def test_the_action_remembered_in_the_session_opens_without_address(app):
    app.session_state["action"] = 7
    app.switch_page(ACTION_PAGE).run()
    assert app.header[0].value.startswith("Action n° 7 ·")
    assert app.query_params["action"] == "7"


def test_budget_of_both_years_is_in_euros(app):
    budget = page_tables(open_action(app, 2))[0].value
    assert list(budget.index) == ["Dépenses", "Financement AMI", "Cofinancement"]
    assert [plain(v) for v in budget["2021 (année 1)"]] == ["55 000 €", "55 000 €", "0 €"]
    assert plain(budget["2022 (année 2), estimation"]["Dépenses"]) == "55 000 €"


@pytest.mark.parametrize(
    ("year", "share", "attained", "status"),
    [(2021, "55 000 €", "100 %", "atteint"), (2022, "18 611 €", "100 %", "atteint")],
)
def test_headline_gives_attainment_status_and_share_of_the_payment(
    app, year, share, attained, status
):
    at = open_action(app, 2, year)
    values = {m.label: plain(m.value) for m in at.metric}
    assert values[f"Atteinte de l'action en {year}"] == attained
    assert values[f"Part du versement {year}"] == share
    assert f"✅ {status}" in texts(at)


def test_a_late_action_shows_its_shortfall_in_words(app):
    at = open_action(app, 6, 2022)
    values = {m.label: plain(m.value) for m in at.metric}
    assert values["Atteinte de l'action en 2022"] == "55 %"
    assert "✖ non atteint" in texts(at)


def test_every_indicator_has_a_chart_and_a_table_of_quarters(app):
    at = open_action(app, 8, 2022)
    # VAD, TX_REP and the DEP_AMI spending line
    assert len(at.get("plotly_chart")) == 3
    quarter_tables = [t.value for t in page_tables(at)[1:]]
    assert len(quarter_tables) == 3
    rate = quarter_tables[1]
    assert list(rate.index) == ["T1 2022", "T2 2022", "T3 2022", "T4 2022"]
    assert rate.loc["T4 2022", "État"] == "⏳ soumis, non validé"  # the glossary's words
    assert rate.loc["T1 2022", "État"] == "✔ validé"
    assert "/" in rate.loc["T1 2022", "Saisie"]  # a rate is entered as numerator / denominator
    assert "#### Dépenses réalisées sur crédits AMI" in texts(at)


def test_a_quarter_not_reported_is_absent_from_the_table(app):
    at = open_action(app, 11, 2022)  # the partner has not reported the last quarter of 2022
    quarters = page_tables(at)[1].value
    assert list(quarters.index) == ["T1 2022", "T2 2022", "T3 2022"]


def test_choosing_another_action_updates_the_sheet_and_the_address(app):
    at = open_action(app, 2)
    at.selectbox(key="_w_action").set_value(4).run()
    assert not at.exception
    assert at.header[0].value == "Action n° 4 · Poste de Gestion Locative Adaptée"
    assert at.query_params["action"] == "4"
    assert at.session_state["action"] == 4
