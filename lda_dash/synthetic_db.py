"""Writing a synthetic plan into a database: refused beside real data, replaced when run again."""

from __future__ import annotations

import time
from pathlib import Path

from lda_dash import db, repository
from lda_dash.accounts import add_account
from lda_dash.setup_db import DEMO_ACCOUNTS
from lda_dash.synthetic import AUTHOR, SyntheticPlan, generate

# Partners report for one convention; the national view is for the roles that see them all.
SYNTHETIC_ROLES = ("coordination", "prefecture", "admin")


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
    with db.connect(path) as con:
        db.migrate(con)
        if repository.count_real_figures(con) or repository.count_real_accounts(con):
            raise SyntheticRefused(
                "Cette base contient des chiffres ou des comptes réels : des données synthétiques "
                "ne peuvent pas y être ajoutées. Utilisez une autre base (--db)."
            )
        repository.delete_synthetic(con)
        counts = repository.load_synthetic(con, data.tables, AUTHOR)
        _demo_accounts(con)
        repository.set_setting(con, "demo_data", "true")
        repository.set_setting(con, "synthetic_plan", plan_text(plan))
    return {
        "rows": counts,
        "generate_seconds": generated - started,
        "load_seconds": time.perf_counter() - generated,
    }


def _demo_accounts(con) -> None:
    """One-click demo sign-in for the roles that see every territory (no password)."""
    existing = {account["login"] for account in repository.accounts(con)}
    for login, role, name, organisation in DEMO_ACCOUNTS:
        if role in SYNTHETIC_ROLES and login not in existing:
            add_account(
                con, login, role, None, display_name=name, organisation=organisation, is_demo=True
            )
