"""The glossary: the one French word for each term of the product that pages, reports and the
deck share (a figure's workflow state, an accumulation mode, an annex finding).

Before it, the entry page said « soumis », the action page « soumise, non validée » and the
history « (submitted) »: one term, three words. Every other module takes its words from here.
"""

from __future__ import annotations

from lda_dash.domain.model import Mode
from lda_dash.domain.workflow import FigureStatus

# A figure (« un chiffre ») in the workflow: draft → submitted → validated, or returned.
FIGURE_STATUS_WORDS = {
    FigureStatus.DRAFT: "brouillon",
    FigureStatus.SUBMITTED: "soumis",
    FigureStatus.VALIDATED: "validé",
    FigureStatus.RETURNED: "renvoyé",
}
NOT_ENTERED = "non saisi"
# Never by colour alone: each state's label carries an icon and its words.
FIGURE_STATUS_ICONS = {
    None: "○",
    FigureStatus.DRAFT: "✎",
    FigureStatus.SUBMITTED: "⏳",
    FigureStatus.VALIDATED: "✔",
    FigureStatus.RETURNED: "↩",
}
WORKFLOW_LABELS = {
    None: f"{FIGURE_STATUS_ICONS[None]} {NOT_ENTERED}",
    **{s: f"{FIGURE_STATUS_ICONS[s]} {word}" for s, word in FIGURE_STATUS_WORDS.items()},
}
# Where the difference matters (the action page's quarters): submitted is not yet counted.
WORKFLOW_LABELS_LONG = {
    **WORKFLOW_LABELS,
    FigureStatus.SUBMITTED: f"{FIGURE_STATUS_ICONS[FigureStatus.SUBMITTED]} soumis, non validé",
}

# How the year's value is drawn from the quarters: the words a table's column gives (the column is
# « Calcul sur l'année », never « Mode », a word of the code).
MODE_COLUMN = "Calcul sur l'année"
MODE_SHORT_LABELS = {
    Mode.SOMME: "somme",
    Mode.CUMUL_ANNUEL: "cumul annuel",
    Mode.STOCK: "stock",
    Mode.TAUX: "taux",
    Mode.JALON: "jalon",
}

# The annex's findings (domain/convention_checks.py codes), as the Administration page says them.
FINDING_LABELS = {
    "missing_number": "numéro d'action manquant",
    "duplicate_number": "numéro d'action en double",
    "number_out_of_sequence": "numérotation non continue",
    "missing_amount": "montant manquant",
    "cofunding_exceeds_cost": "cofinancement supérieur au coût",
    "split_mismatch": "répartition incohérente",
    "missing_total": "total manquant",
    "total_mismatch": "total différent de la somme",
}


def finding_label(code: str) -> str:
    """A finding's name in words; an unknown code in words too (`some_code` → `some code`)."""
    return FINDING_LABELS.get(code, code.replace("_", " "))


def mode_label(mode: Mode | str) -> str:
    """`cumul annuel`, never `cumul_annuel`."""
    try:
        return MODE_SHORT_LABELS[Mode(mode)]
    except ValueError:
        return str(mode).replace("_", " ")
