"""The PowerPoint deck, read back with python-pptx: slides, native charts, their data, notes."""

import io
import shutil
import subprocess
from datetime import date

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from lda_dash.cli.main import main as cli_main
from lda_dash.exports import FORMATS, render
from lda_dash.exports.pptx import presentation_pptx
from lda_dash.services.control import load_clawback
from lda_dash.services.progress import load_progress
from lda_dash.services.setup import DEMO_ORGANISATIONS
from lda_dash.storage import database
from lda_dash.story import build_story
from lda_dash.story.build import _category_order
from tests.conftest import YEARS_OVER as AS_OF
from tests.reading import load_report_data

CONVENTION = "dijon-2021-2022"
CATEGORIES = (
    "1. Coordination /animation",
    "2. Ingénierie de projet",
    "3. Mesures d'intervention sociale",
    "4. Observation sociale",
    "5. Suivi et évaluation",
    "6. Communication",
)


@pytest.fixture(scope="module")
def report_2022(demo_db):
    return load_report_data(demo_db, 2022, as_of=AS_OF)


@pytest.fixture(scope="module")
def deck_bytes(report_2022):
    return presentation_pptx(report_2022)


@pytest.fixture(scope="module")
def deck(deck_bytes):
    return Presentation(io.BytesIO(deck_bytes))


@pytest.fixture(scope="module")
def progress(demo_db):
    """The year's progress as the app computes it: submitted and validated figures."""
    with database.connect(demo_db, read_only=True) as con:
        return {year: load_progress(con, CONVENTION, year, AS_OF) for year in (2021, 2022)}


def titles(deck) -> list[str]:
    return [slide.shapes.title.text for slide in deck.slides]


def charts_of(slide) -> list:
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def slide_titled(deck, title: str):
    return next(slide for slide in deck.slides if slide.shapes.title.text == title)


def label_texts(chart) -> list[str]:
    """Each bar's data label, its two lines joined as the page writes them."""
    points = chart.plots[0].series[0].points
    return [p.data_label.text_frame.text.replace("\n", " · ") for p in points]


def all_text(deck) -> str:
    parts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_chart:
                chart = shape.chart
                parts += list(chart.plots[0].categories)
                for series in chart.plots[0].series:
                    parts += [point.data_label.text_frame.text for point in series.points]
        parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def test_the_deck_is_16_9_with_one_slide_per_slide_of_the_story(deck, report_2022):
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))
    assert titles(deck) == [slide.title for slide in build_story(report_2022)]
    assert len(deck.slides) == 2 + 6 + 16 + 3  # title, key figures, categories, actions, last 3


def test_titles_are_in_french(deck):
    names = titles(deck)
    assert names[:2] == ["Plan « Logement d'abord » : bilan 2022", "L'essentiel de 2022"]
    assert names[-3:] == ["De 2021 à 2022", "Reversement 2022 : ce qui est en jeu",
                          "Et maintenant ?"]  # fmt: skip
    assert "n° 2 · Poste de captation des logements privés" in names


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_has_its_slide_with_a_native_bar_chart_of_its_attainments(
    deck, report_2022, progress, category
):
    slide = slide_titled(deck, category)
    (chart,) = charts_of(slide)
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    numbers = [a["number"] for a in report_2022.actions if a["category"] == category]
    attainments = progress[2022].action_attainments
    (series,) = chart.plots[0].series
    assert list(series.values) == [float(attainments[n]) for n in numbers]
    assert [c.split(" · ")[0] for c in chart.plots[0].categories] == [f"n° {n}" for n in numbers]


def test_bars_carry_their_status_in_words(deck):
    (chart,) = charts_of(slide_titled(deck, "3. Mesures d'intervention sociale"))
    labels = label_texts(chart)
    assert labels[1] == "22 % · non atteint".replace(" %", "\u202f%")
    assert all(" · " in label for label in labels)


def test_an_action_slide_charts_each_targeted_indicator_against_its_target(deck, progress):
    (chart,) = charts_of(slide_titled(deck, "n° 8 · Enquêtes sociales par visites à domicile"))
    rows = [r for r in progress[2022].rows_of(8) if r.target is not None]
    assert [r.spec.code for r in rows] == ["VAD", "TX_REP"]
    assert list(chart.plots[0].series[0].values) == [float(r.attainment) for r in rows]
    labels = label_texts(chart)
    assert labels[0].startswith("124 visites sur 250 · 50")
    assert labels[0].endswith("non atteint")  # 2022 stops at its third quarter in the demo


def test_the_comparison_puts_the_two_years_side_by_side(deck, progress):
    (chart,) = charts_of(slide_titled(deck, "De 2021 à 2022"))
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    years = {series.name: list(series.values) for series in chart.plots[0].series}
    for year in (2021, 2022):
        attainments = progress[year].action_attainments
        assert years[str(year)] == [float(attainments[n]) for n in range(1, 17)]


