"""Répartition du versement (coordination): the shares of a year's payment per action, editable,
stored only when they sum exactly to the payment and with a reason (DOMAIN.md section 7)."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from lda_dash import config, fmt
from lda_dash.domain.permissions import PermissionDenied
from lda_dash.services.control import ControlRefused
from lda_dash.services.control_actions import save_allocation
from lda_dash.services.control_data import AllocationData, load_allocation_page
from lda_dash.tables.money import allocation_frame, history_table
from lda_dash.ui import auth, state
from lda_dash.ui.safe_text import md, md_table
from lda_dash.words.labels import money

FLASH_KEY = "allocation_flash"
SHARE = "Part (€)"
RULE = """
**Règle par défaut** (convention) : la première année, la colonne « Financement AMI demandé en
année 1 » de l'annexe ; les années suivantes, le versement au prorata des besoins estimés de
l'année 2 de chaque action (dépenses − cofinancements, jamais négatifs), arrondi à l'euro en
donnant les euros restants aux plus forts restes. La coordination peut fixer une autre
répartition ; elle doit totaliser **exactement** le versement de l'année, et son motif est
consigné dans l'historique.
"""


def main() -> None:
    data = state.open_page(load_allocation_page)
    context = data.context
    st.title(f"Répartition du versement {context.year}")
    st.caption(f"{md(context.convention['territory_name'])} · {md(context.convention['title'])}")
    if flash := st.session_state.pop(FLASH_KEY, None):
        st.success(flash, icon=":material/check_circle:")
    st.markdown(RULE)
    if data.refusal:
        st.warning(f"Rien à répartir : {md(data.refusal)}.", icon=":material/info:")
        return
    in_force(data)
    editor(data)
    st.subheader("Historique de la répartition")
    if data.history:
        st.table(md_table(history_table(data.history, "Action", amounts=True).set_index("Date")))
    else:
        st.caption(f"Aucune modification de la répartition {context.year} n'a été enregistrée.")


def in_force(data: AllocationData) -> None:
    if data.overridden and data.override:
        st.info(
            "Répartition en vigueur : **fixée par la coordination** "
            f"({md(data.override['set_by'])}, le {fmt.moment(data.override['set_at'])}) · "
            f"motif : {md(data.override['reason'])}",
            icon=":material/edit_note:",
        )
    else:
        st.info(
            "Répartition en vigueur : **règle par défaut** de la convention.",
            icon=":material/rule:",
        )


def editor(data: AllocationData) -> None:
    """The editable shares, their live sum against the payment, the reason, the save button."""
    year, payment = data.context.year, data.payment
    frame = allocation_frame(data.titles, data.default, data.current)
    if data.locked:
        st.warning(
            f"🔒 Les chiffres {year} sont verrouillés après la décision de reversement : la "
            "répartition ne peut plus être modifiée (déverrouillage : administration).",
            icon=":material/lock:",
        )
        st.table(md_table(frame.set_index("N°")))
        return
    key = f"allocation_editor_{data.context.convention_id}_{year}"
    st.caption(
        "Modifiez les montants de la colonne « Part (€) » (double-clic sur une case), en euros "
        "entiers ; le total se met à jour à chaque modification."
    )
    edited = st.data_editor(
        frame,
        key=key,
        hide_index=True,
        width="stretch",
        height=36 * (len(frame) + 1) + 3,  # every action visible, no inner scrolling
        disabled=["N°", "Action", "Règle par défaut"],
        column_config={
            "N°": st.column_config.NumberColumn(width=50),
            "Action": st.column_config.TextColumn(width="large"),
            SHARE: st.column_config.NumberColumn(
                min_value=0, step=1, format="localized", required=True
            ),
        },
    )
    shares = shares_of(edited)
    total = sum(shares.values(), Decimal(0))
    gap = total - Decimal(payment)
    cols = st.columns(3, border=True)
    cols[0].metric("Total des parts saisies", fmt.money(total))
    cols[1].metric(f"Versement {year}", fmt.money(payment))
    cols[2].metric("Écart", ("+" if gap > 0 else "") + fmt.money(gap))
    if gap == 0:
        st.success("Le total est exactement égal au versement.", icon=":material/check:")
    else:
        side = "au-dessus" if gap > 0 else "en dessous"
        st.error(
            f"Le total est {money(abs(gap))} {side} du versement : corrigez les parts pour qu'il "
            "lui soit exactement égal.",
            icon=":material/error:",
        )
    reason = st.text_input(
        "Motif de la modification (obligatoire)", key=f"allocation_reason_{year}"
    )
    if st.button("Enregistrer la répartition", type="primary", icon=":material/save:"):
        save(data, shares, reason, key)


def shares_of(edited: pd.DataFrame) -> dict[int, Decimal]:
    """action → share in whole euros; an emptied cell counts 0."""
    return {
        int(row["N°"]): Decimal(int(row[SHARE])) if pd.notna(row[SHARE]) else Decimal(0)
        for _, row in edited.iterrows()
    }


def save(data: AllocationData, shares: dict[int, Decimal], reason: str, key: str) -> None:
    year = data.context.year
    if sum(shares.values(), Decimal(0)) != Decimal(data.payment):
        st.error(
            "Répartition non enregistrée : le total doit être exactement égal au versement "
            f"{year} ({fmt.money(data.payment)}).",
            icon=":material/block:",
        )
        return
    if not reason.strip():
        st.error("Répartition non enregistrée : le motif est obligatoire.", icon=":material/block:")
        return
    if shares == data.current:
        st.info("Aucune part n'a changé : rien à enregistrer.", icon=":material/info:")
        return
    try:
        save_allocation(
            config.db_path(), data.context.convention_id, year, shares, auth.current_actor(), reason
        )
    except (ControlRefused, PermissionDenied) as refused:
        st.error(f"Répartition non enregistrée : {md(refused)}.", icon=":material/block:")
        return
    st.session_state.pop(key, None)  # the editor starts again from what is now stored
    st.session_state.pop(f"allocation_reason_{year}", None)
    st.session_state[FLASH_KEY] = f"Répartition {year} enregistrée."
    st.rerun()


main()
