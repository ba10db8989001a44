"""Command line `forecast`: the year-end forecast « à rythme constant » (DOMAIN.md section 12)."""

from __future__ import annotations

import json
from datetime import date

from lda_dash import fmt
from lda_dash.cli.common import parse_day, parse_threshold, pick_convention
from lda_dash.domain.forecast import ForecastReport
from lda_dash.domain.model import STATUS_LABELS
from lda_dash.services.forecast import forecast_json, load_forecast
from lda_dash.storage import database


def register(sub, common) -> None:
    parser = sub.add_parser(
        "forecast", parents=[common], help="prévision de fin d'année à rythme constant"
    )
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument("--as-of", type=parse_day, dest="as_of",
                        help="date de référence (défaut : aujourd'hui)")  # fmt: skip
    parser.add_argument("--threshold", type=parse_threshold)
    parser.add_argument("--format", choices=["json", "table"], default="table")
    parser.add_argument("--validated-only", action="store_true", dest="validated_only")
    parser.set_defaults(run=cmd_forecast)


def cmd_forecast(args) -> int:
    with database.connect(args.db, read_only=True) as con:
        convention = pick_convention(con, args.convention)
        report = load_forecast(
            con,
            convention["id"],
            args.year,
            args.as_of or date.today(),
            threshold=args.threshold,
            validated_only=args.validated_only,
        )
    if args.format == "json":
        print(json.dumps(forecast_json(report), ensure_ascii=False, indent=2))
    else:
        print(forecast_table(report))
    return 0


def forecast_table(report: ForecastReport) -> str:
    """The forecast as a terminal reads it, in French."""
    result = report.forecast
    lines = [
        f"Prévision {result.year} à rythme constant au {fmt.day(report.as_of)} "
        f"(seuil {fmt.percent(result.threshold)})",
        f"{'action':>6}  {'indicateur':<10} {'valeur':>10} {'trim.':>5} {'prévision':>10} "
        f"{'atteinte':>9}  statut (prévision)",
    ]
    for row in result.indicators:
        status = "à produire" if row.status is None else STATUS_LABELS[row.status]
        lines.append(
            f"{row.spec.action:>6}  {row.spec.code:<10} {fmt.number(row.value):>10} "
            f"{'T' + str(row.quarter):>5} {fmt.number(row.projected):>10} "
            f"{fmt.percent(row.projected_attainment):>9}  {status}"
        )
    lines.append(f"{'action':>6} {'répartition':>14} {'atteinte':>9} {'en jeu':>12}")
    for term in result.actions:
        lines.append(
            f"{term.action:>6} {fmt.money(term.allocation):>14} "
            f"{fmt.percent(term.projected_attainment, 1):>9} {fmt.money(term.at_risk):>12}"
        )
    unspent = "sans objet (aucune dépense déclarée)"
    if result.projected_unspent is not None:
        unspent = fmt.money(result.projected_unspent)
    lines += [
        f"En jeu au titre des objectifs : {fmt.money(result.objective_at_risk)}",
        f"Non-consommation projetée : {unspent}",
        f"Total projeté : {fmt.money(result.projected_total)}",
    ]
    return "\n".join(lines)
