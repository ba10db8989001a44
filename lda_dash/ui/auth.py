"""Who is using the app: sign-in (password, single sign-on, demo profiles), idle expiry, and
the pages each role gets (the role decides which pages exist; pages never test the role)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import streamlit as st

from lda_dash.domain.permissions import ROLE_LABELS, Actor, Role
from lda_dash.services import sessions, sign_in
from lda_dash.ui import session_cookie, widgets
from lda_dash.ui.safe_text import md

ACTOR_KEY = "actor"
SEEN_KEY = "last_seen"
SESSION_KEY = "server_session"  # (session id, method) of the cookie's server-side session
EVERYONE = (Role.PARTENAIRE, Role.COORDINATION, Role.PREFECTURE, Role.ADMIN)


@dataclass(frozen=True)
class PageSpec:
    """A page of the app and the roles that get it."""

    path: str
    title: str
    icon: str
    url_path: str
    roles: tuple[str, ...] = EVERYONE


PAGES = (
    PageSpec("lda_dash/pages/entry.py", "Saisie trimestrielle", ":material/edit_note:",
             "saisie", (Role.PARTENAIRE,)),
    PageSpec("lda_dash/pages/dashboard.py", "Tableau de bord", ":material/dashboard:",
             "tableau-de-bord"),
    PageSpec("lda_dash/pages/action.py", "Fiche action", ":material/description:",
             "fiche-action"),
    PageSpec("lda_dash/pages/national.py", "Vue nationale", ":material/public:",
             "vue-nationale", (Role.ADMIN,)),
    PageSpec("lda_dash/pages/validation.py", "Validation des chiffres", ":material/fact_check:",
             "validation", (Role.COORDINATION,)),
    PageSpec("lda_dash/pages/finances.py", "Finances", ":material/euro:", "finances",
             (Role.COORDINATION, Role.PREFECTURE, Role.ADMIN)),
    PageSpec("lda_dash/pages/allocation.py", "Répartition du versement",
             ":material/pie_chart:", "repartition", (Role.COORDINATION,)),
    PageSpec("lda_dash/pages/control.py", "Contrôle et reversement", ":material/gavel:",
             "controle", (Role.PREFECTURE,)),
    PageSpec("lda_dash/pages/control_view.py", "Contrôle et reversement", ":material/gavel:",
             "controle-consultation", (Role.COORDINATION, Role.ADMIN)),
    PageSpec("lda_dash/pages/locks.py", "Verrous des années", ":material/lock:", "verrous",
             (Role.ADMIN,)),
    PageSpec("lda_dash/pages/presentation.py", "Présentation", ":material/slideshow:",
             "presentation", (Role.COORDINATION, Role.ADMIN)),
    PageSpec("lda_dash/pages/admin.py", "Administration", ":material/admin_panel_settings:",
             "administration", (Role.ADMIN,)),
    PageSpec("lda_dash/pages/amendments.py", "Avenants", ":material/contract_edit:",
             "avenants", (Role.COORDINATION, Role.ADMIN)),
    PageSpec("lda_dash/pages/history.py", "Historique", ":material/history:", "historique",
             (Role.COORDINATION, Role.PREFECTURE, Role.ADMIN)),
    PageSpec("lda_dash/pages/accounts_admin.py", "Comptes et accès", ":material/group:",
             "comptes", (Role.ADMIN,)),
    PageSpec("lda_dash/pages/threshold.py", "Seuil de reversement", ":material/tune:", "seuil",
             (Role.ADMIN,)),
    PageSpec("lda_dash/pages/my_account.py", "Mon compte", ":material/account_circle:",
             "mon-compte"),
)  # fmt: skip
INVITATION_PAGE = "lda_dash/pages/invitation.py"


def idle_limit_seconds() -> float:
    """Idle sessions end after LDA_DASH_IDLE_MINUTES (default 30)."""
    try:
        return max(1.0, float(os.environ.get("LDA_DASH_IDLE_MINUTES", "30"))) * 60
    except ValueError:
        return 30 * 60


def pages_for(role: str) -> list[st.Page]:
    """The pages a role gets, in menu order; the first one is the home page. The invitation
    page comes last, out of the menu: a link opened in a browser where someone is signed in
    (the administrator trying it, a shared computer) still reaches it."""
    specs = [spec for spec in PAGES if role in spec.roles]
    pages = [
        st.Page(s.path, title=s.title, icon=s.icon, url_path=s.url_path, default=i == 0)
        for i, s in enumerate(specs)
    ]
    invitation = st.Page(INVITATION_PAGE, title="Invitation", url_path="invitation",
                         visibility="hidden")  # fmt: skip
    return [*pages, invitation]


def anonymous_pages() -> list[st.Page]:
    """Signed out, every page's address shows the sign-in page, so a deep link keeps its
    address and selection through sign-in (then the browser returns to it)."""
    pages = [
        st.Page(login_page, title="Connexion", icon=":material/login:", default=True),
        st.Page(INVITATION_PAGE, title="Invitation", url_path="invitation"),
    ]
    seen = {"invitation"}
    for spec in PAGES:
        if spec.url_path not in seen:
            seen.add(spec.url_path)
            pages.append(st.Page(login_page, title="Connexion", url_path=spec.url_path))
    return pages


def current_actor() -> Actor | None:
    """The signed-in actor, or None; an idle session is ended here, and so is a session whose
    account was disabled, deleted or changed since sign-in (read again at every rerun)."""
    actor = st.session_state.get(ACTOR_KEY)
    if actor is None or SESSION_KEY in st.session_state:
        return _from_cookie()
    now = time.monotonic()
    if now - st.session_state.get(SEEN_KEY, now) > idle_limit_seconds():
        sign_out("Session expirée après une période d'inactivité : reconnectez-vous.")
        return None
    refusal = sign_in.session_refusal(actor)
    if refusal:
        sign_out(refusal)
        return None
    st.session_state[SEEN_KEY] = now
    return actor


def _from_cookie() -> Actor | None:
    """The actor of the server-side session named by the cookie, checked on every run (idle and
    absolute expiry, sign-out elsewhere, password change, disabled account)."""
    if st.session_state.get(session_cookie.SIGNED_OUT_KEY):
        return None
    resumed = session_cookie.resume()
    if resumed.actor is not None and (refusal := sign_in.session_refusal(resumed.actor)):
        sessions.end_session(resumed.session_id, resumed.actor.login)  # role changed, demo off
        sign_out(refusal)
        return None
    if resumed.actor is not None:
        st.session_state[ACTOR_KEY] = resumed.actor
        st.session_state[SESSION_KEY] = (resumed.session_id, resumed.method)
        return resumed.actor
    for key in (ACTOR_KEY, SESSION_KEY):
        st.session_state.pop(key, None)
    if resumed.ended is not None:
        if resumed.message and resumed.ended != "inconnue":
            st.session_state["auth_message"] = resumed.message
        if resumed.method == sessions.METHOD_SSO and _provider_signed_in():
            st.logout()  # the provider's session ends with ours
            st.stop()
        return None
    return _single_sign_on()


def _provider_signed_in() -> bool:
    return oidc_configured() and bool(st.user.is_logged_in)


def _remember(actor: Actor) -> None:
    st.session_state[ACTOR_KEY] = actor
    st.session_state[SEEN_KEY] = time.monotonic()


def sign_out(message: str | None = None) -> None:
    """End the app session, and the provider's session cookie with it: otherwise the next
    rerun would sign the same identity in again without asking (issue 15 §8)."""
    for key in (ACTOR_KEY, SEEN_KEY, SESSION_KEY):
        st.session_state.pop(key, None)
    if message:
        st.session_state["auth_message"] = message
    if oidc_configured() and st.user.is_logged_in:
        st.logout()


def oidc_configured() -> bool:
    """Single sign-on is on when `.streamlit/secrets.toml` has an [auth] section."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: st.secrets raises
        return False


