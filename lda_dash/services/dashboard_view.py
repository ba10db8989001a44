"""The dashboard's data, chart and table, built once per database state and selection.

A rerun (a click on the page, another session on the same territory) whose database is unchanged
reuses them: it opens no DuckDB instance and builds no figure (see ui.rerun_cache).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from lda_dash import config
from lda_dash.charts import progress as progress_charts
from lda_dash.services.context import DashboardData, Selection, load_dashboard
from lda_dash.services.rerun_cache import RerunCache
from lda_dash.storage.stamp import database_stamp
from lda_dash.tables.progress import attainment_table, indicator_table

VIEWS = RerunCache(size=64)


@dataclass(frozen=True)
class DashboardView:
    """What the dashboard draws; shared between reruns and sessions, so never modified."""

    data: DashboardData
    chart: go.Figure
    chart_data: pd.DataFrame  # the chart's text alternative
    table: pd.DataFrame


def dashboard_view(
    path: Path | str | None, wanted: Selection, as_of: date | None = None
) -> DashboardView:
    """The view of `wanted`, from the cache while the database file is unchanged."""
    target = config.db_path(path)
    wanted = Selection(wanted.convention_id, wanted.year)  # the action chosen elsewhere: no matter
    # The real day is part of the key so that a year closes at midnight; None means the
    # calendar's « today », read with the figures (services/calendar.py).
    key = (database_stamp(target), wanted, as_of, date.today())
    return VIEWS.get(key, lambda: _build(target, wanted, as_of))


def _build(path: Path, wanted: Selection, as_of: date | None) -> DashboardView:
    data = load_dashboard(path, wanted, as_of)
    titles = {a["number"]: a["title"] for a in data.actions}
    return DashboardView(
        data=data,
        chart=progress_charts.attainment_chart(data.report, titles),
        chart_data=attainment_table(data.report, titles),
        table=indicator_table(data.report, titles, data.unvalidated).set_index("N°"),
    )
