"""Plotly figures of the presentation's charts, lettered for a 1920×1080 projector (no Streamlit).

A sober palette: near-black ink on white, grey guides, and the Okabe-Ito colours, which stay
distinct with the common colour-vision deficiencies. Colour never carries meaning alone: every
bar ends with its value and, for a status, its words.
"""

from __future__ import annotations

import re
import textwrap

import plotly.graph_objects as go

from lda_dash.charts.progress import STATUS_COLOURS, chart_text
from lda_dash.story.model import Bar, Chart, ChartUnit

INK = "#1E1E1E"
MUTED = "#595959"  # 7:1 on white: legible from the back of the room
GRID = "#E3E3E3"
ACCENT = "#0072B2"  # Okabe-Ito blue
NEUTRAL_BAR = "#0072B2"
SERIES_COLOURS = ("#E69F00", "#0072B2")  # the year before (orange), this year (blue)
FONT = {"family": "Source Sans Pro, Arial, sans-serif", "size": 22, "color": INK}
BAR_HEIGHT = 64  # pixels per category of a single series
LABEL_COLUMN = 330  # pixels right of the plot for the bars' labels (on two lines)


LABEL_WIDTH = 26  # characters per line of a category's label, wrapped rather than cut


def wrap_label(text: str, width: int = LABEL_WIDTH) -> str:
    """A category's whole label over lines of at most `width` characters (plotly's <br>): at
    1366 and 1920 pixels a long action title wraps, it is never cut (issue 12)."""
    # French quotes stay with their words (a no-break space, which textwrap does not split on).
    text = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) or text


def label_width(chart: Chart) -> int:
    """Wider lines for the comparison, whose values column is narrower: fewer lines per bar."""
    return LABEL_WIDTH if len(chart.series) == 1 else 44


def _lines(label: str, width: int = LABEL_WIDTH) -> int:
    return wrap_label(label, width).count("<br>") + 1


def chart_height(chart: Chart) -> int:
    """Tall enough for every bar and its wrapped label, within what a projected slide leaves."""
    lines = max([_lines(c, label_width(chart)) for c in chart.categories] or [1])
    if len(chart.series) == 1:
        per_bar = max(BAR_HEIGHT, 24 * lines + 16)
    else:
        per_bar = max(28, 24 * lines + 10)
    cap = 560 if lines == 1 else 720 if len(chart.series) == 1 else 1000
    return max(400, min(cap, 150 + per_bar * len(chart.categories)))


def _x(chart: Chart, value: float | None) -> float:
    if value is None:
        return 0.0
    return value * 100 if chart.unit == ChartUnit.ATTAINMENT else value


def _colour(chart: Chart, bar: Bar) -> str:
    if chart.by_status and bar.status is not None:
        return STATUS_COLOURS[bar.status]
    return NEUTRAL_BAR


def two_lines(text: str) -> str:
    """`18 logements sur 40<br>45 % · à surveiller`: a long bar label on two lines, so the
    column right of the plot stays narrow enough for a 1366-pixel screen."""
    head, sep, tail = text.partition(" · ")
    if not sep or len(text) <= 22 or not tail:
        return text
    return f"{head}<br>{tail}"


def column_texts(chart: Chart) -> list[str]:
    """What stands right of each category: its bar's label, or the series' labels in a row."""
    if len(chart.series) == 1:
        return [two_lines(bar.text) for bar in chart.series[0].bars]
    return [
        " → ".join(series.bars[i].text for series in chart.series)
        for i in range(len(chart.categories))
    ]


def story_figure(chart: Chart) -> go.Figure:
    """Horizontal bars, first category on top, each labelled with its value and status."""
    figure = go.Figure()
    single = len(chart.series) == 1
    for position, series in enumerate(chart.series):
        colours = (
            [_colour(chart, bar) for bar in series.bars]
            if single
            else SERIES_COLOURS[position % len(SERIES_COLOURS)]
        )
        figure.add_bar(
            x=[_x(chart, bar.value) for bar in series.bars],
            y=[wrap_label(chart_text(bar.label), label_width(chart)) for bar in series.bars],
            orientation="h",
            name=series.name,
            marker={"color": colours, "line": {"color": INK, "width": 0.6}},
            customdata=[bar.text for bar in series.bars],
            hovertemplate="%{y} : %{customdata}<extra>" + series.name + "</extra>",
        )
    # Labels stand in a column right of the plot, clear of the 100 % line and of each other.
    for category, text in zip(chart.categories, column_texts(chart), strict=True):
        figure.add_annotation(
            x=1,
            xref="paper",
            xshift=16,
            y=wrap_label(chart_text(category), label_width(chart)),  # the bar's label as drawn
            text=text,
            showarrow=False,
            xanchor="left",
            align="left",
            font={"size": 21 if single else 19, "color": INK},
        )
    highest = max([_x(chart, bar.value) for series in chart.series for bar in series.bars] or [0])
    wrapped = any(_lines(label, label_width(chart)) > 1 for label in chart.categories)
    if chart.reference is not None:
        reference = _x(chart, chart.reference)
        figure.add_vline(x=reference, line={"color": INK, "width": 3, "dash": "dash"})
        figure.add_annotation(
            x=reference,
            y=1,
            yref="paper",
            yanchor="bottom",
            text=chart.reference_label,
            showarrow=False,
            font={"size": 18, "color": MUTED},
        )
        highest = max(highest, reference)
    figure.update_layout(
        separators=",\u202f",
        font=FONT,
        height=chart_height(chart),
        plot_bgcolor="white",
        paper_bgcolor="white",
        showlegend=not single,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "font": {"size": 20}},
        barmode="group",
        bargap=(0.28 if len(chart.categories) > 2 else 0.5) if single else 0.18,
        bargroupgap=0.05,
        margin={"l": 10, "r": LABEL_COLUMN if single else 260, "t": 50, "b": 60},
        xaxis=_value_axis(chart, highest),
        yaxis={
            "autorange": "reversed",
            "automargin": True,
            "tickfont": {"size": (20 if single else 18) - (2 if wrapped else 0)},
            "ticklabelstandoff": 10,
        },
        hoverlabel={"font": {"size": 18}},
    )
    return figure


def _value_axis(chart: Chart, highest: float) -> dict:
    axis = {
        "title": {"text": chart.title, "font": {"size": 19, "color": MUTED}},
        "gridcolor": GRID,
        "zeroline": True,
        "zerolinecolor": INK,
        "tickfont": {"size": 18, "color": MUTED},
        "automargin": True,
    }
    if chart.unit == ChartUnit.ATTAINMENT:
        top = max(120.0, highest * 1.08)
        axis.update(range=[0, top], ticksuffix=" %", dtick=25)
    else:
        axis.update(range=[0, max(1.0, highest) * 1.12], tickformat=",.0f", ticksuffix=" €")
    return axis


def png_name(stem: str) -> str:
    """A chart's PNG file name: letters, digits and dashes only."""
    safe = re.sub(r"[^A-Za-z0-9]+", "-", stem).strip("-")
    return f"{safe or 'graphique'}.png"
