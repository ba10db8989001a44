"""The inbox at the top of each role's home page: what waits, across every period, each with a
link to the page (and period) where it is done."""

from __future__ import annotations

import streamlit as st

from lda_dash import fmt
from lda_dash.domain.permissions import Actor
from lda_dash.services.errors import DatabaseBusy, DatabaseFault, SchemaMissing
from lda_dash.services.inbox import load_inbox

MAX_SHOWN = 12


def panel(actor: Actor) -> None:
    try:
        items = load_inbox(actor)
    except (DatabaseBusy, DatabaseFault, SchemaMissing):  # the inbox never stops the page
        return
    with st.container(border=True, key="inbox"):
        st.markdown(f"**À faire** ({len(items)})" if items else "**À faire** : rien en attente.")
        for item in items[:MAX_SHOWN]:
            st.markdown(f"- **{item.kind}** · {item.text} · [ouvrir]({item.link})")
        if len(items) > MAX_SHOWN:
            more = len(items) - MAX_SHOWN
            st.caption(f"… et {fmt.number(more)} {'autre' if more < 2 else 'autres'}.")
