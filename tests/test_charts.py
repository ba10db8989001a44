"""The plotly figures carry the data they show, and never tell a status by colour alone."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from lda_dash.charts import progress as progress_charts
from lda_dash.domain.model import STATUS_LABELS, IndicatorSpec, Mode, QuarterFigure
from lda_dash.domain.progress_report import action_status, compute_progress
from lda_dash.tables import chart_data

YEAR = 2021
AFTER_THE_YEAR = date(2022, 3, 1)
DURING_THE_YEAR = date(2021, 8, 1)


def spec(mode, target=None, *, action=1, code="X", unit="u", baseline=None):
    targets = {} if target is None else {YEAR: Decimal(target)}
    base = None if baseline is None else Decimal(baseline)
    return IndicatorSpec(action, code, code, unit, Mode(mode), base, Decimal(1), targets)


def figures(values, *, code="X", action=1, pending=()):
    """Quarter → figure; a tuple value is a rate's (numerator, denominator)."""
    out = {}
    for quarter, value in values.items():
        status = "submitted" if quarter in pending else "validated"
        if isinstance(value, tuple):
            out[quarter] = QuarterFigure(action, code, YEAR, quarter, None, *value, "", status)
        else:
            out[quarter] = QuarterFigure(action, code, YEAR, quarter, Decimal(value), None, None,
                                         "", status)  # fmt: skip
    return out


@pytest.fixture
def report():
    """Three actions: one reached, one short of its target, one without figures."""
    specs = {
        (1, "A"): spec("somme", 40, action=1, code="A"),
        (2, "B"): spec("somme", 40, action=2, code="B"),
        (3, "C"): spec("jalon", 1, action=3, code="C"),
        (2, "DEP_AMI"): spec("somme", None, action=2, code="DEP_AMI", unit="€"),
    }
    reported = [
        *figures({1: 10, 2: 10, 3: 10, 4: 15}, code="A", action=1).values(),
        *figures({1: 5, 2: 10, 3: 10, 4: 5}, code="B", action=2).values(),
        *figures({1: 999}, code="DEP_AMI", action=2).values(),
    ]
    return compute_progress("c", specs, reported, YEAR, DURING_THE_YEAR)


TITLES = {1: "Poste de coordinateur-animateur", 2: "Poste de captation", 3: "Évaluation"}


def test_bars_are_the_action_attainments_in_percent(report):
    bar = progress_charts.attainment_chart(report, TITLES).data[0]
    expected = [float(report.action_attainments[n] or 0) * 100 for n in (1, 2, 3)]
    assert list(bar.x) == pytest.approx(expected)
    assert list(bar.x) == pytest.approx([100, 75, 0])
    assert list(bar.y) == [
        "n° 1 · Poste de coordinateur-animateur",
        "n° 2 · Poste de captation",
        "n° 3 · Évaluation",
    ]


def test_every_bar_is_labelled_with_its_percentage_and_status_in_words(report):
    figure = progress_charts.attainment_chart(report, TITLES)
    labels = [label.replace("\u202f", " ") for label in figure.data[0].text]
    statuses = [STATUS_LABELS[action_status(report, n)] for n in (1, 2, 3)]
    assert labels[0] == f"100 % · {statuses[0]}"
    assert labels[1] == f"75 % · {statuses[1]}"
    assert labels[2].endswith(statuses[2]) and "pas encore de chiffre" in labels[2]
    shown = [a.text.replace("\u202f", " ") for a in figure.layout.annotations]
    assert all(label in shown for label in labels)  # the labels are drawn, not only hovered


def test_bar_colours_follow_the_status(report):
    bar = progress_charts.attainment_chart(report, TITLES).data[0]
    colours = [progress_charts.STATUS_COLOURS[action_status(report, n)] for n in (1, 2, 3)]
    assert list(bar.marker.color) == colours


def test_the_100_percent_line_is_drawn_and_long_bars_are_capped():
    specs = {(1, "A"): spec("somme", 10, code="A")}
    done = compute_progress("c", specs, [], YEAR, DURING_THE_YEAR)
    figure = progress_charts.attainment_chart(done, {1: "Une action"})
    lines = [s for s in figure.layout.shapes if s.type == "line"]
    assert [(s.x0, s.x1) for s in lines] == [(100, 100)]
    assert figure.layout.xaxis.range == (0, progress_charts.DISPLAY_CAP)


def test_french_separators_are_set():
    figure = progress_charts.trajectory_chart(spec("somme", 40), YEAR, figures({1: 10}))
    assert figure.layout.separators == ",\u202f"  # babel's narrow no-break space, as fmt


def trace(figure, name):
    return next(t for t in figure.data if t.name == name)


@pytest.mark.parametrize(
    ("mode", "values", "year_to_date"),
    [
        ("somme", {1: 5, 2: 10, 3: 0, 4: 7}, [5, 15, 15, 22]),
        ("cumul_annuel", {1: 5, 2: 12, 3: 20, 4: 31}, [5, 12, 20, 31]),
        ("stock", {1: 30, 2: 28, 3: 35, 4: 33}, [30, 28, 35, 33]),
        ("jalon", {1: 0, 2: 0, 3: 1, 4: 0}, [0, 0, 1, 1]),
        ("taux", {1: (1, 4), 2: (3, 4)}, [25, 50]),
        ("somme", {2: 4, 4: 6}, [4, 10]),  # quarters not reported are not drawn
    ],
)
def test_realised_points_are_the_year_value_so_far(mode, values, year_to_date):
    figure = progress_charts.trajectory_chart(spec(mode, 40), YEAR, figures(values))
    realised = trace(figure, "Réalisé (année à date)")
    assert list(realised.x) == sorted(values)
    assert list(realised.y) == pytest.approx(year_to_date)


