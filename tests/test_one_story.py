"""The deck, the présentation page and the dashboard give the same attainment for every action,
the basis and the data date said once, whole titles in the deck's chart data (issue 12)."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from lda_dash import fmt, storage
from lda_dash.exports.pptx import presentation_pptx
from lda_dash.services.context import Selection, load_dashboard
from lda_dash.services.presentation import load_presentation
from lda_dash.storage import database
from lda_dash.story import build_story
from lda_dash.story.model import SlideKind

CID = "dijon-2021-2022"


def deck_attainments(content: bytes) -> dict[int, float]:
    """action → the bar value of its category slide, read back from the PPTX chart data."""
    found = {}
    for slide in Presentation(io.BytesIO(content)).slides:
        for shape in slide.shapes:
            if not shape.has_chart or len(shape.chart.plots[0].series) != 1:
                continue
            plot = shape.chart.plots[0]
            for category, value in zip(plot.categories, plot.series[0].values, strict=True):
                if category.startswith("n° ") and " · " in category:
                    found.setdefault(int(category[3:].split(" · ")[0]), value)
    return found


@pytest.mark.parametrize("year", [2021, 2022])
def test_deck_page_and_dashboard_give_the_same_attainment_for_every_action(demo_db_path, year):
    wanted = Selection(CID, year)
    dashboard = load_dashboard(demo_db_path, wanted).report.action_attainments
    report = load_presentation(demo_db_path, wanted).report
    slides = build_story(report)
    page = {}
    for slide in slides:
        if slide.kind == SlideKind.CATEGORY:
            for bar in slide.chart.series[0].bars:
                page[int(bar.label[3:].split(" · ")[0])] = bar.value
    deck = deck_attainments(presentation_pptx(report))
    assert set(dashboard) == set(page) == set(deck) == set(range(1, 17))
    for action, attained in dashboard.items():
        expected = None if attained is None else float(attained)
        assert page[action] == expected, action
        assert deck[action] == pytest.approx(expected if expected is not None else 0), action


def test_the_clawback_slide_shows_the_dashboard_attainment_and_names_the_validated_one(
    demo_db_path,
):
    """A figure submitted after validation of the rest: the slides count it like the dashboard,
    the proposal does not, and the clawback slide says both, each for what it is."""
    with database.connect(demo_db_path) as con:
        storage.set_setting(con, "demo_date", "2023-02-01")  # 2022 over: a proposal exists
    report = load_presentation(demo_db_path, Selection(CID, 2022)).report
    dashboard = load_dashboard(demo_db_path, Selection(CID, 2022)).report.action_attainments
    (claw,) = [s for s in build_story(report) if s.kind == SlideKind.CLAWBACK]
    for bar in claw.chart.series[0].bars:
        action = int(bar.label[3:].split(" · ")[0])
        term = next(t for t in report.proposal.actions if t.action == action)
        assert f"atteinte {fmt.percent(dashboard[action])}" in bar.text
        if term.attainment != dashboard[action]:
            assert f"calcul sur les validés : {fmt.percent(term.attainment)}" in bar.text


def test_the_title_slide_says_the_data_date_and_the_basis_once(demo_db_path):
    report = load_presentation(demo_db_path, Selection(CID, 2022)).report
    title, *others = build_story(report)
    assert title.bullets[0] == "Données au 10/10/2022"  # the demo's last change, not today
    basis = [b for b in title.bullets if b.startswith("Chiffres présentés")]
    assert len(basis) == 1 and "« à valider »" in basis[0]
    assert not any("chiffre(s)" in b for b in title.bullets)
    assert all("Chiffres présentés" not in " ".join(s.bullets) for s in others)


def test_the_deck_keeps_whole_titles_in_its_chart_data(demo_db_path):
    report = load_presentation(demo_db_path, Selection(CID, 2021)).report
    deck = Presentation(io.BytesIO(presentation_pptx(report)))
    categories = [
        category
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_chart
        for category in shape.chart.plots[0].categories
    ]
    assert categories and not any("…" in c for c in categories)
    titles = {a["number"]: a["title"] for a in report.actions}
    assert f"n° 12 · {titles[12]}" in categories
