"""Seuil de reversement (administration): the clawback threshold θ, with what a new value
changes in each closed year's proposal shown before it is saved, and a required reason."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lda_dash import fmt
from lda_dash.domain.permissions import PermissionDenied
from lda_dash.services import threshold
from lda_dash.services.accounts import AccountError
from lda_dash.ui import auth

FLASH_KEY = "threshold_flash"


def main() -> None:
    st.title("Seuil de reversement")
    if flash := st.session_state.pop(FLASH_KEY, None):
        st.success(flash, icon=":material/check_circle:")
    stored = threshold.stored_threshold()
    st.markdown(
        f"Seuil enregistré : **{fmt.percent(stored, 1)}**. Une action dont le taux d'atteinte "
        "est inférieur au seuil entre dans la base « objectifs » de la proposition de "
        "reversement (article 4 de la convention)."
    )
    text = st.text_input("Nouveau seuil (en %)", value=f"{float(stored) * 100:g}", key="theta")
    try:
        new = threshold.parse_percent(text)
    except AccountError as refused:
        st.error(str(refused), icon=":material/block:")
        return
    changes = threshold.preview(new)
    st.subheader(f"Ce que change {fmt.percent(new, 1)} dans chaque année close")
    if changes:
        st.table(
            pd.DataFrame(
                [
                    {
                        "Territoire": c.convention,
                        "Année": str(c.year),
                        "Proposition actuelle": fmt.money(c.current),
                        "Avec le nouveau seuil": fmt.money(c.proposed),
                        "Écart": fmt.money(c.proposed - c.current),
                        "Actions sous le seuil": f"{c.actions_below_now} → {c.actions_below_then}",
                    }
                    for c in changes
                ]
            ).set_index("Année")
        )
    else:
        st.caption("Aucune année close : le seuil ne change encore aucune proposition.")
    with st.form("threshold_save"):
        reason = st.text_input("Motif (obligatoire)", key="theta_reason")
        if st.form_submit_button(f"Enregistrer le seuil de {fmt.percent(new, 1)}", type="primary"):
            try:
                threshold.save(auth.current_actor(), new, reason)
            except (AccountError, PermissionDenied) as refused:
                st.error(f"Rien n'est changé : {refused}.", icon=":material/block:")
                return
            st.session_state[FLASH_KEY] = f"Seuil enregistré : {fmt.percent(new, 1)}."
            st.rerun()


main()
