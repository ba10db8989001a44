"""Creating the database: migrations, the Dijon convention, and the optional demo figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from lda_dash import convention_data, db, repository
from lda_dash.demo import DEMO_AUTHOR, DEMO_TIME, demo_figures
from lda_dash.domain.allocation import default_allocation, need_year2


class DemoRefused(RuntimeError):
    """Demo figures would be mixed with real ones."""


def init_database(path: Path | str | None = None, *, demo: bool = False) -> dict:
    """Create or update the database; idempotent. Returns what was done, for the command line."""
    files = convention_data.read_convention_files()
    with db.connect(path) as con:
        applied = db.migrate(con)
        convention_id = convention_data.store_convention(con, files)
        added = 0
        if demo:
            if repository.count_real_figures(con):
                raise DemoRefused(
                    "Cette base contient des chiffres réels : les données de démonstration "
                    "ne peuvent pas y être ajoutées. Utilisez une autre base (--db)."
                )
            repository.delete_demo_figures(con)
            budgets = demo_budgets(con, convention_id, files.convention["first_year"])
            specs = repository.indicator_specs(con, convention_id)
            added = repository.save_figures(
                con,
                convention_id,
                demo_figures(specs, budgets),
                DEMO_AUTHOR,
                "Données de démonstration",
                is_demo=True,
                now=DEMO_TIME,
            )
            repository.set_setting(con, "demo_data", "true")
    return {"migrations": applied, "convention": convention_id, "demo_figures": added}


def demo_budgets(con, convention_id: str, first_year: int) -> dict[tuple[int, int], Decimal]:
    """State funding per (action, year) the demo spends from: the default allocation."""
    annex = convention_data.stored_annex(con, convention_id)
    ami_y1 = {row.row: row.ami_y1 for row in annex.rows}
    needs = {row.row: need_year2(row.cost_y2, row.cofunding_y2) for row in annex.rows}
    budgets = {}
    for year, payment in repository.payments(con, convention_id).items():
        for action, amount in default_allocation(year, first_year, payment, ami_y1, needs).items():
            budgets[(action, year)] = amount
    return budgets


def is_demo(con) -> bool:
    return repository.setting(con, "demo_data", "false") == "true"
