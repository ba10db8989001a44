"""Command-line commands (DOMAIN.md section 11): each exits non-zero with a one-line reason."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path

import duckdb

from lda_dash import fmt, storage
from lda_dash.cli.accounts import add_parsers as add_account_parsers
from lda_dash.cli.accounts import cmd_assign as assign_actions
from lda_dash.cli.amendment import add_parsers as add_amendment_parsers
from lda_dash.cli.backup import add_parsers as add_backup_parsers
from lda_dash.cli.convention import add_parsers as add_convention_parsers
from lda_dash.cli.export import add_parsers as add_export_parsers
from lda_dash.cli.scale import add_parsers as add_bench_parsers
from lda_dash.domain.clawback import to_json as clawback_json
from lda_dash.domain.convention_checks import check_annex
from lda_dash.domain.model import STATUS_LABELS
from lda_dash.domain.permissions import Actor, PermissionDenied
from lda_dash.exports.safety import safe_cell
from lda_dash.importers.annex import AnnexFormatError, read_annex
from lda_dash.importers.figures_file import FiguresFileError, read_figures_file
from lda_dash.services.accounts import AccountError
from lda_dash.services.backup import BackupError
from lda_dash.services.control import ControlRefused, load_clawback
from lda_dash.services.convention_files import stored_annex
from lda_dash.services.convention_import import ConventionImportError
from lda_dash.services.progress import load_progress, progress_records
from lda_dash.services.setup import DemoRefused, init_database
from lda_dash.storage import database


class CommandError(Exception):
    """A reason to stop, printed on one line."""


def parse_day(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"date illisible « {text} » (attendu AAAA-MM-JJ)")


def pick_convention(con, wanted: str | None) -> dict:
    """The convention named by --convention, else the first loaded (Dijon)."""
    found = storage.conventions(con)
    if not found:
        raise CommandError("aucune convention chargée : lancez d'abord `python -m lda_dash init`")
    if wanted is None:
        return found[0]
    for convention in found:
        if convention["id"] == wanted:
            return convention
    names = ", ".join(c["id"] for c in found)
    raise CommandError(f"convention « {wanted} » inconnue (disponibles : {names})")


def accepted_years(convention: dict) -> range:
    """Figures are accepted for the convention's years and the plan's later years (20 at most)."""
    return range(convention["first_year"], convention["first_year"] + 20)


def cmd_init(args) -> int:
    done = init_database(args.db, demo=args.demo)
    applied = ", ".join(done["migrations"]) or "aucune (déjà à jour)"
    print(f"Base prête : {database.config.db_path(args.db)}")
    print(f"Migrations appliquées : {applied}")
    print(f"Convention chargée : {done['convention']}")
    if args.demo:
        print(f"Données de démonstration : {done['demo_figures']} chiffres")
    return 0


def cmd_import_figures(args) -> int:
    from lda_dash.domain.validation import validate_figure_rows

    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"fichier introuvable : {path}")
    rows = read_figures_file(path.read_bytes(), path.name)
    with database.connect(args.db) as con:
        convention = pick_convention(con, args.convention)
        cid = convention["id"]
        specs = storage.indicator_specs(con, cid)
        existing = {(f.action, f.code, f.year, f.quarter): f for f in storage.figures(con, cid)}
        result = validate_figure_rows(
            rows, specs, existing, years=accepted_years(convention), status="validated"
        )
        if result.errors:
            count = len(result.errors)
            print(
                f"Import refusé : {count} erreur{'s' if count > 1 else ''}, "
                "aucun chiffre n'a été enregistré.",
                file=sys.stderr,
            )
            for issue in result.errors:
                print(f"  ligne {issue.line} : {issue.message}", file=sys.stderr)
            return 1
        importer = Actor(args.user, "admin", trusted_import=True)
        changed = storage.save_figures(
            con, cid, result.figures, importer, f"Import du fichier {path.name}"
        )
    print(f"Import réussi : {len(result.figures)} chiffres lus, {changed} enregistrés ou modifiés.")
    for issue in result.warnings:
        print(f"  avertissement ligne {issue.line} : {issue.message}")
    return 0


def cmd_progress(args) -> int:
    as_of = args.as_of or date.today()
    with database.connect(args.db, read_only=True) as con:
        convention = pick_convention(con, args.convention)
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


def cmd_check_convention(args) -> int:
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise CommandError(f"fichier introuvable : {path}")
        table = read_annex(path.read_bytes(), path.name)
    else:
        with database.connect(args.db, read_only=True) as con:
            convention = pick_convention(con, args.convention)
            table = stored_annex(con, convention["id"])
    findings = check_annex(table)
    if args.format == "json":
        print(json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2))
    else:
        if not findings:
            print("Aucune anomalie.")
        for f in findings:
            where = f"ligne {f.row}" if f.row is not None else "totaux"
            print(f"[{f.level}] {f.code} ({where}) : {f.message}")
    return 0


def parse_threshold(text: str) -> Fraction:
    try:
        value = Fraction(text.replace(",", "."))
    except (ValueError, ZeroDivisionError) as exc:
        raise argparse.ArgumentTypeError(f"seuil illisible « {text} »") from exc
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("le seuil doit être compris entre 0 et 1")
    return value


def cmd_reversement(args) -> int:
    with database.connect(args.db, read_only=True) as con:
        convention = pick_convention(con, args.convention)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lda_dash", description=__doc__)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="fichier DuckDB (défaut : LDA_DASH_DB, sinon data/)")
    common.add_argument("--convention", help="identifiant de la convention (défaut : la première)")
    sub = parser.add_subparsers(dest="command", required=True)

    init = sub.add_parser("init", parents=[common], help="crée la base et charge la convention")
    init.add_argument("--demo", action="store_true", help="ajoute des données de démonstration")
    init.set_defaults(run=cmd_init)

    imp = sub.add_parser("import-figures", parents=[common], help="importe des chiffres")
    imp.add_argument("file")
    imp.add_argument("--user", default="admin")
    imp.set_defaults(run=cmd_import_figures)

    prog = sub.add_parser("progress", parents=[common], help="avancement par indicateur")
    prog.add_argument("--year", type=int, required=True)
    prog.add_argument("--as-of", type=parse_day, dest="as_of")
    prog.add_argument("--format", choices=["json", "csv", "table"], default="table")
    prog.add_argument("--validated-only", action="store_true", dest="validated_only")
    prog.set_defaults(run=cmd_progress)

    rev = sub.add_parser("reversement", parents=[common], help="proposition de reversement")
    rev.add_argument("--year", type=int, required=True)
    rev.add_argument("--threshold", type=parse_threshold)
    rev.add_argument("--format", choices=["json", "table"], default="table")
    rev.set_defaults(run=cmd_reversement)

    check = sub.add_parser("check-convention", parents=[common], help="anomalies de l'annexe")
    check.add_argument("file", nargs="?")
    check.add_argument("--format", choices=["json", "table"], default="table")
    check.set_defaults(run=cmd_check_convention)
    add_account_parsers(sub, common)
    add_backup_parsers(sub, common)
    add_convention_parsers(sub, common)
    add_export_parsers(sub, common)
    add_bench_parsers(sub, common)
    add_amendment_parsers(sub, common)
    sub.choices["assign"].set_defaults(run=cmd_assign)
    return parser


def cmd_assign(args) -> int:
    with database.connect(args.db, read_only=True) as con:
        convention_id = pick_convention(con, args.convention)["id"]
    return assign_actions(args, convention_id)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (
        AccountError,
        BackupError,
        CommandError,
        ControlRefused,
        PermissionDenied,
        FiguresFileError,
        AnnexFormatError,
        ConventionImportError,
        DemoRefused,
        database.DatabaseBusy,
    ) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    except duckdb.Error as exc:
        print(f"Erreur de base de données : {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Erreur : {exc.strerror or exc} ({getattr(exc, 'filename', '')})", file=sys.stderr)
        return 1
