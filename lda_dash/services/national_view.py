"""The national view's data, charts and tables, built once per database state and selection.

A rerun whose database is unchanged reuses them: it opens no DuckDB instance and builds no
figure (see ui.rerun_cache); a new filter on the same data reuses the costly parts underneath.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from lda_dash import config
from lda_dash.charts import national as national_charts
from lda_dash.services.national_data import NationalData, NationalSelection, load_national
from lda_dash.services.rerun_cache import RerunCache
from lda_dash.storage.stamp import database_stamp
from lda_dash.tables.chart_data import figure_table
from lda_dash.tables.national import (
    clawback_table,
    money_table,
    status_totals,
    territory_table,
)

CLAWBACK_CHARTED = 10
CLAWBACK_LISTED = 15
VIEWS = RerunCache(size=16)


@dataclass(frozen=True)
class NationalView:
    """What the page draws; shared between reruns and sessions, so never modified."""

    data: NationalData
    heatmap: go.Figure
    statuses: go.Figure
    money: go.Figure
    territories: pd.DataFrame
    clawback_chart: go.Figure | None
    clawbacks: pd.DataFrame | None
    chart_data: dict[str, pd.DataFrame]  # each chart's text alternative, by chart


def national_view(
    path: Path | str | None, wanted: NationalSelection, as_of: date | None = None
) -> NationalView:
    target = config.db_path(path)
    # The real day is part of the key so that a year closes at midnight; None means the
    # calendar's « today », read with the figures (services/calendar.py).
    key = (database_stamp(target), wanted, as_of, date.today())
    return VIEWS.get(key, lambda: _build(target, wanted, as_of))


def _build(path: Path, wanted: NationalSelection, as_of: date | None) -> NationalView:
    data = load_national(path, wanted, as_of)
    names = {t.convention_id: t.name for t in data.territories}
    shown = [t for t in data.territories if t.convention_id in data.trend]
    spending = [t for t in data.territories if t.allocated is not None and t.spent is not None]
    points = [(t.name, float(t.allocated), float(t.spent)) for t in spending]
    top = data.clawbacks[:CLAWBACK_LISTED]
    heatmap = national_charts.attainment_heatmap(names, data.trend)
    statuses = national_charts.status_chart(status_totals(data.territories), data.year)
    clawbacks = national_charts.clawback_chart(names, top[:CLAWBACK_CHARTED]) if top else None
    chart_data = {
        "heatmap": figure_table(heatmap, "Territoire"),
        "statuses": figure_table(statuses, "Statut"),
        "money": money_table(spending),
    }
    if clawbacks is not None:
        chart_data["clawbacks"] = figure_table(clawbacks, "Territoire")
    return NationalView(
        data=data,
        heatmap=heatmap,
        statuses=statuses,
        money=national_charts.money_chart(points, data.year),
        territories=territory_table(shown),
        clawback_chart=clawbacks,
        clawbacks=clawback_table(names, top) if top else None,
        chart_data=chart_data,
    )
