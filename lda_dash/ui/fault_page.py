"""The page shown instead of a traceback when the database fails (db_faults says what it means)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from lda_dash.services import faults as db_faults

log = logging.getLogger("lda_dash.app")


@contextmanager
def database_faults_explained() -> Iterator[None]:
    """Run the app; a database fault becomes one French message, its traceback a log entry.

    Streamlit's own control flow (st.stop, st.rerun, page switches) is not an Exception of
    db_faults.FAULT_TYPES, so it passes through untouched.
    """
    try:
        yield
    except db_faults.FAULT_TYPES as exc:
        if not db_faults.is_database_fault(exc):
            raise
        fault = db_faults.describe(exc)
        log.error("database fault (%s) shown to the user", fault.kind, exc_info=exc)
        show(fault)


def show(fault: db_faults.FaultExplanation) -> None:
    st.title("LDA Dash")
    st.error(fault.happened, icon="🗄️")
    st.markdown(fault.to_do)
    st.button("Réessayer", type="primary", key="_fault_retry")
