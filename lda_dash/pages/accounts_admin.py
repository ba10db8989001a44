"""Comptes et accès (administration): invite a person, send a new password link, change a role
or an organisation, disable or enable an account, create and rename organisations, entrust
actions. Each change asks for a reason and lands in the Historique."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from lda_dash.domain.permissions import ROLE_LABELS, ROLES, PermissionDenied, Role
from lda_dash.services import account_admin
from lda_dash.services.access_view import AccessChoices, load_choices
from lda_dash.services.accounts import AccountError
from lda_dash.ui import auth, state

FLASH_KEY = "access_flash"
LINK_KEY = "access_link"
INVITE_HELP = (
    "**Inviter une personne** : le compte est créé sans mot de passe ; la personne choisit le "
    "sien par un lien valable 72 heures, une seule fois."
)


def main() -> None:
    st.title("Comptes et accès")
    choices = load_choices(st.session_state.get(state.CONVENTION_KEY))
    if flash := st.session_state.pop(FLASH_KEY, None):
        st.success(flash, icon=":material/check_circle:")
    if link := st.session_state.pop(LINK_KEY, None):
        st.markdown(
            f"**Lien à transmettre à {link.login}** (valable une fois, jusqu'au "
            f"{link.expires_at:%d/%m/%Y à %H:%M}) :"
        )
        st.code(link.url, language=None)
    accounts, organisations, assignments = st.tabs(["Comptes", "Organisations", "Affectations"])
    with accounts:
        accounts_tab(choices)
    with organisations:
        organisations_tab(choices)
    with assignments:
        assignments_tab(choices)


def _run(done: str, change, *args) -> None:
    """Apply a change; on refusal say why and change nothing."""
    try:
        result = change(auth.current_actor(), *args)
    except (AccountError, PermissionDenied) as refused:
        st.error(f"Rien n'est changé : {refused}", icon=":material/block:")
        return
    if isinstance(result, account_admin.Link):
        st.session_state[LINK_KEY] = result
    st.session_state[FLASH_KEY] = done
    st.rerun()


def _org_names(choices: AccessChoices) -> list[str]:
    return [o["name"] for o in choices.organisations]


def accounts_tab(choices: AccessChoices) -> None:
    rows = [
        {
            "Identifiant": a["login"],
            "Nom": a["display_name"],
            "Rôle": ROLE_LABELS[a["role"]],
            "Organisation": a["organisation"] or "",
            "État": "actif" if a["active"] else "désactivé",
            "Adresse": a["email"] or "",
        }
        for a in choices.accounts
    ]
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, use_container_width=True)
    logins = [a["login"] for a in choices.accounts]
    with st.form("invite", clear_on_submit=False):
        st.markdown(INVITE_HELP)
        login = st.text_input("Identifiant", key="invite_login")
        name = st.text_input("Nom affiché", key="invite_name")
        email = st.text_input("Adresse électronique", key="invite_email")
        role = st.selectbox("Rôle", ROLES, format_func=ROLE_LABELS.get, key="invite_role")
        organisation = st.text_input(
            "Organisation (partenaire : nom existant ou nouveau)", key="invite_org"
        )
        reason = st.text_input("Motif (obligatoire)", key="invite_reason")
        if st.form_submit_button("Créer le compte et le lien", type="primary"):
            _run(
                f"Compte « {login.strip().lower()} » créé.", account_admin.invite_from_form,
                login, role, organisation, email, name, reason,
            )  # fmt: skip
    if not logins:
        return
    with st.form("account_change"):
        st.markdown("**Modifier un compte**")
        who = st.selectbox("Compte", logins, key="change_login")
        what = st.radio(
            "Changement",
            ["Rôle et organisation", "Désactiver", "Réactiver", "Nouveau lien de mot de passe"],
            horizontal=True,
            key="change_what",
        )
        role = st.selectbox("Nouveau rôle", ROLES, format_func=ROLE_LABELS.get, key="change_role")
        organisation = st.selectbox(
            "Organisation (partenaire)", ["", *_org_names(choices)], key="change_org"
        )
        reason = st.text_input("Motif (obligatoire)", key="change_reason")
        if st.form_submit_button("Appliquer", type="primary"):
            if what == "Rôle et organisation":
                org = organisation if role == Role.PARTENAIRE else None
                _run(f"Rôle de « {who} » changé.", account_admin.change_role, who, role, org,
                     reason)  # fmt: skip
            elif what == "Nouveau lien de mot de passe":
                _run(f"Lien créé pour « {who} ».", account_admin.reset_link, who, reason)
            else:
                enable = what == "Réactiver"
                done = f"Compte « {who} » {'réactivé' if enable else 'désactivé'}."
                _run(done, account_admin.set_enabled, who, enable, reason)


def organisations_tab(choices: AccessChoices) -> None:
    if choices.organisations:
        st.dataframe(
            pd.DataFrame([{"Organisation": o["name"]} for o in choices.organisations]),
            hide_index=True,
        )
    with st.form("organisation_add", clear_on_submit=True):
        st.markdown("**Créer une organisation**")
        name = st.text_input("Nom", key="org_new_name")
        reason = st.text_input("Motif (obligatoire)", key="org_new_reason")
        if st.form_submit_button("Créer"):
            _run(f"Organisation « {name.strip()} » créée.", account_admin.create_organisation,
                 name, reason)  # fmt: skip
    if not choices.organisations:
        return
    ids = {o["id"]: o["name"] for o in choices.organisations}
    with st.form("organisation_rename", clear_on_submit=True):
        st.markdown("**Renommer une organisation**")
        which = st.selectbox("Organisation", list(ids), format_func=ids.get, key="org_which")
        name = st.text_input("Nouveau nom", key="org_rename_name")
        reason = st.text_input("Motif (obligatoire)", key="org_rename_reason")
        if st.form_submit_button("Renommer"):
            _run(f"Organisation renommée « {name.strip()} ».", account_admin.rename_organisation,
                 which, name, reason)  # fmt: skip


def assignments_tab(choices: AccessChoices) -> None:
    if choices.convention_id is None or not choices.organisations:
        st.info("Il faut une convention chargée et au moins une organisation.")
        return
    titles = {a["number"]: f"n° {a['number']} · {a['title']}" for a in choices.actions}
    rows = [
        {"Action": titles.get(r["action_number"], r["action_number"]),
         "Organisation": r["organisation"]}
        for r in choices.assignments
    ]  # fmt: skip
    if rows:
        st.dataframe(pd.DataFrame(rows), hide_index=True, use_container_width=True)
    ids = {o["id"]: o["name"] for o in choices.organisations}
    with st.form("assignment"):
        st.markdown("**Confier une action à une organisation, ou la lui retirer**")
        organisation = st.selectbox("Organisation", list(ids), format_func=ids.get,
                                    key="assign_org")  # fmt: skip
        action = st.selectbox("Action", list(titles), format_func=titles.get, key="assign_action")
        assigned = st.radio("Changement", ["Confier", "Retirer"], horizontal=True,
                            key="assign_what") == "Confier"  # fmt: skip
        reason = st.text_input("Motif (obligatoire)", key="assign_reason")
        if st.form_submit_button("Appliquer", type="primary"):
            verb = "confiée à" if assigned else "retirée à"
            _run(f"Action n° {action} {verb} {ids[organisation]}.", account_admin.set_assignment,
                 choices.convention_id, action, organisation, assigned, reason)  # fmt: skip


main()
