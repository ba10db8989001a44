"""`progress`: one row per indicator (DOMAIN.md section 11), for one convention or, with
`--all-territories`, for every convention of the database."""

from __future__ import annotations

import csv
import io
import json

from lda_dash import fmt
from lda_dash.cli.common import parse_day, pick_convention
from lda_dash.domain.model import STATUS_LABELS
from lda_dash.exports.safety import safe_cell
from lda_dash.services import calendar
from lda_dash.services.national_text import all_territories
from lda_dash.services.progress import load_progress, progress_records
from lda_dash.storage import database


def cmd_progress(args) -> int:
    if args.all_territories:
        with database.connect(args.db, read_only=True) as con:
            as_of = args.as_of or calendar.today(con)
        print(all_territories(args.db, args.year, as_of, args.format, args.validated_only), end="")
        return 0
    with database.connect(args.db, read_only=True) as con:
        convention = pick_convention(con, args.convention)
        calendar.check_year(con, convention, args.year)
        as_of = args.as_of or calendar.today(con)
        report = load_progress(
            con, convention["id"], args.year, as_of, validated_only=args.validated_only
        )
    records = progress_records(report)
    if args.format == "json":
        print(json.dumps(records, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(records[0]) if records else ["action"])
        writer.writeheader()
        writer.writerows({key: safe_cell(value) for key, value in r.items()} for r in records)
        print(out.getvalue(), end="")
    else:
        print(progress_table(report))
    return 0


def progress_table(report) -> str:
    lines = [
        f"Avancement {report.year} au {fmt.day(report.as_of)}",
        f"{'action':>6}  {'indicateur':<10} {'cible':>8} {'valeur':>10} {'atteinte':>9} "
        f"{'attendu':>9}  statut",
    ]
    for row in report.rows:
        lines.append(
            f"{row.spec.action:>6}  {row.spec.code:<10} {fmt.number(row.target):>8} "
            f"{fmt.number(row.value):>10} {fmt.percent(row.attainment):>9} "
            f"{fmt.number(row.expected):>9}  {STATUS_LABELS[row.status]}"
        )
    return "\n".join(lines)


def register(sub, common) -> None:
    prog = sub.add_parser("progress", parents=[common], help="avancement par indicateur")
    prog.add_argument("--year", type=int, required=True)
    prog.add_argument("--as-of", type=parse_day, dest="as_of")
    prog.add_argument("--format", choices=["json", "csv", "table"], default="table")
    prog.add_argument("--validated-only", action="store_true", dest="validated_only")
    prog.add_argument(
        "--all-territories",
        action="store_true",
        dest="all_territories",
        help="toutes les conventions ; chaque ligne porte la clé « convention »",
    )
    prog.set_defaults(run=cmd_progress)
