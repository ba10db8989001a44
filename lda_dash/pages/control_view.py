"""Contrôle et reversement, read only (coordination, administration): the proposal, its terms,
the Prefect's decision and its timeline, the execution report."""

from __future__ import annotations

import streamlit as st

from lda_dash.ui import control_page


def main() -> None:
    data = control_page.open_control()
    control_page.decision_section(data)
    st.caption(
        "Consultation : la décision de reversement est prise et enregistrée par la préfecture."
    )
    control_page.report(data)


main()
