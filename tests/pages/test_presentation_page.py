"""The Présentation page, run in-process by AppTest on a demo database."""

from __future__ import annotations

import pytest
from conftest import open_page, plain
from streamlit.testing.v1 import AppTest

from lda_dash.services.setup import DEMO_ORGANISATIONS
from lda_dash.story import build_story
from lda_dash.ui import auth
from tests.reading import load_report_data

PAGE = "lda_dash/pages/presentation.py"


@pytest.fixture
def show(demo_app_db) -> AppTest:
    return open_page("coordination", PAGE)


def counter(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Diapositive"))


def heading(at: AppTest) -> str:
    """The slide's title as shown (the page escapes markdown signs such as `1.`)."""
    return at.title[0].value.replace("\\", "")


def step(at: AppTest, key: str, times: int = 1) -> None:
    for _ in range(times):
        at.button(key=key).click().run()
        assert not at.exception, at.exception


def slide_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(m.label for m in at.metric)


def test_the_page_opens_on_the_title_slide_of_the_latest_year(show, demo_app_db):
    slides = build_story(load_report_data(demo_app_db, 2022))
    assert heading(show) == "Plan « Logement d'abord » : bilan 2022"
    assert counter(show) == f"**Diapositive 1 / {len(slides)}**"
    assert len(slides) == 28  # 2022 is open: its forecast slide comes before the clawback
    assert show.button(key="slide_previous").disabled
    assert not show.button(key="slide_next").disabled


def test_next_and_previous_walk_through_the_slides(show):
    step(show, "slide_next")
    assert heading(show) == "L'essentiel de 2022"
    assert counter(show) == "**Diapositive 2 / 28**"
    assert [plain(m.value) for m in show.metric][:2] == ["163 099 €", "1 / 16"]  # 2022 open
    step(show, "slide_next", 2)
    assert heading(show) == "n° 1 · Poste de coordinateur-animateur"
    step(show, "slide_previous")
    assert heading(show) == "1. Coordination /animation"
    assert counter(show) == "**Diapositive 3 / 28**"


def test_the_last_slide_says_what_comes_next_and_next_stops_there(show):
    show.selectbox(key="_w_slide").set_value(27).run()
    assert heading(show) == "Et maintenant ?"
    assert show.button(key="slide_next").disabled
    step(show, "slide_previous")
    assert heading(show) == "Reversement 2022 : ce qui est en jeu"
    assert "la décision revient au préfet" in slide_text(show)


def test_an_action_slide_shows_its_status_in_words(show):
    step(show, "slide_next", 5)
    assert heading(show) == "n° 2 · Poste de captation des logements privés"
    assert ":orange-badge[🟡 à surveiller]" in [m.value for m in show.markdown]


def test_partner_names_can_be_hidden(show):
    step(show, "slide_next", 3)
    assert "porté par Dijon Métropole, direction de l'action sociale (démo)" in slide_text(show)
    show.toggle(key="hide_partners").set_value(True).run()
    assert heading(show) == "n° 1 · Poste de coordinateur-animateur"  # the same slide
    assert not any(name in slide_text(show) for name in DEMO_ORGANISATIONS)
    show.selectbox(key="_w_slide").set_value(27).run()
    assert "Action n° 11 : T3 2022 non déclaré" in slide_text(show)
    assert "Équipe maraude" not in slide_text(show)


def test_the_first_year_has_one_slide_less_and_the_position_is_kept_in_range(show):
    show.selectbox(key="_w_slide").set_value(27).run()
    show.selectbox(key="_w_year").set_value(2021).run()
    assert not show.exception, show.exception
    assert counter(show) == "**Diapositive 26 / 26**"  # no comparison with a year before
    assert heading(show) == "Et maintenant ?"


def test_the_deck_can_be_downloaded_from_the_page(show):
    labels = [button.label for button in show.get("download_button")]
    assert "Télécharger la présentation (PowerPoint)" in labels


@pytest.mark.parametrize(
    ("role", "has_page"),
    [("coordination", True), ("admin", True), ("partenaire", False), ("prefecture", False)],
)
def test_the_page_belongs_to_the_coordination_and_the_administrator(role, has_page):
    paths = [spec.path for spec in auth.PAGES if role in spec.roles]
    assert (PAGE in paths) == has_page
