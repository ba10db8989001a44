"""« Verrous des années » (administration), run in-process by AppTest on a demo database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from conftest import open_page
from streamlit.testing.v1 import AppTest

from lda_dash import storage
from lda_dash.domain.permissions import Actor
from lda_dash.storage import database
from lda_dash.ui import auth

CID = "dijon-2021-2022"
LOCKS_PAGE = "lda_dash/pages/locks.py"


def open_locks(year: int) -> AppTest:
    return open_page("admin", LOCKS_PAGE, year)


def submit(at: AppTest, reason: str) -> None:
    at.text_input(key="lock_reason").input(reason)
    next(b for b in at.button if b.label.startswith(("Déverrouiller", "Verrouiller"))).click()
    at.run()
    assert not at.exception, at.exception


def test_only_the_administration_has_the_locks_page():
    assert [s.roles for s in auth.PAGES if s.path == LOCKS_PAGE] == [("admin",)]


def test_the_admin_unlocks_a_decided_year_with_a_reason(demo_app_db):
    with database.connect(demo_app_db) as con:
        storage.record_decision(
            con, CID, 2021, Actor("pref", "prefecture"), proposed=Decimal(50065),
            decided=Decimal(50065), threshold=Decimal(1), justification="Non consommé",
            decided_on=date(2022, 3, 1),
        )  # fmt: skip
    at = open_locks(2021)
    years = at.table[0].value
    assert years.loc["2021"]["Chiffres"] == "🔒 verrouillés"
    assert years.loc["2022"]["Chiffres"] == "🔓 ouverts"
    submit(at, "  ")
    assert any("le motif est obligatoire" in e.value for e in at.error)
    submit(at, "Erreur de saisie signalée par le CCAS")
    assert any("Chiffres 2021 déverrouillés" in s.value for s in at.success)
    assert at.table[0].value.loc["2021"]["Chiffres"] == "🔓 ouverts"
    history = at.table[1].value
    assert history.iloc[0]["Motif"] == "Erreur de saisie signalée par le CCAS"
    with database.connect(demo_app_db) as con:
        assert not storage.is_year_locked(con, CID, 2021)
