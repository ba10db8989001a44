"""Avenants (coordination, administration): the convention's dated amendments, and recording a
new one (DOMAIN.md section 13) from a form or a targets file, previewed before → after."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lda_dash import config
from lda_dash.services.amendment_page import (
    amendment_rows,
    load_amendments,
    preview,
    read_draft,
    record,
)
from lda_dash.services.amendments import AmendmentRefused, change_line
from lda_dash.ui import auth, state
from lda_dash.ui.safe_text import md

DRAFT_KEY = "amendment_draft"
FLASH_KEY = "amendment_flash"
EXPLANATION = (
    "Un avenant fixe, pour une année, le versement et les cibles à partir de sa date. "
    "L'avancement à une date utilise les cibles de l'avenant le plus récent à cette date ; une "
    "année déjà décidée (décision de reversement) n'accepte plus d'avenant daté après sa décision."
)


def main() -> None:
    data = state.open_page(load_amendments)
    context = data.context
    st.title("Avenants")
    st.caption(f"{context.convention['territory_name']} · {context.convention['title']}")
    if flash := st.session_state.pop(FLASH_KEY, None):
        st.success(flash, icon=":material/check_circle:")
    st.markdown(EXPLANATION)
    rows = amendment_rows(data.amendments)
    if rows:
        st.table(pd.DataFrame(rows).set_index("Date"))
    else:
        st.caption("Aucun avenant enregistré.")
    st.subheader("Enregistrer un avenant")
    years = sorted({*context.years, context.years[-1] + 1})
    year = st.selectbox("Année modifiée", years, index=years.index(context.year), key="am_year")
    left, right = st.columns(2)
    day_text = left.text_input("Date de l'avenant (JJ/MM/AAAA)", key="am_date")
    reference = right.text_input("Référence", placeholder="Avenant 2022", key="am_reference")
    payment = st.text_input("Nouveau versement de l'année (€, facultatif)", key="am_payment")
    targets = st.text_area(
        "Cibles modifiées, une par ligne : action;indicateur;cible",
        placeholder="2;CAPT;45",
        key="am_targets",
    )
    upload = st.file_uploader(
        "…ou un fichier CSV action;indicateur;cible", type=["csv"], key="am_file"
    )
    reason = st.text_input("Motif", key="am_reason")
    if st.button("Prévisualiser", icon=":material/preview:"):
        try:
            draft = read_draft(
                config.db_path(), context.convention_id, year=year, day_text=day_text,
                reference=reference, payment_text=payment, targets_text=targets,
                upload=upload.getvalue() if upload else None, reason=reason,
            )  # fmt: skip
            changes = preview(config.db_path(), context.convention_id, draft)
        except AmendmentRefused as refused:
            st.session_state.pop(DRAFT_KEY, None)
            st.error(f"Avenant non prévisualisé : {md(refused)}.", icon=":material/block:")
        else:
            st.session_state[DRAFT_KEY] = (draft, changes)
    show_preview_and_confirm(context.convention_id)


def show_preview_and_confirm(convention_id: str) -> None:
    """The changes before → after as of the amendment's date, then the confirmation."""
    if DRAFT_KEY not in st.session_state:
        return
    draft, changes = st.session_state[DRAFT_KEY]
    st.markdown(
        f"**Aperçu : {md(draft.reference)} du {draft.amended_on:%d/%m/%Y}, année {draft.year}**"
    )
    if not changes:
        st.warning("Cet avenant ne fixe ni versement ni cible.")
        return
    st.table(pd.DataFrame({"Avant → après": [change_line(c) for c in changes]}))
    if st.button("Confirmer l'avenant", type="primary", icon=":material/check:"):
        try:
            done = record(config.db_path(), convention_id, auth.current_actor(), draft)
        except AmendmentRefused as refused:
            st.error(
                f"Avenant refusé, rien n'est enregistré : {md(refused)}.",
                icon=":material/block:",
            )
            return
        st.session_state.pop(DRAFT_KEY, None)
        st.session_state[FLASH_KEY] = f"Avenant enregistré : {md(done.label())}."
        st.rerun()


main()
