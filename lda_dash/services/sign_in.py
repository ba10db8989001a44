"""Signing in from the app: by password, by a single sign-on e-mail, or with a demo profile; and
what the login page needs to know first. Each call is one unit of work."""

from __future__ import annotations

from dataclasses import dataclass

from lda_dash import storage
from lda_dash.domain.permissions import Actor
from lda_dash.services import accounts, setup
from lda_dash.storage import database


@dataclass(frozen=True)
class LoginScreen:
    """Whether the database holds a convention, demo data, and which accounts exist."""

    has_convention: bool
    demo: bool
    accounts: list[dict]

    @property
    def demo_accounts(self) -> list[dict]:
        return [a for a in self.accounts if a["is_demo"] and a["active"]]


def login_screen() -> LoginScreen:
    with database.connect() as con:
        return LoginScreen(
            has_convention=bool(storage.conventions(con)),
            demo=setup.is_demo(con),
            accounts=storage.accounts(con),
        )


def with_password(login: str, password: str) -> accounts.SignIn:
    with database.connect() as con:
        return accounts.sign_in(con, login, password)


def with_email(email: str) -> accounts.SignIn:
    with database.connect() as con:
        return accounts.sign_in_by_email(con, email)


def demo_profile(login: str) -> Actor:
    """The actor of a demo account (the login page offers them only on a demo database)."""
    with database.connect() as con:
        return accounts.actor_of(storage.account(con, login))
