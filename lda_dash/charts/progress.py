"""Plotly figures of the pages, built from report data (no Streamlit: pages display them).

Statuses are never told by colour alone: every bar carries its percentage and status in words,
and figures not yet validated are hollow markers with their own legend entry.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from fractions import Fraction

import plotly.graph_objects as go

from lda_dash import fmt
from lda_dash.domain.model import STATUS_LABELS, IndicatorSpec, Mode, QuarterFigure, Status
from lda_dash.domain.progress import expected_to_date, year_value
from lda_dash.domain.progress_report import ProgressReport, action_status
from lda_dash.domain.workflow import FigureStatus

DISPLAY_CAP = 120  # percent: longer bars would squash the others
FONT = {"family": "Source Sans Pro, Arial, sans-serif", "size": 14, "color": "#1E1E1E"}

# Okabe-Ito colours, readable with the common colour-vision deficiencies.
STATUS_COLOURS = {
    Status.ACHIEVED: "#009E73",
    Status.ON_TRACK: "#56B4E9",
    Status.WATCH: "#E69F00",
    Status.LATE: "#D55E00",
    Status.PARTIALLY_ACHIEVED: "#E69F00",
    Status.NOT_ACHIEVED: "#D55E00",
    Status.NO_DATA: "#9E9E9E",
    Status.NO_TARGET: "#C8C8C8",
}
REALISED_COLOUR = "#000091"  # the State's blue
PACE_COLOUR = "#7A7A7A"
TARGET_COLOUR = "#1E1E1E"
QUARTER_TICKS = {0: "1er janvier", 1: "fin T1", 2: "fin T2", 3: "fin T3", 4: "fin T4"}


def chart_text(text: str) -> str:
    """Text from an annex made inert in a chart: plotly draws `<b>`, `<a href>` and entities
    in labels and hover texts, so `<`, `>` and `&` are written as entities."""
    return html.escape(text, quote=False)


def short_title(title: str, width: int = 44) -> str:
    """A long annex title on lines of about `width` characters (`<br>` between them), so that
    the axis stays narrow and every word is still there: a cut title (`…`) hid which action a
    bar was, and plotly shows the lines as they are. A single word longer than `width` keeps its
    own line whole."""
    lines: list[str] = []
    for word in " ".join((title or "").split()).split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def attainment_chart(report: ProgressReport, titles: Mapping[int, str]) -> go.Figure:
    """Horizontal bars of each action's attainment for the year, against a 100 % line."""
    numbers = sorted(report.action_attainments)
    labels, shown, exact, colours, texts = [], [], [], [], []
    for number in numbers:
        attained = report.action_attainments[number]
        status = action_status(report, number)
        percent = None if attained is None else float(attained * 100)
        labels.append(f"n° {number} · {chart_text(short_title(titles.get(number, '')))}")
        shown.append(0.0 if percent is None else min(percent, DISPLAY_CAP))
        exact.append(percent)
        colours.append(STATUS_COLOURS[status])
        if attained is None:
            texts.append(f"pas encore de chiffre · {STATUS_LABELS[status]}")
        else:
            texts.append(f"{fmt.percent(attained)} · {STATUS_LABELS[status]}")
    figure = go.Figure(
        go.Bar(
            x=shown,
            y=labels,
            orientation="h",
            marker={"color": colours, "line": {"color": "#1E1E1E", "width": 0.5}},
            text=texts,
            textposition="none",
            hovertemplate="%{y}<br>Atteinte : %{text}<extra></extra>",
            name="Atteinte de l'action",
        )
    )
    # The labels stand in a column right of the bars, clear of the 100 % line and of each other.
    # Given to the layout in one go: add_annotation re-validates every earlier annotation each
    # time, which made this chart the costliest part of a dashboard rerun.
    annotations = [
        {"x": 1, "xref": "paper", "xshift": 10, "y": label, "text": text, "showarrow": False,
         "xanchor": "left"}
        for label, text in zip(labels, texts, strict=True)
    ]  # fmt: skip
    annotations.append(
        {"x": 100, "y": 1, "yref": "paper", "yanchor": "bottom", "text": "100 % : objectif",
         "showarrow": False}
    )  # fmt: skip
    target_line = {
        "type": "line", "x0": 100, "x1": 100, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
        "line": {"color": TARGET_COLOUR, "width": 2, "dash": "dash"},
    }  # fmt: skip
    figure.update_layout(
        _layout(height=90 + 46 * len(numbers)),  # two lines of title a bar
        annotations=annotations,
        shapes=[target_line],
        showlegend=False,
        bargap=0.3,
        margin={"l": 10, "r": 230, "t": 30, "b": 50},
        xaxis={
            "title": {"text": f"Atteinte de l'action en {report.year} (%)"},
            "range": [0, DISPLAY_CAP],
            "tickvals": [0, 25, 50, 75, 100, 120],
            "ticksuffix": " %",
            "gridcolor": "#E5E5E5",
            "zeroline": True,
            "zerolinecolor": "#1E1E1E",
        },
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure


def cumulated_points(
    mode: Mode, figures: Mapping[int, QuarterFigure]
) -> list[tuple[int, Fraction, bool]]:
    """(quarter, year value so far, validated) for each reported quarter (DOMAIN.md 4)."""
    points = []
    for quarter in sorted(figures):
        so_far = {q: f for q, f in figures.items() if q <= quarter}
        validated = figures[quarter].status == FigureStatus.VALIDATED
        points.append((quarter, year_value(mode, so_far), validated))
    return points


def trajectory_chart(
    spec: IndicatorSpec,
    year: int,
    figures: Mapping[int, QuarterFigure],
    *,
    start: Fraction | None = None,
    reference: Fraction | float | None = None,
    reference_label: str | None = None,
    projection: Fraction | None = None,
) -> go.Figure:
    """Quarterly year-to-date values against the expected pace and the target (DOMAIN.md 5).

    `start` is where a stock or a rate starts the year (last year's value, else the baseline);
    `reference` draws another horizontal line instead of a target, e.g. an action's budget;
    `projection` is the year-end value « à rythme constant » (DOMAIN.md 12) of an open year.
    """
    money = spec.unit == "€"
    jalon = spec.mode == Mode.JALON
    number_format = ",.0f" if money else ",.1~f"
    suffix = " €" if money else (" %" if spec.mode == Mode.TAUX else "")
    figure = go.Figure()
    target = spec.target(year)
    if target is not None and spec.mode != Mode.JALON:
        pace = [float(expected_to_date(spec.mode, Fraction(target), q, start)) for q in range(0, 5)]
        figure.add_scatter(
            x=list(range(0, 5)),
            y=pace,
            mode="lines",
            name="Rythme attendu",
            line={"color": PACE_COLOUR, "width": 2, "dash": "dot"},
            hovertemplate=f"%{{x}} : attendu %{{y:{number_format}}}{suffix}<extra></extra>",
        )
    for level, name in ((target, f"Cible {year}"), (reference, reference_label)):
        if level is None or name is None:
            continue
        figure.add_scatter(
            x=[0, 4],
            y=[float(level), float(level)],
            mode="lines",
            name=name,
            line={"color": TARGET_COLOUR, "width": 2, "dash": "dash"},
            hovertemplate=f"{name} : %{{y:{number_format}}}{suffix}<extra></extra>",
        )
    points = cumulated_points(spec.mode, figures)
    quarters = [q for q, _, _ in points]
    values = [float(v) for _, v, _ in points]
    figure.add_scatter(
        x=quarters,
        y=values,
        mode="lines+markers",
        name="Réalisé (année à date)",
        # A milestone is produced at one moment: a step, not a slope.
        line={"color": REALISED_COLOUR, "width": 3, "shape": "hv" if jalon else "linear"},
        marker={"size": 10, "color": REALISED_COLOUR},
        hovertemplate=f"fin T%{{x}} : %{{y:{number_format}}}{suffix}<extra></extra>",
    )
    if projection is not None and quarters and quarters[-1] < 4:
        _projection_line(figure, quarters[-1], values[-1], float(projection), number_format, suffix)
        values.append(float(projection))  # the axis must reach it
    pending = [(q, float(v)) for q, v, validated in points if not validated]
    if pending:
        figure.add_scatter(
            x=[q for q, _ in pending],
            y=[v for _, v in pending],
            mode="markers",
            name="Chiffre soumis, non validé",
            marker={
                "size": 14,
                "color": "white",
                "symbol": "circle",
                "line": {"color": REALISED_COLOUR, "width": 3},
            },
            hovertemplate=f"fin T%{{x}} : %{{y:{number_format}}}{suffix} (non validé)"
            "<extra></extra>",
        )
    figure.update_layout(
        _layout(height=340),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0, "font": {"size": 13}},
        xaxis={
            "tickvals": list(QUARTER_TICKS),
            "ticktext": list(QUARTER_TICKS.values()),
            "range": [-0.3, 4.2],
            "automargin": True,
            "gridcolor": "#E5E5E5",
        },
        yaxis=_value_axis(spec, number_format, suffix, max([*values, float(target or 0)])),
    )
    return figure


