"""Checks every write runs in storage, whoever calls it (page, command line, script): the acting
account is still allowed to act, and the year is not frozen by the Prefect's decision.

They live here rather than in the pages so that a session opened before `user disable`, or a
form opened before a decision, cannot write through a door the pages forgot to close.
"""

from __future__ import annotations

from decimal import Decimal

from lda_dash.domain.permissions import Actor, require
from lda_dash.storage.base import Connection, setting

ACCOUNT_STATE = "SELECT active, role, organisation_id, is_demo FROM account WHERE login = ?"
YEAR_LOCKED = "SELECT locked FROM year_lock WHERE convention_id = ? AND year = ?"
LOCKED_YEARS = """
SELECT year FROM year_lock WHERE convention_id = ? AND locked ORDER BY year
"""
# Demonstration data is what the generator wrote (is_demo) and what demo accounts wrote since
# (save_figures flags it). Anything else is real, and real data ends the one-click demo.
REAL_DATA = """
SELECT (SELECT count(*) FROM account WHERE NOT is_demo)
    + (SELECT count(*) FROM figure WHERE NOT is_demo)
"""


def demo_only(con: Connection) -> bool:
    """True when the database is a demonstration one and holds no real account nor figure.

    Read at every display of the login page and at every write of a demo account: the day a
    real account or a real figure appears, demo profiles disappear and demo accounts stop.
    """
    if setting(con, "demo_data", "false") != "true":
        return False
    return con.execute(REAL_DATA).fetchone()[0] == 0


def account_refusal(con: Connection, actor: Actor) -> str | None:
    """Why the stored account no longer lets `actor` act, or None when it does.

    The command line's trusted imports name a login that may have no account (`admin` by
    default); if the login does name an account, a disabled one is still refused.
    """
    row = con.execute(ACCOUNT_STATE, [actor.login]).fetchone()
    if row is None:
        return None
    active, role, organisation_id, is_demo = row
    if not active:
        return f"le compte « {actor.login} » est désactivé : rien n'a été enregistré"
    if actor.trusted_import:
        return None
    if role != actor.role or organisation_id != actor.organisation_id:
        return (
            f"le rôle ou l'organisation du compte « {actor.login} » a changé : "
            "reconnectez-vous, rien n'a été enregistré"
        )
    if is_demo and not demo_only(con):
        return (
            "les comptes de démonstration sont désactivés : cette base contient des comptes "
            "ou des chiffres réels"
        )
    return None


def require_active_account(con: Connection, actor: Actor) -> None:
    """Refuse the write when the actor's account was disabled or changed since sign-in."""
    require(account_refusal(con, actor))


def is_demo_account(con: Connection, login: str) -> bool:
    row = con.execute(ACCOUNT_STATE, [login]).fetchone()
    return bool(row and row[3])


def year_is_locked(con: Connection, convention_id: str, year: int) -> bool:
    row = con.execute(YEAR_LOCKED, [convention_id, year]).fetchone()
    return bool(row and row[0])


def require_year_open(con: Connection, convention_id: str, year: int, what: str) -> None:
    """Refuse changing `what` of a year locked by a decision (or by the administration)."""
    if year_is_locked(con, convention_id, year):
        require(
            f"l'année {year} est verrouillée après la décision de reversement : {what} ne peut "
            "plus changer (déverrouillage par l'administration, avec un motif)"
        )


def require_no_locked_year(con: Connection, convention_id: str, what: str) -> None:
    """Weights have no year: they count in every year, decided ones included, so a change
    waits until no year of the convention is locked."""
    years = [row[0] for row in con.execute(LOCKED_YEARS, [convention_id]).fetchall()]
    if years:
        listed = ", ".join(map(str, years))
        require(
            f"{what} compte dans toutes les années, et {listed} "
            f"{'est verrouillée' if len(years) == 1 else 'sont verrouillées'} après la décision "
            "de reversement : il ne peut plus changer (déverrouillage par l'administration)"
        )


def require_same_if_locked(
    con: Connection, convention_id: str, year: int, what: str, stored, incoming
) -> None:
    """Reloading reference data (payments, budget lines) may repeat a locked year's values,
    never change them: they are terms of the proposal the decision relied on."""
    if _amounts(stored) != _amounts(incoming):
        require_year_open(con, convention_id, year, what)


def _amounts(values) -> tuple:
    return tuple(None if v is None or v != v else Decimal(str(v)) for v in values)