def _single_sign_on() -> Actor | None:
    if not oidc_configured() or not st.user.is_logged_in:
        return None
    if session_cookie.notice() is not None:
        return None  # back from a failed or ended session: no automatic loop
    # st.user.email raises when the provider sent no e-mail claim: read the claims as a dict.
    email, verified = st.user.get("email"), st.user.get("email_verified")
    result = sign_in.with_email(email if isinstance(email, str) else None, verified is not False)
    if result.actor is None:
        # Not st.logout() here: it starts a new session and the reason would be lost. The
        # identity stays refused at every rerun, and the login page offers to leave it.
        st.session_state["auth_message"] = md(result.message)  # it names the e-mail given
        return None
    session_cookie.begin(result.actor.login, sessions.METHOD_SSO)
    return None


ABOUT = (
    "LDA Dash suit une convention « Logement d'abord » : l'État verse chaque année une "
    "subvention à une collectivité pour des actions assorties d'objectifs. Les **partenaires** "
    "déclarent leurs chiffres chaque trimestre, la **coordination** les valide et présente les "
    "résultats, la **préfecture** vérifie l'atteinte des objectifs avant de décider d'un "
    "éventuel reversement."
)
ROLE_TASKS = {
    Role.PARTENAIRE: "déclare les chiffres trimestriels des actions de son organisme",
    Role.COORDINATION: "valide les chiffres, suit le plan et le présente",
    Role.PREFECTURE: "contrôle l'atteinte des objectifs et décide du reversement",
    Role.ADMIN: "gère les comptes, les conventions et les verrous des années",
}


