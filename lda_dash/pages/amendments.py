"""Avenants (coordination, administration): the convention's dated amendments, and recording a
new one (DOMAIN.md section 13) from a form or CSV files, previewed before → after: the year's
payment, targets, weights and the shares of its allocation."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lda_dash import config
from lda_dash.importers.amendment_file import MAX_BYTES as AMENDMENT_MAX_BYTES
from lda_dash.services.amendment_page import (
    amendment_rows,
    load_amendments,
    preview,
    read_draft,
    record,
    values_in_force,
)
from lda_dash.services.amendments import AmendmentRefused
from lda_dash.ui import auth, state
from lda_dash.ui.safe_text import md, md_table
from lda_dash.words.amendments import change_line

DRAFT_KEY = "amendment_draft"
FLASH_KEY = "amendment_flash"
EXPLANATION = (
    "Un avenant fixe, pour une année, le versement, des cibles, des poids d'indicateurs ou des "
    "parts de la répartition, à partir de sa date. L'avancement et la prévision à une date "
    "utilisent les valeurs de l'avenant le plus récent à cette date ; la répartition doit "
    "toujours totaliser exactement le versement. Une année déjà décidée (décision de "
    "reversement) n'accepte plus d'avenant daté après sa décision."
)


def main() -> None:
    data = state.open_page(load_amendments)
    context = data.context
    st.title("Avenants")
    st.caption(f"{context.convention['territory_name']} · {context.convention['title']}")
    if flash := st.session_state.pop(FLASH_KEY, None):
        st.success(flash, icon=":material/check_circle:")
    st.markdown(EXPLANATION)
    rows = amendment_rows(data.amendments, data.names)
    if rows:
        st.table(pd.DataFrame(rows).set_index("Date"))
    else:
        st.caption("Aucun avenant enregistré.")
    st.subheader("Enregistrer un avenant")
    years = sorted({*context.years, context.years[-1] + 1})
    year = st.selectbox("Année modifiée", years, index=years.index(context.year), key="am_year")
    show_values_in_force(context, year)
    left, right = st.columns(2)
    day_text = left.text_input("Date de l'avenant (JJ/MM/AAAA)", key="am_date")
    reference = right.text_input("Référence", placeholder="Avenant 2022", key="am_reference")
    payment = st.text_input("Nouveau versement de l'année (€, facultatif)", key="am_payment")
    targets = st.text_area(
        "Cibles modifiées, une par ligne : action;indicateur;cible",
        placeholder="2;CAPT;45",
        key="am_targets",
    )
    weights = st.text_area(
        "Poids modifiés, un par ligne : action;indicateur;poids (strictement positif)",
        placeholder="12;FORM_AV;2",
        key="am_weights",
    )
    allocation = st.text_area(
        "Parts de la répartition modifiées, une par ligne : action;montant "
        "(le total doit rester égal au versement)",
        placeholder="11;32 838\n12;14 535",
        key="am_allocation",
    )
    uploads = st.file_uploader(
        "…ou des fichiers CSV : action;indicateur;cible, action;indicateur;poids, action;montant",
        type=["csv"],
        accept_multiple_files=True,
        key="am_file",
        max_upload_size=max(1, AMENDMENT_MAX_BYTES // 2**20),
    )
    reason = st.text_input("Motif", key="am_reason")
    if st.button("Prévisualiser", icon=":material/preview:"):
        try:
            draft = read_draft(
                config.db_path(), context.convention_id, year=year, day_text=day_text,
                reference=reference, payment_text=payment, targets_text=targets,
                weights_text=weights, allocation_text=allocation,
                upload=[file.getvalue() for file in uploads or []], reason=reason,
            )  # fmt: skip
            changes = preview(config.db_path(), context.convention_id, draft)
        except AmendmentRefused as refused:
            st.session_state.pop(DRAFT_KEY, None)
            st.error(f"Avenant non prévisualisé : {md(refused)}.", icon=":material/block:")
        else:
            st.session_state[DRAFT_KEY] = (draft, changes)
    show_preview_and_confirm(context.convention_id)


def show_values_in_force(context, year: int) -> None:
    """The codes the lines use, with the year's weights and allocation in force today."""
    weights, allocation = values_in_force(
        config.db_path(), context.convention_id, year, context.as_of
    )
    with st.expander(f"Poids et répartition {year} en vigueur (codes à utiliser)"):
        if weights:
            table = md_table(pd.DataFrame(weights).set_index("Action"))
            table["Code"] = [f"`{row['Code']}`" for row in weights]  # what the lines use
            st.table(table)
        if allocation:
            st.table(md_table(pd.DataFrame(allocation).set_index("Action")))
        else:
            st.caption(f"Aucun versement enregistré pour {year} : rien n'est encore réparti.")


def show_preview_and_confirm(convention_id: str) -> None:
    """The changes before → after as of the amendment's date, then the confirmation."""
    if DRAFT_KEY not in st.session_state:
        return
    draft, (changes, names) = st.session_state[DRAFT_KEY]
    st.markdown(
        f"**Aperçu : {md(draft.reference)} du {draft.amended_on:%d/%m/%Y}, année {draft.year}**"
    )
    if not changes:
        st.warning("Cet avenant ne fixe ni versement, ni cible, ni poids, ni répartition.")
        return
    st.table(pd.DataFrame({"Avant → après": [change_line(c, names) for c in changes]}))
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
