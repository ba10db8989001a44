"""Command-line administration of accounts and assignments: `user add|list|disable`, `assign`."""

from __future__ import annotations

import getpass
import os
import sys

from lda_dash import storage
from lda_dash.cli.common import pick_convention
from lda_dash.domain.permissions import ROLE_LABELS, ROLES
from lda_dash.services.accounts import AccountError, add_account, disable_account, slug
from lda_dash.storage import database


def read_password() -> str:
    """From LDA_DASH_PASSWORD (scripts), else prompted twice without echo."""
    from_env = os.environ.get("LDA_DASH_PASSWORD")
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise AccountError("mot de passe attendu : saisissez-le, ou passez LDA_DASH_PASSWORD")
    first = getpass.getpass("Mot de passe : ")
    if getpass.getpass("Confirmation : ") != first:
        raise AccountError("les deux saisies du mot de passe diffèrent")
    return first


def cmd_user(args) -> int:
    if args.user_command == "add":
        password = read_password()
        with database.connect(args.db) as con:
            actor = add_account(
                con,
                args.login,
                args.role,
                password,
                display_name=args.name,
                email=args.email,
                organisation=args.organisation,
            )
        print(f"Compte créé : {actor.login} ({ROLE_LABELS[actor.role]})")
    elif args.user_command == "disable":
        with database.connect(args.db) as con:
            disable_account(con, args.login)
        print(f"Compte désactivé : {args.login}")
    else:
        with database.connect(args.db, read_only=True) as con:
            rows = storage.accounts(con)
        if not rows:
            print("Aucun compte.")
        for row in rows:
            state = "actif" if row["active"] else "désactivé"
            organisation = f" · {row['organisation']}" if row["organisation"] else ""
            demo = " · démo" if row["is_demo"] else ""
            print(f"{row['login']:<28} {ROLE_LABELS[row['role']]:<14} {state}{organisation}{demo}")
    return 0


def cmd_assign(args) -> int:
    organisation_id = slug(args.organisation)
    actions = [int(n) for n in args.actions.split(",") if n.strip()]
    with database.connect(args.db) as con:
        convention_id = pick_convention(con, args.convention)["id"]
        known = {a["number"] for a in storage.actions(con, convention_id)}
        unknown = [n for n in actions if n not in known]
        if unknown:
            raise AccountError(f"action(s) inconnue(s) : {', '.join(map(str, unknown))}")
        storage.upsert_organisation(con, organisation_id, args.organisation.strip())
        for action in actions:
            storage.assign(con, convention_id, action, organisation_id)
            storage.append_history(
                con, "admin", "assignment", convention_id, f"action {action}", None,
                args.organisation, "Attribution",
            )  # fmt: skip
    print(f"{args.organisation} : actions {', '.join(map(str, actions))}")
    return 0


def register(sub, common) -> None:
    user = sub.add_parser("user", parents=[common], help="comptes (add, list, disable)")
    verbs = user.add_subparsers(dest="user_command", required=True)
    add = verbs.add_parser("add", parents=[common], help="crée un compte")
    add.add_argument("login")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--organisation", help="organisation d'un partenaire")
    add.add_argument("--email", help="adresse de connexion unique (OpenID Connect)")
    add.add_argument("--name", help="nom affiché")
    verbs.add_parser("list", parents=[common], help="liste les comptes")
    disable = verbs.add_parser("disable", parents=[common], help="désactive un compte")
    disable.add_argument("login")
    user.set_defaults(run=cmd_user)

    assign = sub.add_parser("assign", parents=[common], help="confie des actions à un partenaire")
    assign.add_argument("--organisation", required=True)
    assign.add_argument("--actions", required=True, help="numéros séparés par des virgules")
    assign.set_defaults(run=cmd_assign)