def _projection_line(
    figure: go.Figure, quarter: int, value: float, projected: float, number_format: str, suffix: str
) -> None:
    """A dashed line from the latest figure to Q4, labelled « prévision » on the chart itself."""
    figure.add_scatter(
        x=[quarter, 4],
        y=[value, projected],
        mode="lines+markers+text",
        name="Prévision (à rythme constant)",
        line={"color": REALISED_COLOUR, "width": 2, "dash": "dash"},
        marker={"size": [0, 9], "color": REALISED_COLOUR, "symbol": "diamond-open"},
        text=["", "prévision"],
        textposition="top left",
        hovertemplate=f"fin T%{{x}} : prévision %{{y:{number_format}}}{suffix}<extra></extra>",
    )


def _value_axis(spec: IndicatorSpec, number_format: str, suffix: str, highest: float) -> dict:
    if spec.mode == Mode.JALON:
        return {
            "title": {"text": "Jalon"},
            "tickvals": [0, 1],
            "ticktext": ["non produit", "produit"],
            "range": [-0.1, 1.2],
            "automargin": True,
            "gridcolor": "#E5E5E5",
        }
    titles = {"€": "euros", "%": "taux"}
    axis = {
        "title": {"text": titles.get(spec.unit, spec.unit)},
        "tickformat": number_format,
        "ticksuffix": suffix,
        "rangemode": "tozero",
        "gridcolor": "#E5E5E5",
        "automargin": True,
    }
    if spec.mode == Mode.TAUX:
        axis["range"] = [0, 100]
    elif highest <= 5 and spec.unit != "€":
        axis["dtick"] = 1  # a handful of flats or events: no 0,2 flat ticks
    return axis


def _layout(height: int) -> dict:
    """French number separators (`1 234,5`), readable fonts, white background."""
    return {
        "separators": ",\u202f",  # decimal comma, babel's narrow no-break space for thousands
        "font": FONT,
        "height": height,
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "hoverlabel": {"font": {"size": 14}},
    }
