"""The data of a chart as a table, for its text alternative (RGAA 1.9): one row per category,
one column per series, each cell written as the chart writes it (pandas, no Streamlit)."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from lda_dash import fmt
from lda_dash.story import Chart

_TAGS = re.compile(r"<[^>]+>")


def figure_table(figure: go.Figure, rows: str | None = None) -> pd.DataFrame:
    """One row per category (a bar, a point in time), one column per series of the figure.

    A cell holds what the chart writes for the point (its text, or its hover text), else the
    value formatted in French with the axis' unit. Traces drawn as guides only (not hoverable)
    are left out; a heat map gives its grid. `rows` names the first column (else the axis').
    """
    order: dict[str, float] = {}
    columns: dict[str, dict[str, str]] = {}
    layout = figure.layout
    for trace in figure.data:
        if trace.hoverinfo == "skip":
            continue
        if trace.type == "heatmap":
            return _heatmap_table(trace, rows)
        horizontal = getattr(trace, "orientation", None) == "h"
        category_axis, value_axis = (
            (layout.yaxis, layout.xaxis) if horizontal else (layout.xaxis, layout.yaxis)
        )
        rows = rows or _axis_title(category_axis)
        ticks = _tick_names(category_axis)
        positions = {name: position for position, name in enumerate(ticks.values())}
        name = plain(trace.name) or _axis_title(value_axis) or "Valeur"
        column = columns.setdefault(name, {})
        categories = (trace.y if horizontal else trace.x) or ()
        values = (trace.x if horizontal else trace.y) or ()
        for category, cell in zip(categories, _cell_texts(trace, values, value_axis), strict=False):
            row = ticks.get(category, plain(category))
            # Rows follow the axis' ticks where it has some, else the order they come in.
            order.setdefault(row, positions.get(row, len(positions) + len(order)))
            column[row] = cell
    index = sorted(order, key=order.__getitem__)
    return pd.DataFrame(
        {name: [cells.get(row, fmt.DASH) for row in index] for name, cells in columns.items()},
        index=pd.Index(index, name=rows or None),
    )


def story_table(chart: Chart, rows: str | None = None) -> pd.DataFrame:
    """A presentation chart's bars: one row per category, one column per series (its labels)."""
    return pd.DataFrame(
        {series.name: [bar.text for bar in series.bars] for series in chart.series},
        index=pd.Index(chart.categories, name=rows),
    )


def plain(text) -> str:
    """Chart text without its HTML (`<b>`, `<br>`) and entities (charts.chart_text), on one line."""
    if text is None:
        return ""
    return " ".join(html.unescape(_TAGS.sub(" ", str(text).replace("<br>", " "))).split())


def _cell_texts(trace, values: Sequence, value_axis) -> list[str]:
    for written in (getattr(trace, "text", None), getattr(trace, "customdata", None)):
        if _is_text_list(written, len(values)):
            return [plain(text) or fmt.DASH for text in written]
    names = _tick_names(value_axis)
    suffix = value_axis.ticksuffix or ""
    decimals = 0 if (value_axis.tickformat or "").endswith(".0f") else 1  # as the axis reads
    return [
        names.get(value, fmt.DASH if value is None else fmt.number(value, decimals) + suffix)
        for value in values
    ]


def _is_text_list(written, count: int) -> bool:
    return (
        written is not None
        and not isinstance(written, str)
        and len(written) == count
        and all(isinstance(text, str) for text in written)
    )


def _tick_names(axis) -> dict:
    """Tick labels the chart writes instead of its values (`fin T1`, `produit`)."""
    values, texts = axis.tickvals, axis.ticktext
    if not values or not texts:
        return {}
    return {value: plain(text) for value, text in zip(values, texts, strict=False)}


def _axis_title(axis) -> str:
    return plain(axis.title.text) if axis.title and axis.title.text else ""


def _heatmap_table(trace, rows: str | None) -> pd.DataFrame:
    texts = trace.text if trace.text is not None else trace.z
    grid = [
        [cell if isinstance(cell, str) else fmt.number(cell, 1) for cell in row] for row in texts
    ]
    return pd.DataFrame(
        grid,
        index=pd.Index([plain(y) for y in trace.y], name=rows),
        columns=[plain(x) for x in trace.x],
    )
