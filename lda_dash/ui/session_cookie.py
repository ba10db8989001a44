"""The script's side of server sessions: read the cookie the server set, send the browser to the
server's routes to set or clear it, and remember the page a deep link asked for.

Streamlit reads cookies through `st.context.cookies` (those of the request that opened the
page) and redirects the browser with the same message `st.login` uses; no page JavaScript.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from lda_dash.services import sessions
from lda_dash.ui.web import BINDING_COOKIE, SESSION_ROUTE, SIGN_OUT_ROUTE

WANTED_KEY = "wanted_page"
REDIRECT_KEY = "redirect_to"
SIGNED_OUT_KEY = "signed_out"
NOTICES = {
    "expiree": "Votre session a pris fin : reconnectez-vous pour retrouver la page demandée.",
    "lien": "Le lien de connexion a expiré ou a déjà servi : reconnectez-vous.",
    "deconnecte": "Vous êtes déconnecté.",
}


def _cookie(name: str) -> str | None:
    try:
        value = st.context.cookies.get(name)
    except Exception:  # no request behind this run (tests)
        return None
    return value if isinstance(value, str) else None


def token() -> str | None:
    return _cookie(sessions.COOKIE)


def resume() -> sessions.Resumed:
    if st.session_state.get(SIGNED_OUT_KEY):
        return sessions.Resumed(None)
    return sessions.resume(token())


def remember_wanted(url_path: str) -> None:
    """Keep the page (and its selection) the browser asked for before sign-in: `suite` when a
    redirect carried it, else the address itself (signed out, every page's address shows the
    sign-in page, so the address and its query stay as asked)."""
    asked = st.query_params.get("suite")
    if st.session_state.get(SIGNED_OUT_KEY):
        wanted = "/"  # just signed out here: the next person starts on their home page
    elif asked:
        wanted = sessions.safe_next(asked)
    else:  # the home page ("/") keeps its selection too (a mailed link to a quarter)
        query = {k: v for k, v in st.query_params.to_dict().items() if k != "avis"}
        wanted = sessions.safe_next("/" + url_path + ("?" + urlencode(query) if query else ""))
    st.session_state[WANTED_KEY] = wanted


def wanted_page() -> str:
    return st.session_state.get(WANTED_KEY, "/")


def notice() -> str | None:
    """The sign-in page's message after a redirect (a fixed sentence, never text from the URL)."""
    return NOTICES.get(st.query_params.get("avis", ""))


def redirect(url: str) -> None:
    """Send the browser to `url` of this site, as `st.login` does; kept for tests and a link."""
    st.session_state[REDIRECT_KEY] = url
    context = get_script_run_ctx()
    if context is not None:
        message = ForwardMsg()
        message.auth_redirect.url = url
        context.enqueue(message)


def _user_agent() -> str | None:
    try:
        value = st.context.headers.get("User-Agent")
    except Exception:
        return None
    return value if isinstance(value, str) else None


def begin(login: str, method: str) -> None:
    """After a successful sign-in: a one-time code, and the browser to the route setting the
    cookie, then to the page asked for."""
    code = sessions.open_session(
        login,
        method,
        binding=_cookie(BINDING_COOKIE),
        user_agent=_user_agent(),
    )
    st.session_state.pop(SIGNED_OUT_KEY, None)
    redirect(SESSION_ROUTE + "?" + urlencode({"code": code, "suite": wanted_page()}))
    st.info("Connexion en cours…", icon=":material/login:")
    st.stop()


def leave(notice_key: str, *, provider: bool = False) -> None:
    """Clear the cookie on the server (and the provider's session with single sign-on)."""
    query = {"avis": notice_key}
    if provider:
        query["sso"] = "1"
    st.session_state[SIGNED_OUT_KEY] = True
    redirect(SIGN_OUT_ROUTE + "?" + urlencode(query))
