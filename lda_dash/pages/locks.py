"""Verrous (administration): which years' figures are locked, and unlocking or locking one with
a reason kept in the history (DOMAIN.md section 8)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lda_dash import config, fmt
from lda_dash.domain.permissions import PermissionDenied
from lda_dash.services.control_actions import change_lock
from lda_dash.services.control_data import LocksData, YearLockRow, load_locks
from lda_dash.tables.money import history_table
from lda_dash.ui import auth, state
from lda_dash.ui.safe_text import md, md_table

FLASH_KEY = "lock_flash"
EXPLANATION = (
    "Une décision de reversement verrouille les chiffres de son année : plus aucune saisie, "
    "modification ou validation, et la répartition du versement est figée. L'administration "
    "peut déverrouiller une année (par exemple pour corriger une erreur de saisie signalée) puis "
    "la verrouiller à nouveau ; chaque changement est consigné avec son motif."
)


def main() -> None:
    data = state.open_page(load_locks)
    context = data.context
    st.title("Verrous des années")
    st.caption(f"{md(context.convention['territory_name'])} · {md(context.convention['title'])}")
    if flash := st.session_state.pop(FLASH_KEY, None):
        st.success(flash, icon=":material/check_circle:")
    st.markdown(EXPLANATION)
    st.table(md_table(years_table(data.years).set_index("Année")))
    change_form(data)
    st.subheader("Historique des verrous et des décisions")
    if data.history:
        st.table(md_table(history_table(data.history).set_index("Date")))
    else:
        st.caption("Aucun verrouillage ni aucune décision n'a encore été enregistré.")


def years_table(years: list[YearLockRow]) -> pd.DataFrame:
    rows = []
    for row in years:
        lock, decision = row.lock, row.decision
        rows.append(
            {
                "Année": str(row.year),
                "Versement": fmt.money(row.payment),
                "Décision": f"{fmt.money(decision['decided_amount'])} le "
                f"{fmt.day(decision['decided_on'])}"
                if decision
                else "aucune",
                "Chiffres": "🔒 verrouillés" if row.locked else "🔓 ouverts",
                "Dernier changement": f"{fmt.moment(lock['changed_at'])} par {lock['changed_by']}"
                if lock
                else fmt.DASH,
                "Motif": lock["reason"] if lock else "",
            }
        )
    return pd.DataFrame(rows)


def change_form(data: LocksData) -> None:
    """Lock or unlock the year chosen in the menu, with a required reason."""
    year = data.context.year
    row = next(r for r in data.years if r.year == year)
    action = "Déverrouiller" if row.locked else "Verrouiller"
    st.subheader(f"{action} les chiffres {year}")
    st.caption("L'année se choisit dans le menu « Année » à gauche.")
    with st.form(f"lock_{year}", clear_on_submit=True, enter_to_submit=False):
        reason = st.text_input("Motif (obligatoire)", key="lock_reason")
        submitted = st.form_submit_button(
            f"{action} {year}",
            type="primary",
            icon=":material/lock_open:" if row.locked else ":material/lock:",
        )
    if not submitted:
        return
    if not reason.strip():
        st.error("Rien n'est changé : le motif est obligatoire.", icon=":material/block:")
        return
    try:
        change_lock(
            config.db_path(),
            data.context.convention_id,
            year,
            auth.current_actor(),
            not row.locked,
            reason,
        )
    except PermissionDenied as refused:
        st.error(f"Rien n'est changé : {md(refused)}.", icon=":material/block:")
        return
    done = "déverrouillés" if row.locked else "verrouillés"
    st.session_state[FLASH_KEY] = f"Chiffres {year} {done}."
    st.rerun()


main()
