"""LDA Dash: page settings, who is signed in, and the pages of their role (nothing else here).

`streamlit run app.py` finds the `st.App` below and serves it (ASGI): Streamlit's routes plus
ours, which set and clear the session cookie (`lda_dash/ui/web.py`); the same file, run by
Streamlit as its script (`__main__`), draws the pages.
"""

import streamlit as st

if __name__ != "__main__":
    from lda_dash.ui import web

    app = st.App(__file__, routes=web.routes())
else:
    from lda_dash import config
    from lda_dash.ui import auth, inbox, session_cookie, widgets
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
            page = st.navigation(auth.anonymous_pages(), position="hidden")
            session_cookie.remember_wanted(page.url_path)
            page.run()
        else:
            auth.sidebar_identity(actor)
            pages = auth.pages_for(actor.role)
            page = st.navigation(pages, expanded=True)  # every page listed, no « View more »
            if page.url_path == pages[0].url_path:  # each role's home page opens on its inbox
                inbox.panel(actor)
            page.run()
