"""The forecast « à rythme constant » on the pages of an open year, run in-process by AppTest.

The demonstration years are over; the current year is opened by copying 2022's payment,
targets and first two quarters to it, as a convention in its second quarter would stand.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import ACTION_PAGE, open_page, page_tables, plain, signed_in

from lda_dash.services.forecast import forecast_json, load_forecast
from lda_dash.storage import database
from lda_dash.story import build_story
from tests.reading import load_report_data

CID = "dijon-2021-2022"
YEAR = date.today().year


@pytest.fixture
def open_year_db(demo_app_db):
    """The demo database with the current year open after two quarters of 2022's figures."""
    with database.connect(demo_app_db) as con:
        con.execute(f"INSERT INTO payment SELECT * REPLACE ({YEAR} AS year) FROM payment "
                    "WHERE year = 2022")  # fmt: skip
        con.execute(f"INSERT INTO target SELECT * REPLACE ({YEAR} AS year) FROM target "
                    "WHERE year = 2022")  # fmt: skip
        con.execute(f"INSERT INTO figure SELECT * REPLACE ({YEAR} AS year) FROM figure "
                    "WHERE year = 2022 AND quarter <= 2")  # fmt: skip
    return demo_app_db


def euros(amount: int) -> str:
    """`12 345 €` as the page writes it, spaces made plain."""
    return f"{amount:,} €".replace(",", " ")


def expected(path) -> dict:
    with database.connect(path, read_only=True) as con:
        return forecast_json(load_forecast(con, CID, YEAR, date.today()))


def test_the_dashboard_of_an_open_year_shows_the_forecast_and_the_money_at_risk(open_year_db):
    at = signed_in().run()
    assert not at.exception, at.exception
    assert at.title[0].value == f"Tableau de bord {YEAR}"
    assert "Prévision à rythme constant" in [s.value for s in at.subheader]
    assert any("à rythme constant" in c.value and "prévision" in c.value.lower()
               for c in at.caption)  # fmt: skip
    data = expected(open_year_db)
    metrics = {m.label: plain(m.value) for m in at.metric}
    assert data["objective_at_risk"] > 0  # late actions 6, 9 and 12 put money at risk
    assert metrics["En jeu au titre des objectifs"] == euros(data["objective_at_risk"])
    assert metrics["Total projeté (prévision)"] == euros(data["projected_total"])
    by_action = next(t.value for t in page_tables(at) if "Montant en jeu" in t.value.columns)
    assert len(by_action) == 16
    at_risk = {n: plain(v) for n, v in by_action["Montant en jeu"].items()}
    for term in data["actions"]:
        assert at_risk[term["action"]] == euros(term["at_risk"])
    assert by_action.loc[16, "Statut (prévision)"] == "pas de projection"  # EVAL à produire


def test_the_action_sheet_of_an_open_year_draws_the_projection(open_year_db):
    at = signed_in().run()
    at.switch_page(ACTION_PAGE).run()
    assert not at.exception, at.exception
    names = set()
    for chart in at.get("plotly_chart"):
        names |= {trace.get("name") for trace in json.loads(chart.proto.spec)["data"]}
    assert "Prévision (à rythme constant)" in names


@pytest.mark.parametrize(
    ("role", "page"),
    [
        ("prefecture", "lda_dash/pages/control.py"),
        ("coordination", "lda_dash/pages/control_view.py"),
    ],
)
def test_control_of_an_open_year_shows_the_forecast_from_validated_figures(
    open_year_db, role, page
):
    at = open_page(role, page, YEAR)
    assert at.title[0].value == f"Contrôle et reversement {YEAR}"
    assert "Prévision" in [s.value for s in at.subheader]
    with database.connect(open_year_db, read_only=True) as con:
        data = forecast_json(load_forecast(con, CID, YEAR, date.today(), validated_only=True))
    metrics = {m.label: plain(m.value) for m in at.metric}
    assert metrics["Non-consommation projetée"] == euros(data["projected_unspent"])
    assert metrics["Total projeté (prévision)"] == euros(data["projected_total"])
    assert any("chiffres validés" in c.value for c in at.caption)
    assert any("pas une proposition" in c.value for c in at.caption)


def test_the_presentation_of_an_open_year_has_the_slide_of_what_is_at_stake(open_year_db):
    at = open_page("coordination", "lda_dash/pages/presentation.py", YEAR)
    slides = build_story(load_report_data(open_year_db, YEAR))
    at.selectbox(key="_w_slide").set_value(len(slides) - 3).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Ce qui est en jeu d'ici décembre"
    assert "Total projeté" in [m.label for m in at.metric]


def test_a_closed_year_shows_no_forecast(demo_app_db):
    at = signed_in().run()
    at.selectbox(key="_w_year").set_value(2021).run()  # over on the demonstration date
    assert at.title[0].value == "Tableau de bord 2021"
    assert "Prévision à rythme constant" not in [s.value for s in at.subheader]