def test_the_clawback_slide_charts_the_objective_base_of_validated_figures(deck, demo_db):
    with database.connect(demo_db, read_only=True) as con:
        proposal, _ = load_clawback(con, CONVENTION, 2022, as_of=AS_OF)
    slide = slide_titled(deck, "Reversement 2022 : ce qui est en jeu")
    (chart,) = charts_of(slide)
    terms = [t for t in proposal.actions if t.objective_base > 0]
    assert list(chart.plots[0].series[0].values) == [float(t.objective_base) for t in terms]
    text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "la décision revient au préfet" in text


def test_charts_are_native_never_pictures(deck):
    pictures = [
        shape for slide in deck.slides for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]  # fmt: skip
    assert pictures == []
    assert sum(len(charts_of(slide)) for slide in deck.slides) >= 6 + 16 + 2


def test_every_slide_has_speaker_notes_in_french(deck):
    notes = [slide.notes_slide.notes_text_frame.text for slide in deck.slides]
    assert all(note.strip() for note in notes)
    assert "atteint" in notes[1]


def test_the_demo_deck_says_its_figures_are_fictitious_on_every_slide(deck):
    for slide in deck.slides:
        text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert "démonstration" in text


def test_partner_names_can_be_left_out(report_2022, deck):
    hidden = Presentation(io.BytesIO(presentation_pptx(report_2022, hide_partners=True)))
    for organisation in DEMO_ORGANISATIONS:
        assert organisation not in all_text(hidden)
    assert any(organisation in all_text(deck) for organisation in DEMO_ORGANISATIONS)


def test_the_export_command_writes_the_deck(demo_db, tmp_path, capsys):
    output = tmp_path / "bilan-2022.pptx"
    code = cli_main(
        ["export", "--db", str(demo_db), "--year", "2022", "--format", "pptx",
         "--output", str(output), "--as-of", "2023-06-30"]
    )  # fmt: skip
    assert code == 0
    assert titles(Presentation(str(output)))[0] == "Plan « Logement d'abord » : bilan 2022"
    assert FORMATS["pptx"].extension == ".pptx"


def test_an_open_year_deck_has_no_proposal_and_says_what_comes_next(demo_db):
    report = load_report_data(demo_db, 2022, as_of=date(2022, 10, 15))
    deck = Presentation(io.BytesIO(render("pptx", report)))
    clawback = slide_titled(deck, "Reversement 2022 : ce qui est en jeu")
    assert charts_of(clawback) == []
    text = " ".join(s.text_frame.text for s in clawback.shapes if s.has_text_frame)
    assert "n'est pas terminée" in text
    last = " ".join(s.text_frame.text for s in deck.slides[-1].shapes if s.has_text_frame)
    assert "30/11/2022 au plus tard : versement 2022" in last


def test_the_first_year_has_no_comparison_slide(demo_db):
    report = load_report_data(demo_db, 2021, as_of=AS_OF)
    names = titles(Presentation(io.BytesIO(presentation_pptx(report))))
    assert not any(name.startswith("De 20") for name in names)
    assert names[-2] == "Reversement 2021 : ce qui est en jeu"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is absent")
def test_libreoffice_opens_the_deck_and_converts_it_to_pdf(deck_bytes, tmp_path):
    source = tmp_path / "bilan.pptx"
    source.write_bytes(deck_bytes)
    profile = tmp_path / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "bilan.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000


def test_categories_follow_their_annex_numbers_and_actions_follow_their_category(deck):
    names = ["10. Autre", "2. Ingénierie de projet", "Sans catégorie", "Hors série", "1. Coord"]
    assert sorted(names, key=_category_order) == [
        "1. Coord", "2. Ingénierie de projet", "10. Autre", "Hors série", "Sans catégorie"
    ]  # fmt: skip
    order = titles(deck)
    second = order.index("2. Ingénierie de projet")
    assert order[second + 1 : second + 5] == [
        "n° 2 · Poste de captation des logements privés",
        "n° 3 · Coordination plateforme logement",
        "n° 4 · Poste de Gestion Locative Adaptée",
        "n° 12 · Accompagnement des professionnels par la formation",
    ]


def test_euro_axes_group_thousands_the_french_way_in_any_office_language(deck):
    """`[$-40C]` carries the French locale in the format: « 10 000 € », never « 10,000 € »."""
    formats = [
        chart.value_axis.tick_labels.number_format
        for slide in deck.slides
        for chart in charts_of(slide)
        if "€" in chart.value_axis.tick_labels.number_format
    ]
    assert formats and all(f.startswith("[$-40C]") for f in formats)
