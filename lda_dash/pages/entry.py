"""Saisie trimestrielle: a partner reports the quarter's figures of its actions, in a form or by
file, saves a draft at any time, then submits the quarter to the coordination."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from lda_dash import config
from lda_dash.domain.entry import latest_ended_quarter
from lda_dash.domain.workflow import FigureStatus
from lda_dash.services.entry import EntryData, load_entry
from lda_dash.ui import auth, state, widgets, year_lock
from lda_dash.ui.entry_form import entry_form
from lda_dash.ui.entry_upload import upload_section
from lda_dash.ui.evidence_widgets import partner_evidence
from lda_dash.ui.safe_text import md
from lda_dash.words.workflow import WORKFLOW_LABELS

PERIOD_KEY = "entry_period"


def _choose_period() -> None:
    st.session_state[PERIOD_KEY] = (
        st.session_state["_w_period_year"],
        st.session_state["_w_period_quarter"],
    )
    state.show_period(*st.session_state[PERIOD_KEY])


def period_selectors(data: EntryData) -> None:
    """Year and quarter; the latest ended quarter is offered first, later ones are marked."""
    ended = latest_ended_quarter(data.context.as_of)
    st.session_state["_w_period_year"] = data.year
    st.session_state["_w_period_quarter"] = data.quarter

    def quarter_label(quarter: int) -> str:
        pending = (data.year, quarter) > ended
        return f"T{quarter}" + (" (pas encore terminé)" if pending else "")

    year_column, quarter_column = st.columns([1, 3])
    year_column.selectbox("Année", data.years, key="_w_period_year", on_change=_choose_period)
    quarter_column.radio(
        "Trimestre", (1, 2, 3, 4), key="_w_period_quarter", format_func=quarter_label,
        horizontal=True, on_change=_choose_period,
    )  # fmt: skip


def quarter_summary(data: EntryData, locked: bool = False) -> None:
    """Where the quarter stands, and what the coordination sent back, before any field; a
    locked year asks for no correction."""
    statuses = Counter(
        None if data.record(i) is None else data.record(i)["status"] for i in data.indicators
    )
    order = (
        None,
        FigureStatus.DRAFT,
        FigureStatus.RETURNED,
        FigureStatus.SUBMITTED,
        FigureStatus.VALIDATED,
    )
    parts = [f"{WORKFLOW_LABELS[s]} : **{statuses[s]}**" for s in order if statuses[s]]
    st.markdown(f"**T{data.quarter} {data.year}** — " + " · ".join(parts))
    by_reason: dict[str, list[str]] = {}
    for indicator, record in data.returned:
        by_reason.setdefault(record["return_reason"] or "sans motif", []).append(
            f"action n° {indicator.spec.action} · {md(indicator.label)}"
        )
    for reason, figures in by_reason.items():
        if locked:
            st.warning(
                f"Renvoyé par la coordination : « {reason} ». Concerne : {' ; '.join(figures)}. "
                "L'année étant verrouillée, ces chiffres ne compteront pas.",
                icon="↩",
            )
            continue
        st.error(
            f"**Renvoyé par la coordination : « {md(reason)} »**  \n"
            f"Concerne : {' ; '.join(figures)}. Corrigez puis soumettez à nouveau le trimestre.",
            icon="↩",
        )
    if data.indicators and not data.editable_indicators and not locked:
        if statuses[FigureStatus.VALIDATED] == len(data.indicators):
            st.success("Trimestre validé par la coordination : rien à saisir.", icon="✔")
        else:
            st.info(
                "Trimestre soumis : la coordination doit le valider. Les chiffres ne sont plus "
                "modifiables ; pour une correction, demandez-lui de vous les renvoyer.",
                icon="⏳",
            )


def main() -> None:
    actor = auth.current_actor()
    organisation_id = None if actor is None else actor.organisation_id
    period = st.session_state.get(PERIOD_KEY) or state.period_from_address()
    data = state.load_or_stop(
        lambda path, wanted: load_entry(path, wanted, organisation_id, period),
        config.db_path(),
        state.wanted_selection(),
    )
    widgets.demo_banner(data.context.demo, data.context.demo_day)
    st.title("Saisie trimestrielle", anchor=False)
    st.caption(
        f"{md(data.organisation or 'Organisation inconnue')} · "
        f"{md(data.context.convention['territory_name'])} · {md(data.context.convention['title'])}"
    )
    if not data.indicators:
        st.info(
            "Aucune action n'est confiée à votre organisation pour cette convention : "
            "demandez à l'administration de vous les attribuer.",
            icon=":material/info:",
        )
        return
    numbers = ", ".join(str(n) for n in data.actions)
    st.markdown(f"Vos actions : n° {numbers}. Un chiffre par indicateur et par trimestre.")
    period_selectors(data)
    state.show_period(data.year, data.quarter)
    if year_lock.locked_notice(
        data.context, data.year,
        f"les chiffres {data.year} se consultent ici mais ne peuvent plus être saisis, "
        "déposés ni corrigés.",
    ):  # fmt: skip
        quarter_summary(data, locked=True)
        return
    quarter_summary(data)
    form_tab, file_tab, evidence_tab = st.tabs(
        ["Formulaire", "Dépôt d'un fichier (CSV, XLSX)", "Pièces justificatives"]
    )
    with form_tab:
        entry_form(data)
    with file_tab:
        upload_section(data)
    with evidence_tab:
        partner_evidence(data)


main()
