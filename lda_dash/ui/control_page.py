"""The part of « Contrôle et reversement » every reader sees: the proposal with all its terms.

The prefecture's page adds the decision form under it; the coordination's and the
administration's pages show it as is (the role decides which page exists, DOMAIN.md section 9).
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from lda_dash import config, fmt
from lda_dash.services.control_data import ControlData, load_control
from lda_dash.ui import control_widgets, state
from lda_dash.ui.amendment_line import amendment_caption
from lda_dash.ui.evidence_widgets import evidence_downloads
from lda_dash.ui.forecast_section import forecast_section
from lda_dash.ui.letter_download import letter_download
from lda_dash.ui.safe_text import md
from lda_dash.words.texts import sentence, threshold_words


def _load(path, wanted) -> ControlData:
    return load_control(path, wanted, threshold=control_widgets.explored_threshold())


def open_control() -> ControlData:
    """Load the year chosen, draw the proposal and its terms; return what was loaded."""
    data = state.open_page(_load)
    context = data.context
    st.title(f"Contrôle et reversement {context.year}")
    st.caption(
        f"{md(context.convention['territory_name'])} · {md(context.convention['title'])} · date de "
        f"référence : {fmt.day(context.as_of)}"
    )
    amendment_caption(context.convention_id, context.year, context.as_of)
    control_widgets.lock_notice(data)
    if data.proposal is None:
        no_proposal(data)
        if data.forecast is not None:
            forecast_section(data.forecast, data.titles, heading="Prévision")
        return data
    control_widgets.validated_only_notice(data)
    key_figures(data)
    control_widgets.threshold_control(data)
    with st.container(border=True):
        control_widgets.rule(data)
    control_widgets.terms(data, data.proposal)
    return data


def no_proposal(data: ControlData) -> None:
    """An open year (or one without payment): say why, and which years can be controlled."""
    context = data.context
    closed = [y for y in context.years if context.as_of > date(y, 12, 31)]
    hint = (
        "Choisissez une année terminée dans le menu « Année » : "
        + ", ".join(str(y) for y in closed)
        + "."
        if closed
        else "Aucune année de la convention n'est encore terminée."
    )
    st.warning(
        f"**Pas de proposition de reversement pour {context.year}.** "
        f"{md(sentence(data.refusal or ''))}. Le contrôle de l'article 4 porte sur une année "
        f"terminée, à partir des chiffres validés. {hint}",
        icon=":material/event_busy:",
    )


def key_figures(data: ControlData) -> None:
    proposal, year = data.proposal, data.context.year
    cols = st.columns(4, border=True)
    cols[0].metric(f"Versement {year}", fmt.money(data.payment))
    cols[1].metric(
        "Seuil appliqué",
        fmt.percent(data.threshold, 0 if (data.threshold * 100).denominator == 1 else 1),
        help=f"{threshold_words(data.threshold)} : en dessous, une action compte pour F × (1 − A).",
    )
    cols[2].metric("Montant proposé", fmt.money(proposal.proposed_total))
    decided = data.decision["decided_amount"] if data.decision else None
    cols[3].metric("Montant décidé", fmt.money(decided) if decided is not None else "pas encore")


def decision_section(data: ControlData) -> None:
    """The recorded decision with its Article 4 timeline; nothing for a year not controllable."""
    if data.proposal is None and data.decision is None:
        return
    st.header("Décision du préfet", divider="gray")
    control_widgets.decision_summary(data)


def report(data: ControlData) -> None:
    st.header("Rapport d'exécution", divider="gray")
    control_widgets.report_downloads(config.db_path(), data.context.convention, data.context.year)
    evidence_downloads(data.context.convention_id, data.context.year)
    letter_download(config.db_path(), data)
