"""The trajectory chart of an open year draws the forecast « à rythme constant » (DOMAIN.md 12)."""

from __future__ import annotations

from fractions import Fraction

from lda_dash.charts import progress as progress_charts
from tests.test_charts import YEAR, figures, spec

PROJECTION = "Prévision (à rythme constant)"


def traces(figure):
    return {trace.name: trace for trace in figure.data}


def test_a_dashed_line_labelled_prevision_runs_from_the_latest_quarter_to_q4():
    figure = progress_charts.trajectory_chart(
        spec("somme", 40), YEAR, figures({1: 10, 2: 15}), projection=Fraction(50)
    )
    line = traces(figure)[PROJECTION]
    assert (list(line.x), list(line.y)) == ([2, 4], [25.0, 50.0])
    assert line.line.dash == "dash"
    assert list(line.text) == ["", "prévision"]


def test_no_projection_line_without_a_projection_or_once_q4_is_reported():
    assert PROJECTION not in traces(
        progress_charts.trajectory_chart(spec("somme", 40), YEAR, figures({1: 10}))
    )
    four = figures({1: 10, 2: 10, 3: 10, 4: 10})
    assert PROJECTION not in traces(
        progress_charts.trajectory_chart(spec("somme", 40), YEAR, four, projection=Fraction(40))
    )


def test_the_value_axis_reaches_the_projection():
    figure = progress_charts.trajectory_chart(
        spec("stock", 10), YEAR, figures({1: 30}), start=Fraction(0), projection=Fraction(120)
    )
    assert figure.layout.yaxis.rangemode == "tozero"  # autoscaled: the projection is in the data
    assert max(traces(figure)[PROJECTION].y) == 120