def home_page_title(role: str) -> str:
    """The page a role opens on after sign-in: the first of its pages."""
    return next(spec.title for spec in PAGES if role in spec.roles)


def how_to_sign_in(sign_on: bool, demo: bool) -> str:
    ways = ["avec l'identifiant et le mot de passe que l'administrateur vous a remis"]
    if sign_on:
        ways.append("avec votre compte ProConnect (connexion unique)")
    if demo:
        ways.append("sans mot de passe, avec un profil de démonstration (à droite)")
    return "**Pour vous connecter** : " + ", ou ".join(ways) + "."


def login_page() -> None:
    """The only page before sign-in: what the app is for and where each role starts, the
    password form, single sign-on, demo profiles."""
    st.title("LDA Dash · Connexion")
    st.markdown(ABOUT)
    message = st.session_state.pop("auth_message", None) or session_cookie.notice()
    if message:
        st.warning(message, icon=":material/info:")
    screen = sign_in.login_screen()
    demo, known, demo_accounts = screen.demo, screen.accounts, screen.demo_accounts
    if not screen.has_convention:
        widgets.setup_needed()
        st.stop()
    if not known:
        st.info(
            "Aucun compte n'existe encore. Un administrateur en crée un sur le serveur avec "
            "`python -m lda_dash user add IDENTIFIANT --role admin` (voir le README).",
            icon=":material/person_add:",
        )
    if demo:
        st.warning(
            "**Données de démonstration** : les chiffres de cette base sont fictifs.",
            icon=":material/science:",
        )
    st.markdown(how_to_sign_in(oidc_configured(), demo and bool(demo_accounts)))
    left, right = st.columns([3, 2], gap="large")
    with left, st.form("login"):
        login = st.text_input("Identifiant", autocomplete="username")
        password = st.text_input("Mot de passe", type="password", autocomplete="current-password")
        if st.form_submit_button("Se connecter", type="primary"):
            result = sign_in.with_password(login, password)
            if result.actor is None:
                st.error(result.message, icon=":material/error:")
            else:
                session_cookie.begin(result.actor.login, sessions.METHOD_PASSWORD)
    with left:
        st.markdown("**Chaque rôle et sa page d'accueil**")
        st.markdown(
            "\n".join(
                f"- **{ROLE_LABELS[role]}** : {ROLE_TASKS[role]} "
                f"(accueil : {home_page_title(role)})."
                for role in EVERYONE
            )
        )
    with right:
        if oidc_configured():
            st.markdown("**Connexion unique**")
            if st.button("Se connecter avec ProConnect", icon=":material/badge:"):
                st.login()
            if st.user.is_logged_in and st.button("Changer d'identité ProConnect"):
                st.logout()
        if demo and demo_accounts:
            st.markdown("**Profils de démonstration** (un clic, sans mot de passe)")
            for record in demo_accounts:
                label = f"{ROLE_LABELS[record['role']]} · {md(record['display_name'])}"
                if st.button(label, key=f"demo_{record['login']}", use_container_width=True):
                    result = sign_in.demo_profile(record["login"])
                    if result.actor is None:
                        st.warning(result.message, icon=":material/block:")
                    else:
                        session_cookie.begin(result.actor.login, sessions.METHOD_DEMO)


def sidebar_identity(actor: Actor) -> None:
    with st.sidebar:
        st.caption(f"Connecté : **{md(actor.login)}** · {ROLE_LABELS[actor.role]}")
        if st.button("Se déconnecter", icon=":material/logout:"):
            server_session = st.session_state.get(SESSION_KEY)
            provider = _provider_signed_in()
            sign_out()
            if server_session is not None:
                sessions.end_session(server_session[0], actor.login)
                session_cookie.leave("deconnecte", provider=provider)
                st.info("Déconnexion…", icon=":material/logout:")
                st.stop()  # the sign-in page comes after the redirect, from a fresh visit
            elif provider:
                st.logout()
            st.rerun()
