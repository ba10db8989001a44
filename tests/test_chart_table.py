"""Each chart's data table: the values the figure draws, one row per category, in French."""

from __future__ import annotations

from decimal import Decimal

import plotly.graph_objects as go
import pytest

from lda_dash.charts import national as national_charts
from lda_dash.charts import progress as progress_charts
from lda_dash.domain.model import IndicatorSpec, Mode, QuarterFigure
from lda_dash.story import Bar, Chart, ChartUnit, Series
from lda_dash.tables.chart_data import figure_table, plain, story_table

YEAR = 2022


def spec(mode: str, target, unit: str = "logements") -> IndicatorSpec:
    targets = {YEAR: Decimal(target)} if target is not None else {}
    return IndicatorSpec(2, "X", "Logements captés", unit, Mode(mode), None, Decimal(1), targets)


def reported(values: dict, pending: tuple[int, ...] = ()) -> dict:
    return {
        q: QuarterFigure(2, "X", YEAR, q, Decimal(v), None, None, "",
                         "submitted" if q in pending else "validated")
        for q, v in values.items()
    }  # fmt: skip


def cells(table) -> list[list[str]]:
    return [[plain(c).replace("\u202f", " ").replace("\xa0", " ") for c in row] for row in
            table.itertuples(index=False)]  # fmt: skip


def test_a_trajectory_gives_one_row_per_moment_in_the_axis_order():
    figure = progress_charts.trajectory_chart(
        spec("somme", 40), YEAR, reported({1: 8, 2: 10}, (2,))
    )
    table = figure_table(figure, "Date")
    assert table.index.name == "Date"
    assert list(table.index) == ["1er janvier", "fin T1", "fin T2", "fin T3", "fin T4"]
    assert list(table.columns) == [
        "Rythme attendu",
        f"Cible {YEAR}",
        "Réalisé (année à date)",
        "Chiffre soumis, non validé",
    ]
    assert cells(table) == [
        ["0", "40", "—", "—"],
        ["10", "—", "8", "—"],
        ["20", "—", "18", "18"],
        ["30", "—", "—", "—"],
        ["40", "40", "—", "—"],
    ]


def test_money_is_in_whole_euros_and_a_line_drawn_later_keeps_the_rows_in_order():
    figure = progress_charts.trajectory_chart(
        spec("somme", None, "€"), YEAR, reported({1: 1000.4, 2: 2500}),
        reference=4000, reference_label="Part du versement",
    )  # fmt: skip
    table = figure_table(figure)
    assert list(table.index) == ["1er janvier", "fin T1", "fin T2", "fin T4"]
    assert cells(table) == [
        ["4 000 €", "—"],
        ["—", "1 000 €"],
        ["—", "3 500 €"],
        ["4 000 €", "—"],
    ]


def test_a_milestone_is_told_in_words():
    figure = progress_charts.trajectory_chart(spec("jalon", 1), YEAR, reported({1: 0, 2: 1}))
    table = figure_table(figure)
    assert list(table.columns) == [f"Cible {YEAR}", "Réalisé (année à date)"]
    assert cells(table) == [["produit", "—"], ["—", "non produit"], ["—", "produit"],
                            ["produit", "—"]]  # fmt: skip


@pytest.mark.parametrize(
    ("trace", "expected"),
    [
        (go.Bar(x=[3, 5], y=["a", "b"], orientation="h", text=["3 (30 %)", "5 (50 %)"]),
         [["3 (30 %)"], ["5 (50 %)"]]),
        (go.Bar(x=["a", "b"], y=[3, 5], customdata=["trois", ""]), [["trois"], ["—"]]),
        (go.Bar(x=["a", "b"], y=[3, None]), [["3"], ["—"]]),
    ],
)  # fmt: skip
def test_a_cell_holds_what_the_chart_writes_else_the_value(trace, expected):
    assert cells(figure_table(go.Figure(trace))) == expected


def test_guides_drawn_without_hover_are_left_out_and_unnamed_series_take_the_axis_title():
    figure = national_charts.money_chart([("Dijon", 100.0, 80.0)], YEAR)
    assert "Dépenses = part du versement" not in figure_table(figure).columns
    statuses = national_charts.status_chart({}, YEAR)
    assert list(figure_table(statuses).columns) == [f"Nombre d'actions en {YEAR}"]


def test_chart_markup_is_removed_from_the_labels():
    figure = go.Figure(go.Bar(x=["<b>Base objectifs</b><br>50 065 €"], y=[50065]))
    assert list(figure_table(figure).index) == ["Base objectifs 50 065 €"]


def test_a_heat_map_gives_its_grid_as_written():
    figure = national_charts.attainment_heatmap(
        {"a": "Dijon", "b": "Lyon"}, {"a": {2021: 0.91, 2022: None}, "b": {2021: 0.5, 2022: 1.2}}
    )
    table = figure_table(figure, "Territoire")
    assert list(table.columns) == ["2021", "2022"]
    assert list(table.index) == ["Dijon", "Lyon"]
    assert cells(table) == [["91 %", "pas encore de chiffres"], ["50 %", "120 %"]]


def test_a_presentation_chart_gives_each_series_as_a_column_of_its_labels():
    bars = (Bar("n° 1", 0.9, "90 %"), Bar("n° 2", None, "pas de chiffre"))
    chart = Chart("Atteinte", ChartUnit.ATTAINMENT,
                  (Series("2021", bars), Series("2022", bars[::-1])))  # fmt: skip
    table = story_table(chart, "Action")
    assert table.index.name == "Action"
    assert list(table.columns) == ["2021", "2022"]
    assert cells(table) == [["90 %", "pas de chiffre"], ["pas de chiffre", "90 %"]]
