"""LDA Dash: page settings, who is signed in, and the pages of their role (nothing else here)."""

import streamlit as st

from lda_dash import config
from lda_dash.ui import auth, widgets
from lda_dash.ui.fault_page import database_faults_explained

st.set_page_config(page_title="LDA Dash", page_icon="🏠", layout="wide")
widgets.french_document()

if not config.db_path().exists():
    # Nothing to show yet: say how to create the database instead of failing on every page.
    widgets.setup_needed()
    st.stop()

with database_faults_explained():  # a French message, not a traceback
    widgets.ensure_schema(str(config.db_path()))
    actor = auth.current_actor()
    if actor is None:
        st.navigation([st.Page(auth.login_page, title="Connexion", icon=":material/login:")]).run()
    else:
        auth.sidebar_identity(actor)
        st.navigation(auth.pages_for(actor.role)).run()
