"""Command line at national scale: `generate` (synthetic territories) and `bench`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from lda_dash.cli.common import CommandError
from lda_dash.scale.database import SyntheticRefused, generate_database
from lda_dash.scale.synthetic import default_plan
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


def register(sub, common) -> None:
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
