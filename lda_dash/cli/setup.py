"""`init [--demo]`: create the database, apply the migrations, load the Dijon convention."""

from __future__ import annotations

from lda_dash import config
from lda_dash.services.setup import init_database


def cmd_init(args) -> int:
    done = init_database(args.db, demo=args.demo, demo_at_default_path=args.demo_at_default_path)
    applied = ", ".join(done["migrations"]) or "aucune (déjà à jour)"
    print(f"Base prête : {config.db_path(args.db)}")
    print(f"Migrations appliquées : {applied}")
    print(f"Convention chargée : {done['convention']}")
    if args.demo:
        print(f"Données de démonstration : {done['demo_figures']} chiffres")
    return 0


def register(sub, common) -> None:
    init = sub.add_parser("init", parents=[common], help="crée la base et charge la convention")
    init.add_argument("--demo", action="store_true", help="ajoute des données de démonstration")
    init.add_argument(
        "--demo-at-default-path",
        action="store_true",
        help="accepte --demo dans la base par défaut data/lda_dash.duckdb (refusé sinon)",
    )
    init.set_defaults(run=cmd_init)
