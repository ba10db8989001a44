"""The Administration page, run in-process by AppTest: loading another territory's convention."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import open_page, signed_in
from streamlit.testing.v1 import AppTest

from lda_dash import storage
from lda_dash.storage import database
from lda_dash.ui import auth

PAGE = "lda_dash/pages/admin.py"
DASHBOARD = "lda_dash/pages/dashboard.py"
SIGNED_ANNEX = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "convention"
    / "avenant-2022-dijon-metropole.txt"
)
NEW_CONVENTION = "territoire-test-2021-2022"


@pytest.fixture
def admin(demo_app_db) -> AppTest:
    return open_page("admin", PAGE)


@pytest.fixture
def annex() -> bytes:
    if not SIGNED_ANNEX.exists():
        pytest.skip(f"the signed annex is absent: {SIGNED_ANNEX}")
    return SIGNED_ANNEX.read_bytes()


def load(at: AppTest, content: bytes, name: str = "avenant-2022.txt") -> AppTest:
    at.number_input(key="annex_first_year").set_value(2021).run()
    at.number_input(key="annex_last_year").set_value(2022).run()
    at.text_input(key="annex_payment_2021").input("100 000")
    at.file_uploader(key="annex_file").upload(name, content, "text/plain")
    at.text_input(key="annex_territory").input("Territoire test")
    at.run()
    assert not at.exception, at.exception
    return at


def editor_key(at: AppTest) -> str:
    return next(e.key for e in at.data_editor if e.key.startswith("annex_editor_"))


def conventions(path) -> list[str]:
    with database.connect(path, read_only=True) as con:
        return [c["id"] for c in storage.conventions(con)]


def test_only_the_administrator_gets_the_page():
    (spec,) = [s for s in auth.PAGES if s.path == PAGE]
    assert spec.roles == ("admin",)


def test_accounts_are_listed_read_only_without_passwords(admin):
    accounts = next(d.value for d in admin.dataframe if "Identifiant" in d.value.columns)
    assert "demo-coordination" in set(accounts["Identifiant"])
    assert not any("hash" in column.lower() for column in accounts.columns)


def test_the_annex_findings_come_first_then_the_proposed_indicators(admin, annex):
    load(admin, annex)
    findings = next(d.value for d in admin.dataframe if "Constat" in d.value.columns)
    assert set(findings["Type"]) == {  # in words, never the codes (missing_number…)
        "numéro d'action manquant",
        "numéro d'action en double",
        "total différent de la somme",
        "cofinancement supérieur au coût",
    }
    assert any("4 constats, dont 3 erreurs" in w.value for w in admin.warning)
    proposals = admin.data_editor(key=editor_key(admin)).value
    assert set(proposals["Action"]) == set(range(1, 17))
    capture = proposals[(proposals["Action"] == 2) & (proposals["Unité"] == "logements")]
    assert capture[["Cible 2021", "Cible 2022"]].values.tolist() == [[40.0, 40.0]]
    rate = proposals[(proposals["Action"] == 8) & (proposals["Mode"] == "taux")].iloc[0]
    assert (rate["Référence"], rate["Cible 2022"]) == (25.0, 75.0)


def test_saving_creates_a_second_convention_and_the_switch_appears(admin, annex, demo_app_db):
    load(admin, annex)
    admin.button(key="annex_save").click().run()
    assert not admin.exception, admin.exception
    assert NEW_CONVENTION in admin.success[0].value
    assert conventions(demo_app_db) == ["dijon-2021-2022", NEW_CONVENTION]
    admin.switch_page(DASHBOARD).run()
    assert not admin.exception, admin.exception
    switch = admin.selectbox(key="_w_convention")
    assert switch.options == ["Dijon Métropole · 2021-2022", "Territoire test · 2021-2022"]
    assert switch.value == NEW_CONVENTION  # the convention just loaded is shown
    switch.set_value("dijon-2021-2022").run()
    assert not admin.exception, admin.exception
    assert "Dijon Métropole" in admin.caption[0].value


def test_the_new_convention_can_be_presented_before_any_figure(admin, annex):
    load(admin, annex)
    admin.button(key="annex_save").click().run()
    admin.switch_page("lda_dash/pages/presentation.py").run()
    assert not admin.exception, admin.exception
    count = len(admin.selectbox(key="_w_slide").options)
    for index in range(count):
        admin.selectbox(key="_w_slide").set_value(index).run()
        assert not admin.exception, (index, admin.exception)
    assert admin.title[0].value == "Et maintenant ?"
    assert any(m.value.startswith("Territoire test · Bilan") for m in admin.markdown)


def test_with_a_single_convention_there_is_no_switch(demo_app_db):
    at = signed_in("coordination")
    at.run()
    assert "_w_convention" not in [s.key for s in at.selectbox]


def test_a_corrected_table_with_mistakes_names_line_and_column_and_saves_nothing(
    admin, annex, demo_app_db
):
    load(admin, annex)
    admin.session_state[editor_key(admin)] = {
        "edited_rows": {0: {"Code": ""}, 2: {"Cible 2022": 3.0, "Mode": "jalon"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    admin.run()
    admin.button(key="annex_save").click().run()
    (error,) = admin.error
    assert "ligne 1, colonne « Code » : code manquant" in error.value
    assert "ligne 3, colonne « Cible 2022 »" in error.value
    assert conventions(demo_app_db) == ["dijon-2021-2022"]


def test_an_unreadable_annex_is_refused_with_the_column_named(admin):
    broken = b"numero;action;categorie\n1;Poste;1. Coordination\n"
    load(admin, broken, "annexe.csv")
    (error,) = admin.error
    assert error.value.startswith("L'annexe ne peut pas être lue")
    assert "colonne" in error.value.lower()
    assert not [e for e in admin.data_editor if e.key and e.key.startswith("annex_editor_")]
