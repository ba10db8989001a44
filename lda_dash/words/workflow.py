"""French words of the figure workflow (draft → submitted → validated, or returned) and of stored
figures, for the entry, validation and history pages (no Streamlit: tables and tests use them).

A workflow state is never shown by colour alone: each label carries an icon and its words.
"""

from __future__ import annotations

from collections.abc import Mapping

from lda_dash import fmt
from lda_dash.domain.model import IndicatorSpec, Mode
from lda_dash.domain.workflow import FigureStatus
from lda_dash.words.glossary import FIGURE_STATUS_WORDS
from lda_dash.words.glossary import WORKFLOW_LABELS as WORKFLOW_LABELS

WORKFLOW_COLOURS = {
    None: "gray",
    FigureStatus.DRAFT: "gray",
    FigureStatus.SUBMITTED: "blue",
    FigureStatus.VALIDATED: "green",
    FigureStatus.RETURNED: "red",
}
MODE_INPUTS = {
    Mode.SOMME: "nombre du trimestre",
    Mode.CUMUL_ANNUEL: "total depuis le 1er janvier",
    Mode.STOCK: "niveau au dernier jour du trimestre",
    Mode.TAUX: "numérateur et dénominateur du trimestre",
    Mode.JALON: "produit ou non",
}


def figure_shown(spec: IndicatorSpec, record: Mapping | None) -> str:
    """A stored figure the French way: `12`, `3 368,57 €`, `52 / 91 (57 %)`, `produit`."""
    if record is None:
        return fmt.DASH
    numerator, denominator = record.get("numerator"), record.get("denominator")
    if numerator is not None or denominator is not None:
        rate = f" ({fmt.percent(numerator / denominator)})" if denominator else ""
        return f"{fmt.number(numerator)} / {fmt.number(denominator)}{rate}"
    value = record.get("value")
    if value is None:
        return fmt.DASH
    if spec.mode == Mode.JALON:
        return "produit" if value >= 1 else "non produit"
    if spec.unit == "€":
        return fmt.money(value, 2)
    return fmt.number(value, 2)


def earlier_quarters(spec: IndicatorSpec, quarters: Mapping[int, Mapping], quarter: int) -> str:
    """`T1 : 12 · T2 : 15 (brouillon)`: the year's quarters before `quarter`, as stored."""
    parts = []
    for earlier in range(1, quarter):
        record = quarters.get(earlier)
        if record is None:
            parts.append(f"T{earlier} : non saisi")
            continue
        status = record["status"]
        note = "" if status == FigureStatus.VALIDATED else f" ({FIGURE_STATUS_WORDS[status]})"
        parts.append(f"T{earlier} : {figure_shown(spec, record)}{note}")
    return " · ".join(parts)
