"""Administration from the command line through the app's own functions (services.account_admin,
services.threshold): invitation and reset links, roles, enabling, organisations, unassigning,
the clawback threshold. The command line is trusted: it acts as the administrator `--by`."""

from __future__ import annotations

import os

from lda_dash import fmt
from lda_dash.domain.permissions import ROLES, Actor
from lda_dash.services import account_admin, mail, threshold
from lda_dash.services.access_view import load_choices


def _actor(args) -> Actor:
    if args.db:
        os.environ["LDA_DASH_DB"] = args.db  # the services open the configured database
    return Actor(args.by, "admin", None)


def cmd_invite(args) -> int:
    link = account_admin.invite(
        _actor(args), args.login, args.role, organisation=args.organisation,
        email=args.email, display_name=args.name, reason=args.reason,
    )  # fmt: skip
    print(f"Compte créé : {link.login}. Lien (une fois, jusqu'au {fmt.moment(link.expires_at)}) :")
    print(link.url)
    mail.wait_for_sending()  # the link by e-mail, when the account has an address
    return 0


def cmd_reset_link(args) -> int:
    link = account_admin.reset_link(_actor(args), args.login, args.reason)
    print(f"Lien pour {link.login} (une fois, jusqu'au {fmt.moment(link.expires_at)}) :")
    print(link.url)
    mail.wait_for_sending()  # the link by e-mail, when the account has an address
    return 0


def cmd_set_role(args) -> int:
    account_admin.change_role(_actor(args), args.login, args.role, args.organisation, args.reason)
    print(f"Rôle de {args.login} : {args.role}")
    return 0


def cmd_enable(args) -> int:
    account_admin.set_enabled(_actor(args), args.login, True, args.reason)
    print(f"Compte réactivé : {args.login}")
    return 0


def cmd_organisation(args) -> int:
    actor = _actor(args)
    if args.organisation_command == "add":
        created = account_admin.create_organisation(actor, args.name, args.reason)
        print(f"Organisation créée : {created}")
    else:
        account_admin.rename_organisation(actor, args.id, args.name, args.reason)
        print(f"Organisation {args.id} renommée : {args.name}")
    return 0


def cmd_unassign(args) -> int:
    actor = _actor(args)
    choices = load_choices(args.convention)
    for action in [int(n) for n in args.actions.split(",") if n.strip()]:
        account_admin.set_assignment(
            actor, choices.convention_id, action, args.organisation, False, args.reason
        )
    print(f"{args.organisation} : actions {args.actions} retirées")
    return 0


def cmd_threshold(args) -> int:
    actor = _actor(args)
    print(f"Seuil enregistré : {fmt.percent(threshold.stored_threshold(), 1)}")
    if args.set is None:
        return 0
    new = threshold.parse_percent(args.set)
    for change in threshold.preview(new):
        print(f"  {change.convention} {change.year} : {fmt.money(change.current)} → "
              f"{fmt.money(change.proposed)}")  # fmt: skip
    threshold.save(actor, new, args.reason)
    print(f"Nouveau seuil : {fmt.percent(new, 1)}")
    return 0


def register(sub, common) -> None:
    common_admin = [common]

    def command(name: str, help_text: str, run):
        parser = sub.add_parser(name, parents=common_admin, help=help_text)
        parser.add_argument("--by", default="admin", help="administrateur auteur (historique)")
        parser.set_defaults(run=run)
        return parser

    invite = command("invite", "crée un compte et son lien de mot de passe (72 h)", cmd_invite)
    invite.add_argument("login")
    invite.add_argument("--role", required=True, choices=ROLES)
    invite.add_argument("--organisation")
    invite.add_argument("--email")
    invite.add_argument("--name")
    invite.add_argument("--reason", required=True)
    reset = command("reset-link", "nouveau lien de mot de passe (72 h)", cmd_reset_link)
    reset.add_argument("login")
    reset.add_argument("--reason", required=True)
    role = command("set-role", "change le rôle (et l'organisation) d'un compte", cmd_set_role)
    role.add_argument("login")
    role.add_argument("--role", required=True, choices=ROLES)
    role.add_argument("--organisation")
    role.add_argument("--reason", required=True)
    enable = command("enable", "réactive un compte", cmd_enable)
    enable.add_argument("login")
    enable.add_argument("--reason", required=True)
    organisation = command("organisation", "crée ou renomme une organisation", cmd_organisation)
    verbs = organisation.add_subparsers(dest="organisation_command", required=True)
    add = verbs.add_parser("add")
    add.add_argument("name")
    add.add_argument("--reason", required=True)
    rename = verbs.add_parser("rename")
    rename.add_argument("id")
    rename.add_argument("name")
    rename.add_argument("--reason", required=True)
    unassign = command("unassign", "retire des actions à une organisation", cmd_unassign)
    unassign.add_argument("--organisation", required=True, help="identifiant de l'organisation")
    unassign.add_argument("--actions", required=True)
    unassign.add_argument("--reason", required=True)
    theta = command("threshold", "affiche, ou change avec --set, le seuil de reversement",
                    cmd_threshold)  # fmt: skip
    theta.add_argument("--set", help="nouveau seuil en %, par exemple 85")
    theta.add_argument("--reason", default="")
