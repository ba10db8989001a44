"""Historique: every change of a figure, target, weight, allocation, decision or account, who made
it, when, the old and new value and the reason; filterable and exportable as CSV."""

from __future__ import annotations

import streamlit as st

from lda_dash import fmt
from lda_dash.exports.tables import CSV_MIME
from lda_dash.services.history import filter_history, history_csv, load_history
from lda_dash.ui import state


def _bounds(period):
    """Start and end of the date range; while it is being picked, only the start is known."""
    if not isinstance(period, tuple | list):
        return period, None
    dates = [*period, None, None]
    return dates[0], dates[1]


def main() -> None:
    data = state.open_page(load_history)
    st.title("Historique des modifications")
    st.caption(
        "Tout changement est ajouté ici et n'est jamais effacé : qui, quand, quoi, ancienne et "
        "nouvelle valeur, motif."
    )
    entries = data.entries
    if entries.empty:
        st.info("Aucune modification enregistrée pour cette convention.")
        return
    first, last = entries["Date"].min().date(), entries["Date"].max().date()
    left, middle, right = st.columns(3)
    entities = left.multiselect("Objet", data.entities, placeholder="Tous")
    authors = middle.multiselect("Auteur", data.authors, placeholder="Tous")
    period = right.date_input(
        "Période", (first, last), min_value=first, max_value=last, format="DD/MM/YYYY"
    )
    text = st.text_input(
        "Rechercher",
        placeholder="Ex. : logements, T3 2022, un motif…",
        key="_w_history_text",
    )
    start, end = _bounds(period)
    shown = filter_history(
        entries, entities=entities, authors=authors, text=text, start=start, end=end
    )
    st.caption(f"{len(shown)} modification{'s' if len(shown) > 1 else ''} sur {len(entries)}")
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config={"Date": st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm")},
    )
    st.download_button(
        f"Exporter en CSV ({fmt.plural(len(shown), 'ligne')})",
        history_csv(shown),
        f"historique-{data.context.convention_id}.csv",
        CSV_MIME,
        icon=":material/download:",
        disabled=shown.empty,
    )


main()
