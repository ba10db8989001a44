"""The server's own routes beside Streamlit's (st.App): they set and clear the session cookie.

Streamlit's script cannot write a cookie, and page JavaScript must not: the cookie is set here,
by the server, HttpOnly and SameSite=Lax (Secure over HTTPS), when the browser brings the
one-time code that sign-in produced; and cleared here on sign-out.
"""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse
from starlette.routing import Route

from lda_dash.services import sessions

SESSION_ROUTE = "/connexion/session"
SIGN_OUT_ROUTE = "/deconnexion"
BINDING_COOKIE = "_streamlit_xsrf"  # Streamlit's own per-browser cookie, read, never written
NOTICES = {"expiree", "lien", "deconnecte"}


def _https(request: Request) -> bool:
    return (
        request.url.scheme == "https"
        or request.headers.get("x-forwarded-proto", "").lower() == "https"
    )


def _no_store(response: RedirectResponse) -> RedirectResponse:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


async def open_session(request: Request) -> RedirectResponse:
    """GET /connexion/session?code=…&suite=/page: exchange the one-time code for the cookie,
    then go to the page asked for (a path of this site only)."""
    code = request.query_params.get("code", "")
    target = sessions.safe_next(request.query_params.get("suite"))
    binding = request.cookies.get(BINDING_COOKIE)
    granted = await run_in_threadpool(sessions.exchange_code, code, binding)
    if granted is None:
        return _no_store(RedirectResponse("/?" + urlencode({"avis": "lien"}), status_code=303))
    token, lifetime = granted
    response = _no_store(RedirectResponse(target, status_code=303))
    response.set_cookie(
        sessions.COOKIE, token, max_age=lifetime, path="/", httponly=True, samesite="lax",
        secure=_https(request),
    )  # fmt: skip
    return response


async def sign_out(request: Request) -> RedirectResponse:
    """GET /deconnexion: clear the cookie of a session already ended, then the sign-in page, or
    the provider's sign-out when single sign-on was used.

    The session itself is ended by the app (the « Se déconnecter » button, in the signed-in
    visit) before it sends the browser here. A live session is left alone: a link or a page of
    another site that sends the browser to this address (SameSite=Lax lets that top-level
    visit carry the cookie) cannot sign anyone out; it lands on the home page."""
    token = request.cookies.get(sessions.COOKIE)
    if token:
        resumed = await run_in_threadpool(sessions.resume, token)
        if resumed.actor is not None:
            return _no_store(RedirectResponse("/", status_code=303))
    notice = request.query_params.get("avis", "deconnecte")
    query = {"avis": notice if notice in NOTICES else "deconnecte"}
    target = sessions.safe_next(request.query_params.get("suite"))
    if target != "/":
        query["suite"] = target
    destination = "/?" + urlencode(query)
    if request.query_params.get("sso") == "1":
        destination = "/auth/logout"  # Streamlit's route: ends the provider's session too
    response = _no_store(RedirectResponse(destination, status_code=303))
    response.delete_cookie(
        sessions.COOKIE, path="/", httponly=True, samesite="lax", secure=_https(request)
    )
    return response


def routes() -> list[Route]:
    return [
        Route(SESSION_ROUTE, open_session, methods=["GET"]),
        Route(SIGN_OUT_ROUTE, sign_out, methods=["GET"]),
    ]
