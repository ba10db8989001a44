"""LDA Dash: page settings and navigation between the pages (no SQL, no data handling here)."""

import streamlit as st

from lda_dash import config
from lda_dash.ui import widgets

st.set_page_config(page_title="LDA Dash", page_icon="🏠", layout="wide")

if not config.db_path().exists():
    # Nothing to show yet: say how to create the database instead of failing on every page.
    widgets.setup_needed()
    st.stop()

pages = [
    st.Page(
        "lda_dash/pages/dashboard.py",
        title="Tableau de bord",
        icon=":material/dashboard:",
        url_path="tableau-de-bord",
        default=True,
    ),
    st.Page(
        "lda_dash/pages/action.py",
        title="Fiche action",
        icon=":material/description:",
        url_path="fiche-action",
    ),
]
st.navigation(pages).run()
