"""Mon compte (everyone): change one's password, see one's open sessions and end them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lda_dash import fmt
from lda_dash.domain.permissions import ROLE_LABELS
from lda_dash.services import account_admin, sessions
from lda_dash.services.accounts import AccountError
from lda_dash.ui import auth
from lda_dash.words.browsers import browser_words

FLASH_KEY = "account_flash"


def main() -> None:
    actor = auth.current_actor()
    st.title("Mon compte")
    st.markdown(f"Identifiant **{actor.login}** · {ROLE_LABELS[actor.role]}")
    if flash := st.session_state.pop(FLASH_KEY, None):
        st.success(flash, icon=":material/check_circle:")
    password_form(actor)
    sessions_list(actor)


def password_form(actor) -> None:
    st.subheader("Changer de mot de passe")
    st.caption(
        "12 caractères au moins, pas un mot de passe courant. Le changement ferme toutes vos "
        "sessions, celle-ci comprise : vous vous reconnecterez avec le nouveau."
    )
    with st.form("password_change", clear_on_submit=True):
        current = st.text_input("Mot de passe actuel", type="password",
                                autocomplete="current-password")  # fmt: skip
        new = st.text_input("Nouveau mot de passe", type="password", autocomplete="new-password")
        again = st.text_input("Nouveau mot de passe, à nouveau", type="password",
                              autocomplete="new-password")  # fmt: skip
        if st.form_submit_button("Changer le mot de passe", type="primary"):
            try:
                account_admin.change_password(actor, current, new, again)
            except AccountError as refused:
                st.error(f"Rien n'est changé : {refused}", icon=":material/block:")
                return
            st.session_state["auth_message"] = "Mot de passe changé : reconnectez-vous."
            st.rerun()


def sessions_list(actor) -> None:
    st.subheader("Mes sessions ouvertes")
    current = (st.session_state.get(auth.SESSION_KEY) or (None,))[0]
    rows = sessions.active_sessions(actor.login)
    if not rows:
        st.caption("Aucune session ouverte par le serveur.")
        return
    st.table(
        pd.DataFrame(
            [
                {
                    "Ouverte le": fmt.moment(r["created_at"]),
                    "Dernière activité": fmt.moment(r["last_seen_at"]),
                    "Fin au plus tard": fmt.moment(r["expires_at"]),
                    "Connexion": r["method"],
                    "Navigateur": browser_words(r["user_agent"]),
                    "": "cette session" if r["id"] == current else "",
                }
                for r in rows
            ]
        )
    )
    others = [r for r in rows if r["id"] != current]
    if others and st.button("Fermer mes autres sessions", icon=":material/logout:"):
        for row in others:
            sessions.end_session(row["id"], actor.login, sessions.ENDED_BY_OWNER)
        st.session_state[FLASH_KEY] = f"{len(others)} session(s) fermée(s)."
        st.rerun()


main()
