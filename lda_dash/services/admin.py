"""What the Administration page reads and writes: conventions, accounts, assignments, and the
import of another territory's convention (no Streamlit here, so it is testable).

Loading a convention sets the tool up for a territory, like accounts and settings: only an
administrator may store one, and the check is made here, where the write happens, not only by
the page being an administrator's.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from lda_dash import fmt, storage
from lda_dash.domain.model import IndicatorSpec
from lda_dash.domain.permissions import ROLE_LABELS, Actor, PermissionDenied, may
from lda_dash.services.context import unit_of_work
from lda_dash.services.convention_import import ImportPreview, store_convention_import
from lda_dash.services.setup import is_demo
from lda_dash.storage import database


@dataclass(frozen=True)
class AdminData:
    conventions: list[dict]
    accounts: pd.DataFrame
    assignments: pd.DataFrame
    demo: bool


def load_admin(path: Path | str | None) -> AdminData:
    """Conventions loaded, accounts (never their password hash) and who carries which action."""
    with unit_of_work(path) as con:
        conventions = storage.conventions(con)
        accounts = storage.accounts(con)
        titles, rows = {}, []
        for convention in conventions:
            cid = convention["id"]
            titles.update({(cid, a["number"]): a["title"] for a in storage.actions(con, cid)})
            rows += [{**row, "convention": cid} for row in storage.assignments(con, cid)]
        demo = is_demo(con)
    return AdminData(conventions, accounts_frame(accounts), assignments_frame(rows, titles), demo)


def accounts_frame(accounts: list[dict]) -> pd.DataFrame:
    rows = [
        {
            "Identifiant": a["login"],
            "Nom": a["display_name"] or "",
            "Rôle": ROLE_LABELS.get(a["role"], a["role"]),
            "Organisation": a["organisation"] or "",
            "Courriel": a["email"] or "",
            "État": ("actif" if a["active"] else "désactivé") + (" · démo" if a["is_demo"] else ""),
            "Dernière connexion": fmt.moment(a["last_login_at"]),
        }
        for a in accounts
    ]
    columns = ["Identifiant", "Nom", "Rôle", "Organisation", "Courriel", "État",
               "Dernière connexion"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def assignments_frame(rows: list[dict], titles: dict[tuple[str, int], str]) -> pd.DataFrame:
    grouped: dict[tuple[str, int], list[str]] = {}
    for row in rows:
        grouped.setdefault((row["convention"], row["action_number"]), []).append(
            row["organisation"]
        )
    table = [
        {
            "Convention": cid,
            "N°": number,
            "Action": titles.get((cid, number), ""),
            "Organisation(s)": ", ".join(names),
        }
        for (cid, number), names in sorted(grouped.items())
    ]
    return pd.DataFrame(table, columns=["Convention", "N°", "Action", "Organisation(s)"])


def save_import(
    path: Path | str | None,
    actor: Actor,
    preview: ImportPreview,
    specs: list[IndicatorSpec],
    payments: dict[int, Decimal],
    *,
    replace: bool = False,
) -> str:
    """Store the previewed convention with the confirmed indicators; its id."""
    if not may(actor, "settings"):
        raise PermissionDenied("seul un administrateur peut charger la convention d'un territoire")
    with database.connect(path) as con:
        return store_convention_import(con, preview, specs, payments, actor.login, replace=replace)
