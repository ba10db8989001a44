"""Invitation (before sign-in): the person opens the one-time link the administration made and
chooses a password; then signs in as usual."""

from __future__ import annotations

import streamlit as st

from lda_dash.services import account_admin
from lda_dash.services.accounts import AccountError
from lda_dash.ui.auth import ACTOR_KEY
from lda_dash.ui.safe_text import md


def signed_in_as() -> str | None:
    """Who is signed in in this browser, if anyone (app.py has checked the session already)."""
    actor = st.session_state.get(ACTOR_KEY)
    return None if actor is None else actor.login


def main() -> None:
    st.title("LDA Dash · Choisir un mot de passe")
    token = st.query_params.get("jeton", "")
    current = signed_in_as()
    if done := st.session_state.get("invitation_done"):
        if current is None:
            st.success(f"Mot de passe enregistré pour **{md(done)}** : connectez-vous.",
                       icon=":material/check_circle:")  # fmt: skip
            st.markdown("[Aller à la page de connexion](/)")
        else:
            st.success(
                f"Mot de passe enregistré pour **{md(done)}**. Ce navigateur reste connecté "
                f"en tant que **{md(current)}** : déconnectez-vous (menu de gauche) pour vous "
                "connecter avec le nouveau compte.",
                icon=":material/check_circle:",
            )
        return
    try:
        login = account_admin.invitation_login(token)
    except AccountError as refused:
        st.error(str(refused), icon=":material/link_off:")
        return
    if current is not None and current != login:
        st.info(
            f"Vous êtes connecté en tant que **{md(current)}** ; ce lien concerne un autre compte. "
            "Si c'est le vôtre, choisissez son mot de passe ci-dessous, puis déconnectez-vous "
            "pour vous connecter avec lui ; sinon, transmettez le lien à la personne invitée "
            "sans l'ouvrir ici.",
            icon=":material/info:",
        )
    st.markdown(
        f"Compte **{md(login)}**. Choisissez un mot de passe : 12 caractères au moins, pas un mot "
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
