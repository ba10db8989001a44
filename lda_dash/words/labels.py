"""French labels for statuses, modes and indicator values (no Streamlit: tables use them too).

A status is never shown by colour alone (DOMAIN.md 5): every label carries an icon and its words.
"""

from __future__ import annotations

from lda_dash import fmt
from lda_dash.domain.model import STATUS_LABELS, IndicatorSpec, Status
from lda_dash.words.glossary import MODE_SHORT_LABELS as MODE_SHORT_LABELS
from lda_dash.words.glossary import WORKFLOW_LABELS_LONG
from lda_dash.words.values import value_text

STATUS_ICONS = {
    Status.ACHIEVED: "✅",
    Status.ON_TRACK: "🕒",
    Status.WATCH: "🟡",
    Status.LATE: "🔴",
    Status.PARTIALLY_ACHIEVED: "◐",
    Status.NOT_ACHIEVED: "✖",
    Status.NO_DATA: "—",
    Status.NO_TARGET: "○",
}

# Streamlit badge colours; the icon and the words carry the meaning, the colour only helps.
STATUS_BADGE_COLOURS = {
    Status.ACHIEVED: "green",
    Status.ON_TRACK: "blue",
    Status.WATCH: "orange",
    Status.LATE: "red",
    Status.PARTIALLY_ACHIEVED: "orange",
    Status.NOT_ACHIEVED: "red",
    Status.NO_DATA: "gray",
    Status.NO_TARGET: "gray",
}

# Statuses an open year can give, then those of a closed year, in reading order.
OPEN_YEAR_STATUSES = (Status.ACHIEVED, Status.ON_TRACK, Status.WATCH, Status.LATE)
CLOSED_YEAR_STATUSES = (Status.ACHIEVED, Status.PARTIALLY_ACHIEVED, Status.NOT_ACHIEVED)

# The glossary's words (words/glossary.py), under the names the tables know.
FIGURE_STATUS_LABELS = WORKFLOW_LABELS_LONG


def status_text(status: Status) -> str:
    """`✅ atteint`: the icon and the French label."""
    return f"{STATUS_ICONS[status]} {STATUS_LABELS[status]}"


def money(value) -> str:
    """`2 174 €` that a narrow table column never breaks before the euro sign."""
    return fmt.money(value).replace(" ", "\u00a0")


def indicator_value(spec: IndicatorSpec, value) -> str:
    """A value in the indicator's unit, French style: `42`, `68,4 %`, `10 002 €`, `produit`."""
    return value_text(spec, value, money=money)


def quarters_text(quarters: tuple[int, ...]) -> str:
    """`T3, T4`."""
    return ", ".join(f"T{q}" for q in quarters)


def signed_number_note(action: dict) -> str | None:
    """How the signed annex numbers this action, when it differs from the canonical number."""
    signed = (action.get("signed_number") or "").strip()
    if not signed:
        return "sans numéro dans l'annexe signée"
    if signed != str(action["number"]):
        return f"n° {signed} dans l'annexe signée"
    return None
