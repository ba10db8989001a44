"""« Ce qui est en jeu d'ici décembre »: the open year's forecast, on the story and in the deck."""

import io
from datetime import date

import pytest
from pptx import Presentation

from lda_dash import fmt
from lda_dash.exports import render
from lda_dash.services.forecast import load_forecast
from lda_dash.storage import database
from lda_dash.story import SlideKind, build_story
from lda_dash.story.forecast_slide import TITLE
from tests.conftest import YEARS_OVER
from tests.reading import load_report_data

OPEN = date(2022, 10, 15)


@pytest.fixture(scope="module")
def open_report(demo_db):
    return load_report_data(demo_db, 2022, as_of=OPEN)


def test_an_open_year_story_puts_the_forecast_before_the_clawback_slide(open_report, demo_db):
    slides = build_story(open_report)
    kinds = [slide.kind for slide in slides]
    assert kinds[-3:] == [SlideKind.FORECAST, SlideKind.CLAWBACK, SlideKind.NEXT]
    slide = slides[-3]
    assert slide.title == TITLE
    assert "à rythme constant" in slide.subtitle
    with database.connect(demo_db, read_only=True) as con:
        expected = load_forecast(con, "dijon-2021-2022", 2022, OPEN).forecast
    figures = {figure.label: figure.value for figure in slide.figures}
    assert figures["Total projeté"] == fmt.money(expected.projected_total)
    assert figures["En jeu au titre des objectifs"] == fmt.money(expected.objective_at_risk)
    exposed = [term.action for term in expected.actions if term.at_risk > 0]
    assert [bar.label.split(" · ")[0] for bar in slide.chart.series[0].bars] == [
        f"n° {n}" for n in exposed
    ]
    assert any("pas une proposition" in bullet for bullet in slide.bullets)


def test_a_closed_year_has_no_forecast_slide(demo_db):
    slides = build_story(load_report_data(demo_db, 2022, as_of=YEARS_OVER))
    assert SlideKind.FORECAST not in [slide.kind for slide in slides]


def test_the_deck_draws_the_forecast_slide_with_a_native_chart(open_report):
    deck = Presentation(io.BytesIO(render("pptx", open_report)))
    slide = next(s for s in deck.slides if s.shapes.title.text == TITLE)
    assert any(shape.has_chart for shape in slide.shapes)
    assert "à rythme constant" in slide.notes_slide.notes_text_frame.text
