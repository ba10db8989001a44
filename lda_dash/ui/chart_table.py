"""Every chart with its text alternative: a short description for screen readers, and its data
as a table on demand (RGAA 1.9: a complex image has a detailed alternative nearby).

The table is a real HTML table (`st.table`) shown under the chart by a switch « Données du
graphique »: keyboards and screen readers reach it, sighted users turn it on when they want the
exact values. A caller that holds the data in its own words passes the table; otherwise the
figure's traces give it, with the values as the chart writes them.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from lda_dash.tables.chart_data import figure_table
from lda_dash.ui.safe_text import md_table

DATA_LABEL = "Données du graphique"
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


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
