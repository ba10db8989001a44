"""The notice a locked year shows before any field or button: why it is read-only, who unlocks.

A decision of the Prefect (or the administration) locks a year's figures; the storage layer
refuses any write to them. Pages call `locked_notice` first and draw their forms only when it
returns False, so nobody types figures, uploads a file or clicks « Valider » to learn it only
from a refusal (issue 12).
"""

from __future__ import annotations

import streamlit as st

from lda_dash import fmt
from lda_dash.services.context import Context

UNLOCK_WORDS = (
    "Seule l'administration peut déverrouiller l'année (page « Verrous des années »), avec un "
    "motif consigné dans l'historique."
)


def lock_sentence(year: int, lock: dict, what: str) -> str:
    """« Année 2022 verrouillée depuis le … (par …, motif …) : what. Who can unlock. »"""
    reason = f", motif : « {lock['reason']} »" if lock.get("reason") else ""
    return (
        f"**Année {year} verrouillée** depuis le {fmt.moment(lock['changed_at'])} (par "
        f"{lock['changed_by']}{reason}) : {what} {UNLOCK_WORDS}"
    )


def locked_notice(context: Context, year: int, what: str) -> bool:
    """Show why `year` is read-only when it is locked; True when it is."""
    lock = context.lock_of(year)
    if lock is None:
        return False
    st.info(lock_sentence(year, lock, what), icon=":material/lock:")
    return True
