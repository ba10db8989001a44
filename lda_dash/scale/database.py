"""Writing a synthetic plan into a database: refused beside real data, replaced when run again."""

from __future__ import annotations

import time
from pathlib import Path

from lda_dash import storage
from lda_dash.domain.permissions import Role
from lda_dash.scale.synthetic import AUTHOR, SyntheticPlan, generate
from lda_dash.services.accounts import add_account
from lda_dash.services.setup import DEMO_ACCOUNTS
from lda_dash.storage import database

# Partners report for one convention; the national view is for the roles that see them all.
SYNTHETIC_ROLES = (Role.COORDINATION, Role.PREFECTURE, Role.ADMIN)


class SyntheticRefused(RuntimeError):
    """Synthetic data would be mixed with real figures or accounts."""


def plan_text(plan: SyntheticPlan) -> str:
    return (
        f"{plan.territories} territoires, {plan.years[0]}-{plan.years[-1]}, "
        f"{plan.reported_quarters} trimestre(s) déclaré(s) en {plan.years[-1]}, graine {plan.seed}"
    )


def generate_database(path: Path | str | None, plan: SyntheticPlan) -> dict:
    """Create or update the database with the plan's territories; returns counts and timings."""
    started = time.perf_counter()
    data = generate(plan)
    generated = time.perf_counter()
    with database.connect(path) as con:
        database.migrate(con)
        if storage.count_real_figures(con) or storage.count_real_accounts(con):
            raise SyntheticRefused(
                "Cette base contient des chiffres ou des comptes réels : des données synthétiques "
                "ne peuvent pas y être ajoutées. Utilisez une autre base (--db)."
            )
        storage.delete_synthetic(con)
        counts = storage.load_synthetic(con, data.tables, AUTHOR)
        _demo_accounts(con)
        storage.set_setting(con, "demo_data", "true")
        storage.set_setting(con, "synthetic_plan", plan_text(plan))
    return {
        "rows": counts,
        "generate_seconds": generated - started,
        "load_seconds": time.perf_counter() - generated,
    }


def _demo_accounts(con) -> None:
    """One-click demo sign-in for the roles that see every territory (no password)."""
    existing = {account["login"] for account in storage.accounts(con)}
    for login, role, name, organisation in DEMO_ACCOUNTS:
        if role in SYNTHETIC_ROLES and login not in existing:
            add_account(
                con, login, role, None, display_name=name, organisation=organisation, is_demo=True
            )
