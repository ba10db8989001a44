"""Tables of the national view, already formatted in French (pandas, no Streamlit)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from lda_dash import fmt
from lda_dash.domain.clawback import ClawbackProposal
from lda_dash.domain.model import ACTION_STATUS_ORDER, STATUS_LABELS
from lda_dash.words.labels import money
from lda_dash.words.national import NO_FIGURES

if TYPE_CHECKING:  # types only: the services build these, tables only read them
    from lda_dash.services.national_data import Territory


def status_totals(territories: Sequence[Territory]) -> Counter:
    total: Counter = Counter()
    for territory in territories:
        total.update(territory.statuses)
    return total


def territory_table(territories: Sequence[Territory]) -> pd.DataFrame:
    """One row per territory shown: attainment, actions per status, money of the year."""
    counts = status_totals(territories)
    shown = [s for s in ACTION_STATUS_ORDER if counts[s]]
    rows = []
    for t in territories:
        attainment = fmt.percent(t.attainment) if t.has_figures else NO_FIGURES
        row = {"Territoire": t.name, "Atteinte": attainment}
        # Words in the headers: an icon alone is an empty box where no emoji font is installed.
        row.update(
            {STATUS_LABELS[s]: t.statuses.get(s, 0) if t.has_figures else "—" for s in shown}
        )
        row["Part du versement"] = money(t.allocated)
        row["Dépenses AMI"] = money(t.spent)
        consumed = t.spent / t.allocated if t.allocated and t.spent is not None else None
        row["Consommation"] = fmt.percent(consumed)
        rows.append(row)
    return pd.DataFrame(rows)


def money_table(territories: Sequence[Territory]) -> pd.DataFrame:
    """The money chart's points: each territory's share of the payment and its AMI spending."""
    rows = [
        {
            "Territoire": t.name,
            "Part du versement": money(t.allocated),
            "Dépenses AMI": money(t.spent),
            "Consommation": fmt.percent(t.spent / t.allocated if t.allocated else None),
        }
        for t in territories
    ]
    return pd.DataFrame(rows).set_index("Territoire") if rows else pd.DataFrame()


def clawback_table(
    names: dict[str, str], proposals: Sequence[tuple[str, ClawbackProposal]]
) -> pd.DataFrame:
    """Every term of the proposal for the territories most exposed (DOMAIN.md 8)."""
    rows = []
    for cid, p in proposals:
        unspent = "sans objet" if p.unspent_base is None else money(p.unspent_base)
        rows.append(
            {
                "Territoire": names[cid],
                "Versement": money(p.payment),
                "Base objectifs": money(p.objective_base_total),
                "Base non-consommation": unspent,
                "Montant proposé": money(p.proposed_total),
                "Part du versement": fmt.percent(
                    p.proposed_total / p.payment if p.payment else None
                ),
            }
        )
    return pd.DataFrame(rows)
