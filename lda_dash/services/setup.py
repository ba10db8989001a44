"""Creating the database: migrations, the Dijon convention, and the optional demo figures."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from lda_dash import config, storage
from lda_dash.domain.allocation import default_allocation, need_year2
from lda_dash.domain.permissions import Actor, Role
from lda_dash.services import calendar, convention_files
from lda_dash.services.accounts import add_account, slug
from lda_dash.services.amendments import reapply_amended_payments, seed_amendments
from lda_dash.services.demo_figures import DEMO_AUTHOR, DEMO_TIME, demo_figures
from lda_dash.storage import database


class DemoRefused(RuntimeError):
    """Demo figures would be mixed with real ones."""


DEMO_AT_DEFAULT_PATH = (
    "La base par défaut {path} est celle des données réelles : les données de démonstration "
    "vont dans une base à part, par exemple `init --demo --db data/demo.duckdb` (c'est celle de "
    "`make run`). Pour les mettre quand même dans la base par défaut : --demo-at-default-path."
)


def init_database(
    path: Path | str | None = None, *, demo: bool = False, demo_at_default_path: bool = False
) -> dict:
    """Create or update the database; idempotent. Returns what was done, for the command line.

    Demo data at the default path needs `demo_at_default_path`: a demo database there is one
    real accounts would later be added to, next to one-click sign-in (issue 15 §3).
    """
    if demo and not demo_at_default_path and config.is_default_path(path):
        raise DemoRefused(DEMO_AT_DEFAULT_PATH.format(path=config.db_path(path)))
    files = convention_files.read_convention_files()
    with database.connect(path) as con:
        applied = database.migrate(con)
        convention_id = convention_files.store_convention(con, files)
        seed_amendments(con, convention_id, files.amendments, files.indicators, files.payments)
        reapply_amended_payments(con, convention_id)
        added = 0
        if demo:
            if storage.count_real_figures(con) or storage.count_real_accounts(con):
                raise DemoRefused(
                    "Cette base contient des chiffres ou des comptes réels : les données de "
                    "démonstration "
                    "ne peuvent pas y être ajoutées. Utilisez une autre base (--db)."
                )
            storage.delete_demo_figures(con)
            budgets = demo_budgets(con, convention_id, files.convention["first_year"])
            specs = storage.indicator_specs(con, convention_id)
            added = storage.save_figures(
                con,
                convention_id,
                demo_figures(specs, budgets),
                Actor(DEMO_AUTHOR, Role.ADMIN, trusted_import=True),
                "Données de démonstration",
                is_demo=True,
                now=DEMO_TIME,
            )
            add_demo_accounts(con, convention_id)
            storage.set_setting(con, "demo_data", "true")
            calendar.set_demo_date(con)
    return {"migrations": applied, "convention": convention_id, "demo_figures": added}


def demo_budgets(con, convention_id: str, first_year: int) -> dict[tuple[int, int], Decimal]:
    """State funding per (action, year) the demo spends from: the default allocation."""
    annex = convention_files.stored_annex(con, convention_id)
    ami_y1 = {row.row: row.ami_y1 for row in annex.rows}
    needs = {row.row: need_year2(row.cost_y2, row.cofunding_y2) for row in annex.rows}
    budgets = {}
    for year, payment in storage.payments(con, convention_id).items():
        for action, amount in default_allocation(year, first_year, payment, ami_y1, needs).items():
            budgets[(action, year)] = amount
    return budgets


def is_demo(con) -> bool:
    return storage.setting(con, "demo_data", "false") == "true"


def add_demo_accounts(con, convention_id: str) -> None:
    """One demo account per role, without password (one-click sign-in in demo mode only)."""
    storage.delete_demo_accounts(con)
    for organisation, actions in DEMO_ORGANISATIONS.items():
        organisation_id = slug(organisation)
        storage.upsert_organisation(con, organisation_id, organisation)
        for action in actions:
            storage.assign(con, convention_id, action, organisation_id)
    for login, role, name, organisation in DEMO_ACCOUNTS:
        add_account(
            con, login, role, None, display_name=name, organisation=organisation, is_demo=True
        )


DEMO_ORGANISATIONS = {
    "Association Habitat Solidaire (démo)": (2, 3, 4, 5),
    "CCAS de Dijon (démo)": (6, 7, 8, 9),
    "Équipe maraude et médiation (démo)": (10, 11, 13),
    "Dijon Métropole, direction de l'action sociale (démo)": (1, 12, 14, 15, 16),
}
DEMO_ACCOUNTS = (
    ("demo-partenaire", Role.PARTENAIRE, "Camille (Habitat Solidaire)",
     "Association Habitat Solidaire (démo)"),
    ("demo-partenaire-ccas", Role.PARTENAIRE, "Nadia (CCAS)", "CCAS de Dijon (démo)"),
    ("demo-partenaire-maraude", Role.PARTENAIRE, "Yanis (maraude)",
     "Équipe maraude et médiation (démo)"),
    ("demo-partenaire-metropole", Role.PARTENAIRE, "Hélène (Métropole)",
     "Dijon Métropole, direction de l'action sociale (démo)"),
    ("demo-coordination", Role.COORDINATION, "Claire, coordinatrice du plan", None),
    ("demo-prefecture", Role.PREFECTURE, "Service de la préfecture", None),
    ("demo-admin", Role.ADMIN, "Administration", None),
)  # fmt: skip


def migrate(path: Path | str | None = None) -> list[str]:
    """Apply pending migrations to an existing database; the names applied (the app calls this
    once per process, so an older file keeps working after an upgrade)."""
    with database.connect(path) as con:
        return database.migrate(con)
