"""« Avenants » (coordination, administration), run in-process by AppTest on a demo database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from conftest import open_page
from streamlit.testing.v1 import AppTest

from lda_dash import storage
from lda_dash.domain.permissions import Actor
from lda_dash.storage import amendments as store
from lda_dash.storage import database
from lda_dash.ui import auth

CID = "dijon-2021-2022"
PAGE = "lda_dash/pages/amendments.py"


def plain(text: str) -> str:
    """A message as shown: without the escapes that keep user text out of Markdown."""
    return text.replace("\\", "")


AREAS = ("am_targets", "am_weights", "am_allocation")


def fill(at: AppTest, **fields: str) -> AppTest:
    for key, value in fields.items():
        widget = at.text_area(key=key) if key in AREAS else at.text_input(key=key)
        widget.input(value)
    return at


def table_with(at: AppTest, column: str):
    """The page's table that has `column` (the reference tables come and go with the year)."""
    return next(t.value for t in at.table if column in t.value.columns)


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click()
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_coordination_and_the_administration_have_the_page():
    assert [s.roles for s in auth.PAGES if s.path == PAGE] == [("coordination", "admin")]


def test_the_coordination_previews_then_records_an_amendment(demo_app_db):
    at = open_page("coordination", PAGE, 2022)
    assert list(table_with(at, "Référence")["Référence"]) == [
        "Avenant 2022", "Convention initiale 2021-2022",
    ]  # fmt: skip
    fill(at, am_date="30/06/2022", am_reference="Avenant bis", am_payment="170 000",
         am_targets="2;CAPT;45", am_reason="Dialogue de gestion")  # fmt: skip
    click(at, "Prévisualiser")
    changes = [c.replace("\u202f", " ") for c in table_with(at, "Avant → après")["Avant → après"]]
    assert changes == [
        "versement : 163 099 € → 170 000 €",
        "cible · action 2 · Logements captés dans le parc privé : 40 → 45",
    ]
    click(at, "Confirmer l'avenant")
    assert any(
        "Avenant enregistré : Avenant bis du 30/06/2022" in plain(s.value) for s in at.success
    )
    assert table_with(at, "Référence").index[0] == "30/06/2022"
    with database.connect(demo_app_db) as con:
        assert storage.payments(con, CID)[2022] == Decimal(170000)


def test_a_bad_line_or_a_decided_year_is_refused_on_the_page(demo_app_db):
    with database.connect(demo_app_db) as con:
        storage.record_decision(
            con, CID, 2021, Actor("pref", "prefecture"), proposed=Decimal(0),
            decided=Decimal(0), threshold=Decimal(1), justification="ok",
            decided_on=date(2022, 3, 1),
        )  # fmt: skip
    at = open_page("coordination", PAGE, 2021)
    fill(at, am_date="30/06/2022", am_reference="X", am_targets="2;CAPT;4x")
    click(at, "Prévisualiser")
    assert any("ligne 2 : cible" in plain(e.value) for e in at.error)
    fill(at, am_targets="2;CAPT;45")
    click(at, "Prévisualiser")
    assert any("déjà décidée" in plain(e.value) for e in at.error)
    assert not [b for b in at.button if b.label == "Confirmer l'avenant"]
    with database.connect(demo_app_db) as con:
        assert len(store.amendments(con, CID)) == 2


def test_the_history_shows_the_amendment(demo_app_db):
    with database.connect(demo_app_db) as con:
        from lda_dash.services.amendments import record_amendment

        record_amendment(
            con, CID, Actor("claire", "coordination"), year=2022, amended_on=date(2022, 6, 30),
            reference="Avenant bis", targets={(2, "CAPT"): Decimal(45)}, reason="bilan",
        )  # fmt: skip
    at = open_page("coordination", "lda_dash/pages/history.py")
    entries = at.dataframe[0].value
    row = entries[entries["Objet"] == "avenant"].iloc[0]
    assert (
        "Avenant bis du 30/06/2022 · année 2022 · cible · action 2 · Logements captés dans le "
        "parc privé" in set(row)
    )
    assert "bilan" in set(row)


def test_the_coordination_records_a_weight_amendment_from_the_page(demo_app_db):
    at = open_page("coordination", PAGE, 2022)
    weights = table_with(at, "Poids")  # the year's weights in force, with the codes to type
    assert weights.loc[weights["Code"] == "`FORM_AV`", "Poids"].tolist() == ["1"]  # as code
    fill(at, am_date="30/06/2022", am_reference="Avenant bis", am_weights="12;FORM_AV;3",
         am_reason="Priorité à la formation « Aller vers »")  # fmt: skip
    click(at, "Prévisualiser")
    assert list(table_with(at, "Avant → après")["Avant → après"]) == [
        "poids · action 12 · Professionnels formés « Aller vers » : 1 → 3"
    ]
    click(at, "Confirmer l'avenant")
    assert any(
        "Avenant enregistré : Avenant bis du 30/06/2022" in plain(s.value) for s in at.success
    )
    with database.connect(demo_app_db) as con:
        latest = store.amendments(con, CID)[-1]
    assert [(c.kind, c.action, c.indicator, c.before, c.after) for c in latest.changes] == [
        ("weight", 12, "FORM_AV", Decimal(1), Decimal(3))
    ]
    dashboard = open_page("coordination", "lda_dash/pages/dashboard.py", 2022)
    assert any(
        c.value == "Cibles et versement : Avenant 2022 du 25/05/2022 ; poids : Avenant bis du "
        "30/06/2022"
        for c in dashboard.caption
    )


def test_an_allocation_off_the_payment_is_refused_on_the_page_in_french(demo_app_db):
    """Action 12's 2022 share is 13 535 € by the default rule (163 099 × 40 000 / 482 000):
    asking 99 999 € makes the total 86 464 € too much."""
    at = open_page("coordination", PAGE, 2022)
    fill(at, am_date="01/09/2022", am_reference="Avenant ter", am_allocation="12;99 999")
    click(at, "Prévisualiser")
    errors = [plain(e.value).replace("\u202f", " ") for e in at.error]
    assert any(
        "la répartition 2022 totaliserait 249 563 € au lieu du versement de 163 099 € "
        "(86 464 € de trop)" in error
        for error in errors
    ), errors
    assert not [b for b in at.button if b.label == "Confirmer l'avenant"]


def test_a_decided_year_refuses_a_weight_amendment_on_the_page(demo_app_db):
    with database.connect(demo_app_db) as con:
        storage.record_decision(
            con, CID, 2021, Actor("pref", "prefecture"), proposed=Decimal(0),
            decided=Decimal(0), threshold=Decimal(1), justification="ok",
            decided_on=date(2022, 3, 1),
        )  # fmt: skip
    at = open_page("coordination", PAGE, 2021)
    fill(at, am_date="30/06/2022", am_reference="Tardif", am_weights="12;FORM_AV;3")
    click(at, "Prévisualiser")
    assert any("déjà décidée" in plain(e.value) for e in at.error)
    assert not [b for b in at.button if b.label == "Confirmer l'avenant"]
