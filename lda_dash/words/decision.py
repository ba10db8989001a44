"""The Prefect's recorded decision in words, shared by the XLSX and PDF reports and the Article 4
letter: what was decided, why, by whom, and the Article 4 dates (DOMAIN.md section 8)."""

from __future__ import annotations

from datetime import date

from lda_dash import fmt
from lda_dash.domain.deadlines import PAYMENT_MONTHS, REPLY_MONTHS, add_months
from lda_dash.domain.year_report import ExecutionReportData

NO_DECISION = (
    "Aucune décision n'est encore enregistrée pour cette année : le montant ci-dessus n'est "
    "qu'une proposition."
)
SIGNATURE_TITLE = "Visa et signature"


def reply_due(decision: dict) -> date | None:
    """One month after the registered letter, when it was sent."""
    letter = decision.get("letter_date")
    return add_months(letter, REPLY_MONTHS) if letter else None


def payment_due(decision: dict) -> date | None:
    """Six months after the titre de reversement, when it was issued."""
    title = decision.get("title_date")
    return add_months(title, PAYMENT_MONTHS) if title else None


def _day(value) -> str:
    return fmt.day(value) if value else "pas encore"


def decision_lines(data: ExecutionReportData) -> list[tuple[str, str]]:
    """(label, value) of the recorded decision, in reading order; empty without a decision."""
    decision = data.decision
    if decision is None:
        return []
    return [
        ("Montant proposé", fmt.money(decision["proposed_amount"])),
        ("Montant décidé", fmt.money(decision["decided_amount"])),
        ("Justification", decision["justification"]),
        ("Décision du", fmt.day(decision["decided_on"])),
        ("Enregistrée par", f"{decision['author']}, le {fmt.moment(decision['recorded_at'])}"),
        ("Lettre recommandée avec accusé de réception envoyée le", _day(decision["letter_date"])),
        ("Réponse de l'EPCI attendue au plus tard le", _day(reply_due(decision))),
        ("Titre de reversement émis le", _day(decision["title_date"])),
        ("Paiement dû au plus tard le", _day(payment_due(decision))),
        ("Paiement reçu le", _day(decision["paid_date"])),
    ]


def signature_lines(data: ExecutionReportData) -> list[str]:
    """The signature block: who signs, where and when, left blank to fill by hand."""
    return [
        f"Rapport d'exécution {data.year} de la convention « {data.convention['title']} ».",
        "Pour le préfet, et par délégation :",
        "Nom, prénom et qualité : ....................................................",
        "Fait à ...................................., le ....................",
        "Signature :",
    ]
