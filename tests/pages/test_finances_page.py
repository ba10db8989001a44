"""Finances and the allocation editor, run in-process by AppTest on a demo database."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import open_page, page_tables, plain
from streamlit.testing.v1 import AppTest

from lda_dash import fmt, storage
from lda_dash.services.control import load_allocation
from lda_dash.services.finances import load_finances
from lda_dash.storage import database
from lda_dash.ui import auth

CID = "dijon-2021-2022"
FINANCES_PAGE = "lda_dash/pages/finances.py"
ALLOCATION_PAGE = "lda_dash/pages/allocation.py"
EDITOR = f"allocation_editor_{CID}_2022"


def metric(at: AppTest, label: str) -> str:
    return plain(next(m.value for m in at.metric if m.label == label))


def texts(at: AppTest) -> str:
    return " ".join(e.value for e in [*at.markdown, *at.caption, *at.info, *at.warning])


@pytest.mark.parametrize("year", [2021, 2022])
def test_finances_show_the_validated_figures_of_load_finances(demo_app_db, year):
    at = open_page("prefecture", FINANCES_PAGE, year)
    assert at.title[0].value == f"Finances {year}"
    with database.connect(demo_app_db) as con:
        report = load_finances(con, CID, year, date.today(), validated_only=True)
    assert metric(at, "Dépenses AMI validées") == plain(fmt.money(report.totals.spending))
    assert metric(at, "Consommation du versement") == plain(fmt.percent(report.totals.consumption))
    balance = next(b.balance for b in report.balance if b.year == year)
    assert metric(at, f"Solde reporté fin {year}") == plain(fmt.money(balance))
    table = page_tables(at)[0].value
    for line in report.actions:
        row = table.loc[str(line.action)]
        assert plain(row["Part du versement"]) == plain(fmt.money(line.allocation))
        assert plain(row["Consommation"]) == plain(fmt.percent(line.consumption))
    assert "chiffres validés uniquement" in texts(at)


def test_cost_per_result_is_in_euros_per_dwelling_captured(demo_app_db):
    at = open_page("coordination", FINANCES_PAGE, 2021)
    capture = page_tables(at)[0].value.loc["2"]
    assert capture["Résultat principal"] == "Logements captés dans le parc privé : 40"
    assert plain(capture["Coût par résultat (part du versement)"]) == "1 375 € / logement"


def test_submitted_spending_is_shown_apart_never_added(demo_app_db):
    at = open_page("coordination", FINANCES_PAGE, 2022)
    with database.connect(demo_app_db) as con:
        waiting = [
            f
            for f in storage.figures(con, CID, ["submitted"])
            if f.code == "DEP_AMI" and f.year == 2022
        ]
    action = min(f.action for f in waiting)  # an action whose third quarter waits
    submitted = sum(f.value for f in waiting if f.action == action)
    table = page_tables(at)[0].value
    assert plain(table.loc[str(action)]["Soumises, non validées"]) == plain(fmt.money(submitted))
    delta = plain(next(m for m in at.metric if m.label == "Dépenses AMI validées").delta)
    assert "soumis, non validés" in delta
    assert (
        "Soumises, non validées"
        not in page_tables(open_page("coordination", FINANCES_PAGE, 2021))[0].value.columns
    )  # 2021 is entirely validated


def test_the_allocation_rule_in_force_is_named(demo_app_db):
    at = open_page("coordination", FINANCES_PAGE, 2022)
    assert "règle par défaut de la convention" in texts(at)


def test_the_allocation_page_is_the_coordinations_only():
    for role in ("partenaire", "prefecture", "admin"):
        assert ALLOCATION_PAGE not in [s.path for s in auth.PAGES if role in s.roles]
    assert ALLOCATION_PAGE in [s.path for s in auth.PAGES if "coordination" in s.roles]
    assert FINANCES_PAGE not in [s.path for s in auth.PAGES if "partenaire" in s.roles]


def edit_share(at: AppTest, row: int, amount: int) -> None:
    """Seed the editor's edit state as a person's cell edit would (AppTest cannot type in it)."""
    at.session_state[EDITOR] = {
        "edited_rows": {row: {"Part (€)": amount}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, at.exception


def save(at: AppTest, reason: str) -> None:
    at.text_input(key="allocation_reason_2022").input(reason)
    next(b for b in at.button if b.label == "Enregistrer la répartition").click().run()
    assert not at.exception, at.exception


def test_the_allocation_editor_refuses_a_sum_that_is_not_the_payment(demo_app_db):
    at = open_page("coordination", ALLOCATION_PAGE, 2022)
    assert metric(at, "Écart") == "0 €"
    edit_share(at, 0, 11_167)  # action 1: one euro more than the default 11 166 €
    assert metric(at, "Total des parts saisies") == "163 100 €"
    assert metric(at, "Écart") == "+1 €"
    assert any("1 € au-dessus du versement" in plain(e.value) for e in at.error)
    save(at, "Ajustement")
    assert any("Répartition non enregistrée" in e.value for e in at.error)
    with database.connect(demo_app_db) as con:
        assert storage.allocation_overrides(con, CID, 2022) == {}


def test_the_allocation_editor_stores_an_exact_sum_with_its_reason(demo_app_db):
    at = open_page("coordination", ALLOCATION_PAGE, 2022)
    at.session_state[EDITOR] = {
        "edited_rows": {0: {"Part (€)": 11_266}, 1: {"Part (€)": 18_511}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert metric(at, "Écart") == "0 €"
    save(at, "")
    assert any("le motif est obligatoire" in e.value for e in at.error)
    save(at, "Renfort de la coordination")
    assert any("Répartition 2022 enregistrée" in s.value for s in at.success)
    with database.connect(demo_app_db) as con:
        shares, overridden = load_allocation(con, CID, 2022)
        assert overridden and (shares[1], shares[2]) == (11_266, 18_511)
        assert sum(shares.values()) == 163_099
    history = page_tables(at)[0].value
    assert set(history["Motif"]) == {"Renfort de la coordination"}
    assert set(history["Action"]) == {"action 1 · 2022", "action 2 · 2022"}
    assert plain(history[history["Action"] == "action 1 · 2022"].iloc[0]["Avant"]) == "11 166 €"
    assert "fixée par la coordination" in texts(at)
    finances = open_page("coordination", FINANCES_PAGE, 2022)
    assert "fixée par la coordination" in texts(finances)
