"""Display tables of the forecast « à rythme constant », in French (pandas, no Streamlit)."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import pandas as pd

from lda_dash import fmt
from lda_dash.domain.forecast import (
    ActionForecast,
    ForecastReport,
    milestone_to_produce,
    projected_status,
)
from lda_dash.words.labels import indicator_value, money, status_text

TO_PRODUCE = "à produire"
NOT_PROJECTED = "pas de projection"
RULE_IN_WORDS = (
    "Prévision à rythme constant : chaque indicateur est prolongé jusqu'au 31 décembre au rythme "
    "des trimestres déclarés (somme et cumul : valeur × 4 ÷ trimestres déclarés ; stock : départ "
    "+ évolution × 4 ÷ trimestres, jamais sous 0 ; taux : inchangé ; jalon : produit ou « à "
    "produire »). Montant en jeu d'une action : part du versement × (1 − atteinte projetée) si "
    "l'atteinte projetée est sous le seuil de {threshold}, sinon 0, arrondi à l'euro. "
    "Non-consommation projetée : versements − dépenses AMI (celles de l'année prolongées au même "
    "rythme) − reversements déjà décidés. Total projeté : le plus grand des deux, plafonné au "
    "versement de l'année. Une prévision n'est pas une proposition de reversement."
)


def rule_in_words(report: ForecastReport) -> str:
    return RULE_IN_WORDS.format(threshold=fmt.percent(report.forecast.threshold))


def action_status_text(term: ActionForecast, watch_threshold: Fraction) -> str:
    """The closed-year status the action would get at Â, labelled as a forecast."""
    if term.projected_attainment is None:
        return NOT_PROJECTED
    return (
        f"{status_text(projected_status(term.projected_attainment, watch_threshold))} (prévision)"
    )


def forecast_action_table(report: ForecastReport, titles: Mapping[int, str]) -> pd.DataFrame:
    """Per action: allocation, projected attainment and status, money at risk."""
    terms = report.forecast.actions
    return pd.DataFrame(
        {
            "Action": [titles.get(t.action, "") for t in terms],
            "Part du versement": [money(t.allocation) for t in terms],
            "Atteinte projetée": [fmt.percent(t.projected_attainment) for t in terms],
            "Statut (prévision)": [action_status_text(t, report.watch_threshold) for t in terms],
            "Montant en jeu": [money(t.at_risk) for t in terms],
        },
        index=pd.Index([t.action for t in terms], name="N°"),
    )


def forecast_indicator_table(report: ForecastReport, titles: Mapping[int, str]) -> pd.DataFrame:
    """Per indicator with a target and figures: value so far, quarter, projection, status."""
    rows = []
    for row in report.forecast.indicators:
        spec = row.spec
        if milestone_to_produce(row):
            status = TO_PRODUCE
        else:
            status = f"{status_text(row.status)} (prévision)"
        rows.append(
            {
                "N°": spec.action,
                "Action": titles.get(spec.action, ""),
                "Indicateur": spec.label,
                "Cible": indicator_value(spec, row.target),
                "Valeur à date": indicator_value(spec, row.value),
                "Dernier trimestre": f"T{row.quarter}",
                "Prévision au 31/12": TO_PRODUCE
                if row.projected is None
                else indicator_value(spec, row.projected),
                "Atteinte projetée": fmt.percent(row.projected_attainment),
                "Statut (prévision)": status,
            }
        )
    columns = ["N°", "Action", "Indicateur", "Cible", "Valeur à date", "Dernier trimestre",
               "Prévision au 31/12", "Atteinte projetée", "Statut (prévision)"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns).set_index("N°")


def money_lines(report: ForecastReport) -> list[tuple[str, str]]:
    """The totals of the forecast, label → amount, for metrics and slides."""
    result = report.forecast
    unspent = "sans objet (aucune dépense déclarée)"
    if result.projected_unspent is not None:
        unspent = fmt.money(result.projected_unspent)
    return [
        ("En jeu au titre des objectifs", fmt.money(result.objective_at_risk)),
        ("Non-consommation projetée", unspent),
        ("Total projeté (prévision)", fmt.money(result.projected_total)),
    ]
