"""The Article 4 notification letter (Word) to download from « Contrôle et reversement », once a
decision asking for a clawback is recorded (exports/letter_docx.py writes it)."""

from __future__ import annotations

import streamlit as st

from lda_dash import exports
from lda_dash.services.control_actions import report_file
from lda_dash.services.control_data import ControlData

LETTER = "docx"


def letter_file_name(year: int) -> str:
    return f"lettre-article-4-reversement-{year}.docx"


def letter_download(path, data: ControlData) -> None:
    """The button, or why there is no letter yet."""
    year, decision = data.context.year, data.decision
    st.markdown(f"**Lettre de notification du reversement {year}** (article 4)")
    if decision is None:
        st.caption("La lettre se prépare une fois la décision enregistrée.")
        return
    if not decision["decided_amount"]:
        st.caption("La décision ne demande aucun reversement : pas de lettre à envoyer.")
        return
    st.download_button(
        f"Télécharger la lettre au président de l'EPCI {year} (Word, modifiable)",
        data=lambda: report_file(path, data.context.convention_id, year, LETTER),
        file_name=letter_file_name(year),
        mime=exports.FORMATS[LETTER].mime,
        on_click="ignore",
        icon=":material/mail:",
        key="download_letter",
        help="Montants, règle appliquée, délai d'un mois pour répondre puis titre de "
        "reversement ; l'en-tête, l'adresse et le signataire sont à compléter dans Word.",
    )
