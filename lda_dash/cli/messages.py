"""`remind [--dry-run]`: reminders of quarters not submitted, and every pending e-mail sent."""

from __future__ import annotations

from lda_dash import config
from lda_dash.services import notify


def cmd_remind(args) -> int:
    result = notify.remind(args.db, dry_run=args.dry_run)
    verb = "à enregistrer" if args.dry_run else "enregistrée(s)"
    print(f"Relances {verb} : {len(result.reminders)}")
    for line in result.reminders:
        print(f"  {line}")
    if args.dry_run:
        print(f"Messages en attente (rien n'est envoyé) : {result.pending}")
    elif not config.smtp_url():
        print(f"LDA_DASH_SMTP_URL absent : {result.pending} message(s) en attente, rien d'envoyé")
    else:
        print(f"Envoyés : {result.sent} · toujours en attente : {result.pending}")
    return 0


def register(sub, common) -> None:
    remind = sub.add_parser(
        "remind", parents=[common], help="relance les trimestres non soumis, envoie les messages"
    )
    remind.add_argument("--dry-run", action="store_true", help="dit ce qui serait envoyé")
    remind.set_defaults(run=cmd_remind)
