"""Plotly figures of the national view: territories side by side (no Streamlit).

Every value is written on the chart (percentages in the heat map cells, counts on the bars,
amounts beside the clawback bars): colour only helps, it never carries the meaning alone.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from fractions import Fraction

import plotly.graph_objects as go

from lda_dash import fmt
from lda_dash.charts.progress import (
    REALISED_COLOUR,
    STATUS_COLOURS,
    TARGET_COLOUR,
    _layout,
    chart_text,
    short_title,
)
from lda_dash.domain.clawback import ClawbackProposal
from lda_dash.domain.model import STATUS_LABELS, Status
from lda_dash.words.national import NO_FIGURES

# Sequential, from the State's red (far from target) to green, readable in grey too.
ATTAINMENT_SCALE = [[0.0, "#B34000"], [0.5, "#F3C623"], [0.85, "#A8D5BA"], [1.0, "#18753C"]]
ALLOCATION_COLOUR = "#A5B4D6"


def attainment_heatmap(
    names: Mapping[str, str], trend: Mapping[str, Mapping[int, Fraction | None]]
) -> go.Figure:
    """Territories (rows, in the order given) × years, each cell labelled with its percentage."""
    ids = list(trend)
    years = sorted({year for by_year in trend.values() for year in by_year})
    rows = [chart_text(short_title(names[cid], 40)) for cid in ids]
    values, texts = [], []
    for cid in ids:
        cells = [trend[cid].get(year) for year in years]
        values.append([None if a is None else min(float(a), 1.0) * 100 for a in cells])
        texts.append([fmt.percent(a) if a is not None else NO_FIGURES for a in cells])
    figure = go.Figure(
        go.Heatmap(
            z=values,
            x=[str(y) for y in years],
            y=rows,
            text=texts,
            texttemplate="%{text}",
            zmin=0,
            zmax=100,
            colorscale=ATTAINMENT_SCALE,
            colorbar={"title": {"text": "Atteinte"}, "ticksuffix": " %"},
            hovertemplate="%{y}<br>%{x} : %{text}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    figure.update_layout(
        _layout(height=120 + 26 * len(ids)),
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        xaxis={"side": "top", "type": "category"},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure


def status_chart(counts: Counter, year: int) -> go.Figure:
    """How many actions, across the territories shown, stand at each status."""
    statuses = [s for s in Status if counts.get(s)]
    labels = [STATUS_LABELS[s] for s in statuses]
    total = sum(counts.values()) or 1
    figure = go.Figure(
        go.Bar(
            x=[counts[s] for s in statuses],
            y=labels,
            orientation="h",
            marker={
                "color": [STATUS_COLOURS[s] for s in statuses],
                "line": {"color": TARGET_COLOUR, "width": 0.5},
            },
            text=[
                f"{fmt.number(counts[s])} ({fmt.percent(Fraction(counts[s], total))})"
                for s in statuses
            ],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y} : %{text}<extra></extra>",
        )
    )
    figure.update_layout(
        _layout(height=100 + 40 * len(statuses)),
        showlegend=False,
        margin={"l": 10, "r": 90, "t": 20, "b": 40},
        xaxis={"title": {"text": f"Nombre d'actions en {year}"}, "gridcolor": "#E5E5E5"},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure


def money_chart(points: Sequence[tuple[str, float, float]], year: int) -> go.Figure:
    """Each territory's State funding (x) against its AMI spending (y); the diagonal is 100 %."""
    highest = max([max(x, y) for _, x, y in points] or [1.0])
    figure = go.Figure()
    figure.add_scatter(
        x=[0, highest],
        y=[0, highest],
        mode="lines",
        name="Dépenses = part du versement",
        line={"color": TARGET_COLOUR, "width": 1.5, "dash": "dash"},
        hoverinfo="skip",
    )
    figure.add_scatter(
        x=[x for _, x, _ in points],
        y=[y for _, _, y in points],
        mode="markers",
        name="Territoire",
        marker={"size": 8, "color": REALISED_COLOUR, "opacity": 0.7},
        text=[
            f"{chart_text(name)}<br>versé {fmt.money(x)} · dépensé {fmt.money(y)} · "
            f"{fmt.percent(y / x) if x else '—'}"
            for name, x, y in points
        ],
        hovertemplate="%{text}<extra></extra>",
    )
    figure.update_layout(
        _layout(height=440),
        margin={"l": 10, "r": 20, "t": 40, "b": 10},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        xaxis=euro_axis(f"Part du versement {year}", highest),
        yaxis=euro_axis("Dépenses AMI déclarées", highest),
    )
    return figure


def euro_ticks(highest: float, count: int = 5) -> list[float]:
    """Round tick values from 0 past `highest` (steps of 1, 2 or 5 × 10ⁿ)."""
    if highest <= 0:
        return [0.0]
    rough = highest / (count - 1)
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    return [step * i for i in range(math.ceil(highest / step) + 1)]


def euro_axis(title: str, highest: float) -> dict:
    """An axis in euros written the French way by fmt (« 100 000 € »), never by d3's locale,
    with room kept for its title beside the tick labels (issue 12: ticks reduced to « € »)."""
    ticks = euro_ticks(highest)
    return {
        "title": {"text": title, "standoff": 12},
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": [fmt.money(v) for v in ticks],
        "range": [0, ticks[-1] * 1.02],
        "automargin": True,
        "gridcolor": "#E5E5E5",
    }


def clawback_chart(
    names: Mapping[str, str], proposals: Sequence[tuple[str, ClawbackProposal]]
) -> go.Figure:
    """The largest proposals: objective base and unspent base side by side, amounts written."""
    labels = [chart_text(short_title(names[cid], 40)) for cid, _ in proposals]
    figure = go.Figure()
    for name, colour, values in (
        ("Base objectifs", ALLOCATION_COLOUR, [p.objective_base_total for _, p in proposals]),
        ("Base non-consommation", REALISED_COLOUR, [p.unspent_base or 0 for _, p in proposals]),
    ):
        figure.add_bar(
            y=labels,
            x=values,
            orientation="h",
            name=name,
            marker={"color": colour, "line": {"color": TARGET_COLOUR, "width": 0.5}},
            text=[fmt.money(v) for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"%{{y}}<br>{name} : %{{text}}<extra></extra>",
        )
    highest = max([float(p.objective_base_total) for _, p in proposals] + [
        float(p.unspent_base or 0) for _, p in proposals
    ] + [1.0])  # fmt: skip
    figure.update_layout(
        _layout(height=140 + 52 * len(labels)),
        barmode="group",
        margin={"l": 10, "r": 110, "t": 30, "b": 40},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        xaxis=euro_axis("Euros", highest),
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure
