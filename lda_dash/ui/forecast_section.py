"""The « Prévision à rythme constant » section of the dashboard and of Contrôle (Streamlit)."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from lda_dash import fmt
from lda_dash.domain.forecast import ForecastReport
from lda_dash.tables.forecast import (
    forecast_action_table,
    forecast_indicator_table,
    money_lines,
    rule_in_words,
)

HEADING = "Prévision à rythme constant"


def forecast_section(
    report: ForecastReport, titles: Mapping[int, str], *, heading: str = HEADING
) -> None:
    """Where each action lands on 31 December if the pace holds, and the money at risk."""
    st.subheader(heading)
    basis = "chiffres validés" if report.validated_only else "chiffres soumis et validés"
    st.caption(
        f"Prévision au {fmt.day(report.as_of)}, à rythme constant, sur les {basis} : "
        "une prévision, pas une proposition de reversement."
    )
    columns = st.columns(len(money_lines(report)), border=True)
    for column, (label, amount) in zip(columns, money_lines(report), strict=True):
        column.metric(label, amount)
    st.markdown("**Par action** (prévision)")
    st.table(forecast_action_table(report, titles))
    with st.expander("Prévision par indicateur"):
        st.table(forecast_indicator_table(report, titles))
    st.caption(rule_in_words(report))
