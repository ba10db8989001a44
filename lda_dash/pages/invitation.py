"""Invitation (before sign-in): the person opens the one-time link the administration made and
chooses a password; then signs in as usual."""

from __future__ import annotations

import streamlit as st

from lda_dash.services import account_admin
from lda_dash.services.accounts import AccountError


def main() -> None:
    st.title("LDA Dash · Choisir un mot de passe")
    token = st.query_params.get("jeton", "")
    if done := st.session_state.get("invitation_done"):
        st.success(f"Mot de passe enregistré pour **{done}** : connectez-vous.",
                   icon=":material/check_circle:")  # fmt: skip
        st.markdown("[Aller à la page de connexion](/)")
        return
    try:
        login = account_admin.invitation_login(token)
    except AccountError as refused:
        st.error(str(refused), icon=":material/link_off:")
        return
    st.markdown(
        f"Compte **{login}**. Choisissez un mot de passe : 12 caractères au moins, pas un mot "
        "de passe courant (une phrase de quelques mots fait l'affaire)."
    )
    with st.form("invitation"):
        password = st.text_input("Mot de passe", type="password", autocomplete="new-password")
        again = st.text_input("Le même, à nouveau", type="password", autocomplete="new-password")
        if st.form_submit_button("Enregistrer le mot de passe", type="primary"):
            try:
                account_admin.accept_invitation(token, password, again)
            except AccountError as refused:
                st.error(f"Rien n'est changé : {refused}", icon=":material/block:")
                return
            st.session_state["invitation_done"] = login
            st.query_params.clear()
            st.rerun()


main()
