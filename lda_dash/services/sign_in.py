"""Signing in from the app: by password, by a single sign-on e-mail, or with a demo profile; and
what the login page needs to know first. Each call is one unit of work."""

from __future__ import annotations

from dataclasses import dataclass

from lda_dash import storage
from lda_dash.domain.permissions import Actor
from lda_dash.services import accounts, setup
from lda_dash.storage import database, guards


@dataclass(frozen=True)
class LoginScreen:
    """Whether the database holds a convention, demo data, and which accounts exist."""

    has_convention: bool
    demo: bool
    demo_only: bool
    accounts: list[dict]

    @property
    def demo_accounts(self) -> list[dict]:
        """One-click profiles: only while the database holds nothing but demonstration data."""
        if not self.demo_only:
            return []
        return [a for a in self.accounts if a["is_demo"] and a["active"]]


def login_screen() -> LoginScreen:
    with database.connect() as con:
        return LoginScreen(
            has_convention=bool(storage.conventions(con)),
            demo=setup.is_demo(con),
            demo_only=guards.demo_only(con),  # real data switches one-click profiles off
            accounts=storage.accounts(con),
        )


def with_password(login: str, password: str) -> accounts.SignIn:
    with database.connect() as con:
        return accounts.sign_in(con, login, password)


def with_email(email: str | None, verified: bool) -> accounts.SignIn:
    """Single sign-on: the provider's e-mail claim, refused when the provider says unverified."""
    with database.connect() as con:
        return accounts.sign_in_by_email(con, email, verified)


def demo_profile(login: str) -> accounts.SignIn:
    """A demo account's sign-in, refused once the database holds real data."""
    with database.connect() as con:
        return accounts.demo_sign_in(con, login)


def session_refusal(actor: Actor) -> str | None:
    """Why an open session must end now (account disabled, deleted, role changed), or None."""
    with database.connect() as con:
        return accounts.session_refusal(con, actor)