@pytest.mark.parametrize(
    ("mode", "target", "start", "pace"),
    [
        ("somme", 40, None, [0, 10, 20, 30, 40]),
        ("cumul_annuel", 70, Fraction(50), [0, 17.5, 35, 52.5, 70]),
        ("stock", 80, Fraction(40), [40, 50, 60, 70, 80]),
        ("taux", 75, Fraction(25), [25, 37.5, 50, 62.5, 75]),
        ("stock", 40, None, [0, 10, 20, 30, 40]),
    ],
)
def test_expected_pace_and_target_lines(mode, target, start, pace):
    figure = progress_charts.trajectory_chart(spec(mode, target), YEAR, figures({}), start=start)
    assert list(trace(figure, "Rythme attendu").y) == pytest.approx(pace)
    assert list(trace(figure, f"Cible {YEAR}").y) == [target, target]


def test_a_milestone_has_a_target_but_no_pace_line():
    figure = progress_charts.trajectory_chart(spec("jalon", 1), YEAR, figures({1: 0}))
    names = [t.name for t in figure.data]
    assert "Rythme attendu" not in names
    assert f"Cible {YEAR}" in names
    assert list(figure.layout.yaxis.ticktext) == ["non produit", "produit"]
    assert trace(figure, "Réalisé (année à date)").line.shape == "hv"  # drawn as a step


def test_figures_not_validated_are_hollow_markers_with_their_own_legend():
    figure = progress_charts.trajectory_chart(
        spec("somme", 40), YEAR, figures({1: 5, 2: 5, 3: 5}, pending=(3,))
    )
    pending = trace(figure, "Chiffre soumis, non validé")
    assert (list(pending.x), list(pending.y)) == ([3], [15])
    assert pending.marker.color == "white"
    assert pending.showlegend is not False


def test_all_validated_means_no_pending_trace():
    figure = progress_charts.trajectory_chart(spec("somme", 40), YEAR, figures({1: 5}))
    assert "Chiffre soumis, non validé" not in [t.name for t in figure.data]


def test_spending_is_drawn_against_the_action_budget():
    figure = progress_charts.trajectory_chart(
        spec("somme", None, code="DEP_AMI", unit="€"),
        YEAR,
        figures({1: "1000.50", 2: "2000"}, code="DEP_AMI"),
        reference=Decimal(55000),
        reference_label="Part du versement 2021 : 55 000 €",
    )
    assert list(trace(figure, "Part du versement 2021 : 55 000 €").y) == [55000, 55000]
    assert list(trace(figure, "Réalisé (année à date)").y) == pytest.approx([1000.5, 3000.5])
    assert figure.layout.yaxis.ticksuffix == " €"
    assert "Rythme attendu" not in [t.name for t in figure.data]


def test_axis_labels_are_french():
    figure = progress_charts.trajectory_chart(
        spec("somme", 40, unit="logements"), YEAR, figures({})
    )
    assert list(figure.layout.xaxis.ticktext) == ["1er janvier", "fin T1", "fin T2", "fin T3",
                                                 "fin T4"]  # fmt: skip
    assert figure.layout.yaxis.title.text == "logements"


def test_the_closed_year_attainment_chart_uses_closed_year_statuses():
    specs = {(1, "A"): spec("somme", 40, code="A")}
    reported = list(figures({1: 10, 2: 10, 3: 10, 4: 6}, code="A").values())
    closed = compute_progress("c", specs, reported, YEAR, AFTER_THE_YEAR)
    labels = [
        t.replace("\u202f", " ")
        for t in progress_charts.attainment_chart(closed, TITLES).data[0].text
    ]
    assert labels == ["90 % · partiellement atteint"]


def test_annex_titles_are_inert_in_a_chart(report):
    hostile = '<a href="https://evil.example">x</a> <b>&</b>'
    bar = progress_charts.attainment_chart(report, {**TITLES, 2: hostile}).data[0]
    [label] = [y for y in bar.y if y.startswith("n° 2 ")]
    assert "<" not in label and ">" not in label
    assert label == "n° 2 · " + progress_charts.chart_text(progress_charts.short_title(hostile))
    assert chart_data.plain(label) == "n° 2 · " + progress_charts.short_title(
        hostile
    )  # its data table


def test_annex_titles_are_inert_in_a_presentation_chart():
    from lda_dash.charts.slides import story_figure
    from lda_dash.story.model import Bar, Chart, ChartUnit, Series

    hostile = '<a href="https://evil.example">n° 2</a>'
    chart = Chart("Atteinte", ChartUnit.ATTAINMENT, (Series("2022", (Bar(hostile, 0.5, "50 %"),)),))
    figure = story_figure(chart)
    (drawn,) = figure.data[0].y  # escaped, then wrapped over lines (plotly's <br>)
    assert "<a" not in drawn and drawn.replace("<br>", " ") == progress_charts.chart_text(hostile)
    assert [a.y for a in figure.layout.annotations if a.text == "50 %"] == [drawn]


@pytest.mark.parametrize(
    ("title", "width", "expected"),
    [
        ("Poste de coordinateur-animateur", 44, "Poste de coordinateur-animateur"),
        (
            "Accompagnement des professionnels par la formation continue",
            30,
            "Accompagnement des<br>professionnels par la<br>formation continue",
        ),
        ("Anticonstitutionnellement long", 10, "Anticonstitutionnellement<br>long"),
        ("  espaces   en   trop ", 44, "espaces en trop"),
        ("", 44, ""),
    ],
)
def test_long_titles_are_wrapped_never_cut(title, width, expected):
    from lda_dash.charts.progress import short_title

    assert short_title(title, width) == expected
    assert "…" not in short_title(title, width)
