"""Command line at national scale: `generate`, `bench`, and `progress --all-territories`."""

from __future__ import annotations

import argparse
import csv
import io
import json
from datetime import date
from pathlib import Path

from lda_dash import fmt, storage
from lda_dash.domain.model import STATUS_LABELS
from lda_dash.exports.safety import safe_cell
from lda_dash.scale.database import SyntheticRefused, generate_database
from lda_dash.scale.synthetic import default_plan
from lda_dash.services.national import national_records, rendered_shares, rows_of_year
from lda_dash.services.progress import RECORD_KEYS
from lda_dash.storage import database


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"nombre entier attendu, pas « {text} »") from exc
    if value < 1:
        raise argparse.ArgumentTypeError("un nombre au moins égal à 1 est attendu")
    return value


def cmd_generate(args) -> int:
    from lda_dash.cli import CommandError  # cli imports this module

    plan = default_plan(args.territories, args.years, args.seed)
    try:
        done = generate_database(args.db, plan)
    except SyntheticRefused as exc:
        raise CommandError(str(exc)) from exc
    rows = done["rows"]
    print(f"Base prête : {database.config.db_path(args.db)} (données synthétiques)")
    print(
        f"{rows['convention']} territoires, {plan.years[0]}-{plan.years[-1]}, graine {plan.seed} : "
        f"{rows['action']} actions, {rows['indicator']} indicateurs, {rows['figure']} chiffres "
        f"trimestriels, générés en {done['generate_seconds']:.1f} s et chargés en "
        f"{done['load_seconds']:.1f} s."
    )
    return 0


def cmd_progress(args) -> int:
    """`progress`: one convention as before, or every one with --all-territories."""
    from lda_dash.cli import cmd_progress as one_convention

    if not args.all_territories:
        return one_convention(args)
    as_of = args.as_of or date.today()
    print(all_territories(args.db, args.year, as_of, args.format, args.validated_only), end="")
    return 0


def all_territories(
    path, year: int, as_of: date, form: str = "json", validated_only: bool = False
) -> str:
    """The text of `progress --all-territories`: read once, then the rules on every core."""
    with database.connect(path, read_only=True) as con:
        order = [c["id"] for c in storage.conventions(con)]
        rows, threshold = rows_of_year(con, year, validated_only=validated_only)
    rows = {cid: rows[cid] for cid in order if cid in rows}
    render = {"json": _json_share, "csv": _csv_share, "table": _table_share}[form]
    shares = [text for text in rendered_shares(
        rows, year, as_of, render, validated_only=validated_only, threshold=threshold
    ) if text]  # fmt: skip
    if form == "json":
        return "[\n" + ",\n".join(shares) + "\n]\n"
    if form == "csv":
        header = ["convention", *RECORD_KEYS] if shares else ["convention"]
        return _csv_text([header]) + "".join(shares)
    title = f"Avancement {year} au {fmt.day(as_of)}, {len(rows)} conventions"
    return "\n".join([title, *shares]) + "\n"


def _json_share(reports) -> str:
    return json_rows(national_records(reports))[2:-2]  # the rows, without "[\n" and "\n]"


def _csv_share(reports) -> str:
    return _csv_text([safe_cell(v) for v in r.values()] for r in national_records(reports))


def _csv_text(rows) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def _table_share(reports) -> str:
    return "\n".join(
        f"{cid:<24} {row.spec.action:>3}  {row.spec.code:<10} "
        f"{fmt.percent(row.attainment):>7}  {STATUS_LABELS[row.status]}"
        for cid, report in reports.items()
        for row in report.rows
    )


def json_rows(records: list[dict]) -> str:
    """A JSON array with one row per line: as readable as indented JSON for tens of thousands
    of rows, and three times faster to write (json's C encoder only serves unindented output)."""
    encode = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps would build one per row
    return "[\n" + ",\n".join(map(encode, records)) + "\n]"


def territory_counts(text: str) -> list[int]:
    return [positive(part) for part in text.split(",") if part.strip()]


def cmd_bench(args) -> int:
    from lda_dash.scale.bench import run_benchmarks, run_many
    from lda_dash.scale.bench_summary import summary_lines

    if len(args.territories) == 1:
        results = run_benchmarks(
            args.territories[0],
            args.years,
            repeat=args.repeat,
            seed=args.seed,
            import_rows=args.import_rows,
            exports=() if args.no_exports else ("pdf", "pptx"),
        )
    else:
        results = run_many(args.territories, args.years, args.repeat, args.seed)
    text = json.dumps(results, ensure_ascii=False, indent=2)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    if args.format == "json":
        print(text)
    else:
        print("\n".join(summary_lines(results)))
    return 0


def add_parsers(sub, common) -> None:
    gen = sub.add_parser(
        "generate", parents=[common], help="base synthétique de N territoires (essais de charge)"
    )
    gen.add_argument("--territories", type=positive, required=True)
    gen.add_argument("--years", type=positive, required=True)
    gen.add_argument("--seed", type=int, default=1)
    gen.set_defaults(run=cmd_generate)

    bench = sub.add_parser("bench", help="mesure les temps de réponse sur une base synthétique")
    bench.add_argument(
        "--territories",
        type=territory_counts,
        default=[46],
        help="nombre de territoires, ou plusieurs séparés par des virgules",
    )
    bench.add_argument("--import-rows", type=positive, default=10_000, dest="import_rows")
    bench.add_argument("--output", help="fichier JSON où écrire les résultats")
    bench.add_argument(
        "--no-exports", action="store_true", dest="no_exports", help="sans les exports PDF et PPTX"
    )
    bench.add_argument("--years", type=positive, default=10)
    bench.add_argument("--repeat", type=positive, default=5)
    bench.add_argument("--seed", type=int, default=1)
    bench.add_argument("--format", choices=["json", "text"], default="text")
    bench.set_defaults(run=cmd_bench)

    # `progress` itself belongs to cli.py: this only adds the national mode to it.
    progress = sub.choices["progress"]
    progress.add_argument(
        "--all-territories",
        action="store_true",
        dest="all_territories",
        help="toutes les conventions ; chaque ligne porte la clé « convention »",
    )
    progress.set_defaults(run=cmd_progress)
