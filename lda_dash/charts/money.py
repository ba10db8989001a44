"""Plotly figures of the money pages: allocation against spending, the two clawback bases.

No Streamlit. Series differ by pattern and by their written labels as well as by colour.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import plotly.graph_objects as go

from lda_dash import fmt
from lda_dash.charts.progress import (
    REALISED_COLOUR,
    TARGET_COLOUR,
    _layout,
    chart_text,
    short_title,
)
from lda_dash.domain.clawback import ClawbackProposal
from lda_dash.domain.finances import ActionFinance

ALLOCATION_COLOUR = "#A5B4D6"
PENDING_COLOUR = "#E69F00"


def _euros(values) -> list[str]:
    return [fmt.money(v) if v is not None else "" for v in values]


def allocation_spending_chart(
    rows: list[ActionFinance],
    titles: Mapping[int, str],
    year: int,
    pending: Mapping[int, Fraction] | None = None,
) -> go.Figure:
    """Per action, its share of the payment beside its validated (and submitted) spending."""
    pending = pending or {}
    labels = [
        f"n° {r.action} · {chart_text(short_title(titles.get(r.action, ''), 36))}" for r in rows
    ]
    allocation = [float(r.allocation or 0) for r in rows]
    spending = [None if r.spending is None else float(r.spending) for r in rows]
    figure = go.Figure()
    figure.add_bar(
        y=labels,
        x=allocation,
        orientation="h",
        name=f"Part du versement {year}",
        marker={"color": ALLOCATION_COLOUR, "line": {"color": TARGET_COLOUR, "width": 0.5}},
        customdata=_euros(r.allocation for r in rows),
        hovertemplate="%{y}<br>Part du versement : %{customdata}<extra></extra>",
    )
    figure.add_bar(
        y=labels,
        x=[v or 0 for v in spending],
        orientation="h",
        name="Dépenses AMI validées",
        marker={
            "color": REALISED_COLOUR,
            "pattern": {"shape": "/", "fillmode": "overlay", "fgcolor": "white", "size": 6},
        },
        customdata=[fmt.money(v) if v is not None else "non déclarées" for v in spending],
        hovertemplate="%{y}<br>Dépenses validées : %{customdata}<extra></extra>",
    )
    if any(pending.values()):
        waiting = [pending.get(r.action) for r in rows]
        figure.add_bar(
            y=labels,
            x=[float(v or 0) for v in waiting],
            orientation="h",
            name="Dépenses soumises, pas encore validées",
            marker={
                "color": "white",
                "line": {"color": PENDING_COLOUR, "width": 2},
                "pattern": {"shape": ".", "fgcolor": PENDING_COLOUR},
            },
            customdata=_euros(waiting),
            hovertemplate="%{y}<br>Soumises, non validées : %{customdata}<extra></extra>",
        )
    figure.update_layout(
        _layout(height=120 + 42 * len(rows)),
        barmode="group",
        bargap=0.25,
        bargroupgap=0.05,
        margin={"l": 10, "r": 20, "t": 40, "b": 50},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
        xaxis={
            "title": {"text": "euros"},
            "tickformat": ",.0f",
            "ticksuffix": " €",
            "gridcolor": "#E5E5E5",
            "rangemode": "tozero",
        },
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure


def bases_chart(proposal: ClawbackProposal) -> go.Figure:
    """The objective base and the unspent base side by side, the payment as the cap."""
    unspent = proposal.unspent_base
    values = [proposal.objective_base_total, unspent or 0]
    texts = [
        fmt.money(proposal.objective_base_total),
        fmt.money(unspent) if unspent is not None else "sans objet",
    ]
    # The amounts stand under each bar, clear of the lines that cross the bars' tops.
    names = [f"<b>Base objectifs</b><br>{texts[0]}", f"<b>Base non-consommation</b><br>{texts[1]}"]
    figure = go.Figure(
        go.Bar(
            x=names,
            y=values,
            customdata=texts,
            marker={
                "color": [ALLOCATION_COLOUR, REALISED_COLOUR],
                "pattern": {"shape": ["", "/"], "fgcolor": "white"},
                "line": {"color": TARGET_COLOUR, "width": 0.5},
            },
            hovertemplate="%{customdata}<extra></extra>",
            width=0.5,
        )
    )
    cap = float(proposal.payment)
    cap_text = f"Plafond : versement {proposal.year} ({fmt.money(proposal.payment)})"
    highest = max(values)
    if highest >= cap / 2:
        figure.add_hline(
            y=cap,
            line={"color": TARGET_COLOUR, "width": 2, "dash": "dash"},
            annotation_text=cap_text,
            annotation_position="top left",
        )
        top = max(cap, highest) * 1.15
    else:
        # A cap far above both bases would flatten them: it is named instead of drawn.
        figure.add_annotation(
            x=0, xref="paper", y=1, yref="paper", yanchor="bottom", xanchor="left",
            text=f"{cap_text}, hors de l'échelle", showarrow=False,
        )  # fmt: skip
        top = max(highest, 1) * 1.25
    figure.add_hline(
        y=proposal.proposed_total,
        line={"color": PENDING_COLOUR, "width": 3},
        annotation_text=f"Montant proposé : {fmt.money(proposal.proposed_total)}",
        annotation_position="top right",
        annotation_bgcolor="white",
    )
    figure.update_layout(
        _layout(height=380),
        showlegend=False,
        margin={"l": 10, "r": 10, "t": 40, "b": 60},
        xaxis={"tickfont": {"size": 15}},
        yaxis={
            "tickformat": ",.0f",
            "ticksuffix": " €",
            "gridcolor": "#E5E5E5",
            "rangemode": "tozero",
            "range": [0, top],
            "automargin": True,
        },
    )
    return figure
