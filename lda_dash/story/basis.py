"""What the whole story is based on, said once: the date of its data, which figures it counts,
and whole titles (never cut) for the page and the deck (issue 12)."""

from __future__ import annotations

from lda_dash import fmt
from lda_dash.domain.year_report import ExecutionReportData


def data_date_words(data: ExecutionReportData) -> str:
    """« données au 10/10/2022 »: the last change of the figures, the one date of the story."""
    if data.data_date is None:
        return "aucun chiffre saisi pour l'instant"
    return f"données au {fmt.day(data.data_date)}"


def basis_words(data: ExecutionReportData) -> str:
    """The basis of every figure of the story, said once on the title slide (issue 12)."""
    pending = data.pending_validation
    if not pending:
        return "Chiffres présentés : tous validés par la coordination"
    many = pending > 1
    return (
        "Chiffres présentés : soumis et validés, comme au tableau de bord ; "
        f"{fmt.number(pending)} chiffre{'s' if many else ''} soumis, pas encore "
        f"validé{'s' if many else ''}, {'sont signalés' if many else 'est signalé'} « à valider »"
    )


def full(text: str) -> str:
    """A title on one line, whole: never cut with an ellipsis (issue 12); the page wraps it
    (charts/slides.py) and the deck's chart data keeps it whole."""
    return " ".join((text or "").split())
