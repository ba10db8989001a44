"""Evidence on the pages (issue 16): the partner attaches a document to a figure, the
coordination says which indicators need one, and the coordination and the préfecture open them.

Pages call these; which page exists for whom is the role's business (auth.pages_for), and the
storage layer checks again who may attach or require.
"""

from __future__ import annotations

import streamlit as st

from lda_dash import config
from lda_dash.domain.evidence import ACCEPTED, MAX_BYTES, EvidenceRefused, safe_name
from lda_dash.domain.model import SPENDING_CODE, IndicatorSpec
from lda_dash.domain.permissions import PermissionDenied
from lda_dash.services.context import unit_of_work
from lda_dash.services.entry import EntryData
from lda_dash.services.evidence import (
    attach_document,
    documents,
    evidence_lines,
    open_document,
    required_evidence,
    set_requirement,
)
from lda_dash.ui import auth
from lda_dash.ui.safe_text import md

UPLOAD_TYPES = ["pdf", "odt", "docx", "png", "jpg", "jpeg"]
FLASH_KEY = "evidence_flash"


def evidence_downloads(convention_id: str, year: int, action: int | None = None) -> None:
    """« Pièces justificatives » of the year (of one action when given), each with a download."""
    with unit_of_work(config.db_path()) as con:
        lines = [
            line for line in evidence_lines(con, convention_id, year, auth.current_actor())
            if action is None or line["Action"] == action
        ]  # fmt: skip
        contents = {line["id"]: open_document(con, convention_id, line["id"]) for line in lines}
    st.subheader(f"Pièces justificatives {year}")
    if not lines:
        st.caption("Aucune pièce justificative jointe aux chiffres de l'année.")
        return
    for line in lines:
        found = contents[line["id"]]
        left, right = st.columns([3, 1])
        left.markdown(
            f"n° {line['Action']} · {line['Indicateur']} · {line['Chiffre']} — "
            f"{md(line['Fichier'])} ({line['Taille']}), déposé par "
            f"{md(line['Déposé par'])} "
            f"le {line['Le']}"
        )
        right.download_button(
            "Ouvrir", bytes(found["content"]), found["file_name"], found["media_type"],
            key=f"evidence_{line['id']}", icon=":material/download:",
        )  # fmt: skip


def requirement_section(convention_id: str, specs: dict[tuple[int, str], IndicatorSpec]) -> None:
    """The coordination's setting: which indicators need a document before submission."""
    with unit_of_work(config.db_path()) as con:
        required = required_evidence(con, convention_id)
    keys = [key for key in specs if key[1] != SPENDING_CODE]
    with st.form("evidence_requirement"):
        chosen = st.multiselect(
            "Pièce justificative exigée (un jalon « produit » ne peut être soumis sans elle)",
            keys, default=[key for key in keys if key in required],
            format_func=lambda k: f"n° {k[0]} · {specs[k].label} ({k[1]})",
        )  # fmt: skip
        saved = st.form_submit_button("Enregistrer les pièces exigées", icon=":material/save:")
    if not saved:
        return
    try:
        with unit_of_work(config.db_path()) as con:
            for key in keys:
                if (key in chosen) != (key in required):
                    set_requirement(con, convention_id, auth.current_actor(), key, key in chosen)
    except PermissionDenied as refused:
        st.error(f"Rien n'a été enregistré : {refused}.")
        return
    st.success("Pièces justificatives exigées enregistrées.", icon=":material/check_circle:")


def partner_evidence(data: EntryData) -> None:
    """Attach a document to one of the quarter's figures; the file is checked by its content."""
    cid = data.context.convention_id
    if flash := st.session_state.pop(FLASH_KEY, None):
        st.success(flash, icon=":material/check_circle:")
    with unit_of_work(config.db_path()) as con:
        required = required_evidence(con, cid)
        attached_all = documents(con, cid, data.year)
    keys = [i.key for i in data.indicators if i.key[1] != SPENDING_CODE]
    labels = {i.key: f"n° {i.key[0]} · {i.label}" for i in data.indicators}
    st.markdown(
        f"Joignez à un chiffre de T{data.quarter} {data.year} le document qui le prouve "
        f"({ACCEPTED}), par exemple le bilan annuel d'un jalon « produit »."
    )
    key = st.selectbox(
        "Chiffre concerné", keys, key="evidence_key",
        format_func=lambda k: labels[k] + (" — pièce exigée" if k in required else ""),
    )  # fmt: skip
    if key is None:
        return
    figure = (*key, data.quarter)
    attached = [d for d in attached_all if (d["action_number"], d["code"], d["quarter"]) == figure]
    for d in attached:
        st.caption(f"Déjà joint : {md(d['file_name'])} ({md(d['uploaded_by'])})")
    upload = st.file_uploader(
        "Document", type=UPLOAD_TYPES, key="evidence_file", max_upload_size=MAX_BYTES // 2**20
    )
    if not st.button("Joindre le document", icon=":material/attach_file:", disabled=not upload):
        return
    try:
        with unit_of_work(config.db_path()) as con:
            attach_document(
                con, cid, auth.current_actor(), (*key, data.year, data.quarter), upload.name,
                upload.getvalue(),
            )  # fmt: skip
    except (EvidenceRefused, PermissionDenied) as refused:
        st.error(f"Document refusé : {md(refused)}.", icon=":material/block:")
        return
    st.session_state[FLASH_KEY] = (
        f"Document « {md(safe_name(upload.name))} » joint à {md(labels[key])}."
    )
    st.rerun()
