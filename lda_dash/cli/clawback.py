"""`reversement`: the clawback proposal of a closed year (DOMAIN.md section 8), every term shown."""

from __future__ import annotations

import json

from lda_dash import fmt
from lda_dash.cli.common import parse_threshold, pick_convention
from lda_dash.domain.clawback import to_json as clawback_json
from lda_dash.services import calendar
from lda_dash.services.control import load_clawback
from lda_dash.storage import database


def cmd_reversement(args) -> int:
    with database.connect(args.db, read_only=True) as con:
        convention = pick_convention(con, args.convention)
        calendar.check_year(con, convention, args.year)
        proposal, _ = load_clawback(con, convention["id"], args.year, threshold=args.threshold)
    if args.format == "json":
        print(json.dumps(clawback_json(proposal), ensure_ascii=False, indent=2))
    else:
        print(clawback_table(proposal))
    return 0


def clawback_table(proposal) -> str:
    lines = [
        f"Proposition de reversement {proposal.year} (versement {fmt.money(proposal.payment)}, "
        f"seuil {fmt.percent(proposal.threshold)})",
        f"{'action':>6} {'répartition':>14} {'atteinte':>9} {'base objectifs':>15}",
    ]
    for term in proposal.actions:
        lines.append(
            f"{term.action:>6} {fmt.money(term.allocation):>14} "
            f"{fmt.percent(term.attainment, 1):>9} {fmt.money(term.objective_base):>15}"
        )
    unspent = "sans objet (aucune dépense déclarée)"
    if proposal.unspent_base is not None:
        unspent = fmt.money(proposal.unspent_base)
    lines += [
        f"Base objectifs (somme) : {fmt.money(proposal.objective_base_total)}",
        f"Base non-consommation : {unspent}",
        f"Montant proposé : {fmt.money(proposal.proposed_total)}",
    ]
    return "\n".join(lines)


def register(sub, common) -> None:
    rev = sub.add_parser("reversement", parents=[common], help="proposition de reversement")
    rev.add_argument("--year", type=int, required=True)
    rev.add_argument("--threshold", type=parse_threshold)
    rev.add_argument("--format", choices=["json", "table"], default="table")
    rev.set_defaults(run=cmd_reversement)
