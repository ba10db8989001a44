"""Every chart with its text alternative: a short description for screen readers, and its data
as a table on demand (RGAA 1.9: a complex image has a detailed alternative nearby).

The table is a real HTML table (`st.table`) shown under the chart by a switch « Données du
graphique »: keyboards and screen readers reach it, sighted users turn it on when they want the
exact values. A caller that holds the data in its own words passes the table; otherwise the
figure's traces give it, with the values as the chart writes them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lda_dash import fmt
from lda_dash.story import Chart
from lda_dash.ui.safe_text import md_table

DATA_LABEL = "Données du graphique"
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
_TAGS = re.compile(r"<[^>]+>")


def chart(
    figure: go.Figure,
    *,
    alt: str,
    key: str,
    table: pd.DataFrame | None = None,
    rows: str | None = None,
    config: dict | None = None,
) -> None:
    """The chart as on every page (theme off, French toolbar), then its data on demand.

    Without `table`, the figure gives it (see figure_table); `rows` names its first column.
    """
    st.plotly_chart(figure, config=config or PLOTLY_CONFIG, theme=None, key=key, alt=alt)
    data_table(lambda: figure_table(figure, rows) if table is None else table, alt=alt, key=key)


def data_table(table: Callable[[], pd.DataFrame], *, alt: str, key: str) -> None:
    """A switch under the chart that shows its values as a table a screen reader reads cell by
    cell. The table is built and sent only once asked for: an unused switch costs a rerun a
    fraction of a millisecond, where the table would cost several (the dashboard is measured).
    """
    if st.toggle(DATA_LABEL, key=f"chart_data_{key}"):
        st.table(md_table(table()), alt=f"Données du graphique : {alt}")


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
