"""Command line `import-convention`: load another territory's convention from its budget annex.

The annex is checked first and its findings printed, then the proposed indicators; the proposal is
stored once confirmed (asked on a terminal, implied by `--yes` or when stdin is not a terminal).
To correct it first: `--save-proposal FILE` writes it as a CSV, `--indicators FILE` reads it back.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from lda_dash import config, fmt
from lda_dash.cli.common import CommandError, pick_convention
from lda_dash.domain.convention_checks import check_annex
from lda_dash.domain.model import SPENDING_CODE, IndicatorSpec
from lda_dash.domain.numbers import NotANumber, parse_decimal
from lda_dash.exports.safety import unguard_cell
from lda_dash.importers.annex import read_annex
from lda_dash.importers.file_limits import read_file
from lda_dash.importers.text_files import decode_text
from lda_dash.services.convention_files import read_indicator_catalogue, stored_annex
from lda_dash.services.convention_import import (
    ConventionImportError,
    ImportPreview,
    preview_convention_import,
    proposals_to_catalogue_csv,
    store_convention_import,
)
from lda_dash.storage import convention_store, database

_SOURCE_WIDTH = 90


def parse_years(text: str) -> list[int]:
    """ "2021,2022" or "2021-2022"."""
    try:
        if "-" in text and "," not in text:
            first, last = (int(part) for part in text.split("-"))
            return list(range(first, last + 1))
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"années illisibles « {text} » (ex. 2021,2022)") from exc


def parse_payments(text: str) -> dict[int, Decimal]:
    """ "2021=494000,2022=163099": the State's payment per year."""
    payments: dict[int, Decimal] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        year, _, amount = item.partition("=")
        try:
            value = parse_decimal(amount)
            payments[int(year)] = value
        except (ValueError, NotANumber) as exc:
            raise argparse.ArgumentTypeError(
                f"versement illisible « {item} » (ex. 2021=494000)"
            ) from exc
        if value is None:
            raise argparse.ArgumentTypeError(f"versement sans montant « {item} »")
    return payments


def cmd_check_convention(args) -> int:
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise CommandError(f"fichier introuvable : {path}")
        table = read_annex(read_file(path), path.name)
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


def register(sub, common) -> None:
    check = sub.add_parser("check-convention", parents=[common], help="anomalies de l'annexe")
    check.add_argument("file", nargs="?")
    check.add_argument("--format", choices=["json", "table"], default="table")
    check.set_defaults(run=cmd_check_convention)

    imp = sub.add_parser(
        "import-convention",
        parents=[common],
        help="charge la convention d'un autre territoire depuis son annexe budgétaire",
    )
    imp.add_argument("file", help="annexe : texte Markdown, CSV ou XLSX avec les en-têtes")
    imp.add_argument("--territory", required=True, help="nom du territoire")
    imp.add_argument("--years", type=parse_years, required=True, help="ex. 2021,2022")
    imp.add_argument("--payments", type=parse_payments, help="ex. 2021=494000,2022=163099")
    imp.add_argument("--yes", action="store_true", help="enregistre sans demander confirmation")
    imp.add_argument("--replace", action="store_true", help="remplace une convention sans chiffres")
    imp.add_argument("--indicators", help="indicateurs corrigés (CSV de --save-proposal)")
    imp.add_argument("--save-proposal", dest="save_proposal", help="écrit la proposition en CSV")
    imp.add_argument("--user", default="admin", help="auteur inscrit dans l'historique")
    imp.add_argument("--format", choices=["json", "table"], default="table")
    imp.set_defaults(run=cmd_import_convention)


def cmd_import_convention(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise ConventionImportError(f"fichier introuvable : {path}")
    preview = preview_convention_import(read_file(path), path.name, args.territory, args.years)
    specs = _confirmed_specs(preview, args.indicators)
    if args.save_proposal:
        Path(args.save_proposal).write_text(
            proposals_to_catalogue_csv(preview.proposals, preview.years), encoding="utf-8"
        )
    if args.format == "table":
        print(preview_table(preview))
    if args.save_proposal:
        return _report(args, preview, None, f"Proposition écrite dans {args.save_proposal}")
    if _exists(args.db, preview.convention_id) and not args.replace:
        raise ConventionImportError(
            f"la convention « {preview.convention_id} » existe déjà : rien n'est écrasé "
            "(--replace pour la remplacer si elle n'a encore aucun chiffre)"
        )
    if not args.yes and sys.stdin.isatty() and not _confirmed(preview, specs):
        print("Import abandonné : rien n'a été enregistré.", file=sys.stderr)
        return 1
    with database.connect(args.db) as con:
        database.migrate(con)
        cid = store_convention_import(
            con, preview, specs, args.payments, args.user, replace=args.replace
        )
    return _report(args, preview, cid, f"Convention enregistrée : {cid}")


def _report(args, preview: ImportPreview, stored: str | None, message: str) -> int:
    if args.format == "json":
        print(json.dumps({**preview.to_json(), "stored": stored}, ensure_ascii=False, indent=2))
    else:
        print(message)
    return 0


def _confirmed_specs(preview: ImportPreview, corrected: str | None) -> list[IndicatorSpec]:
    """The proposal as is, or the catalogue the coordinator corrected (--indicators)."""
    if not corrected:
        return preview.proposed_specs()
    path = Path(corrected)
    if not path.is_file():
        raise ConventionImportError(f"fichier d'indicateurs introuvable : {path}")
    numbers = [row.row for row in preview.annex.rows]
    try:
        specs = read_indicator_catalogue(decode_text(read_file(path)), numbers)
    except KeyError as exc:
        raise ConventionImportError(f"{path.name} : colonne manquante {exc}") from exc
    except (ValueError, NotANumber) as exc:
        raise ConventionImportError(f"{path.name} : {exc}") from exc
    return [replace(spec, label=unguard_cell(spec.label), unit=unguard_cell(spec.unit))
            for spec in specs]  # fmt: skip


def _exists(db_path, convention_id: str) -> bool:
    """Whether the database already holds this convention (a missing file holds nothing)."""
    if not config.db_path(db_path).is_file():
        return False
    with database.connect(db_path, read_only=True) as con:
        try:
            return convention_store.convention_exists(con, convention_id)
        except database.SchemaMissing:  # a file not initialised yet
            return False


def _confirmed(preview: ImportPreview, specs: list[IndicatorSpec]) -> bool:
    print(
        f"Enregistrer la convention « {preview.convention_id} » ({len(preview.annex.rows)} "
        f"actions, {len(specs)} indicateurs) ? [o/N] ",
        end="",
        file=sys.stderr,
        flush=True,
    )
    return sys.stdin.readline().strip().lower() in ("o", "oui", "y", "yes")


def preview_table(preview: ImportPreview) -> str:
    """The findings, then the proposed indicators with their targets and where they were read."""
    annex = preview.annex
    lines = [
        f"Annexe « {preview.filename} » : {len(annex.rows)} actions"
        + (", avec sa ligne de total" if annex.total else ", sans ligne de total"),
        f"Territoire : {preview.territory_name} · convention {preview.convention_id}",
        "",
        f"Contrôle de l'annexe : {fmt.plural(len(preview.findings), 'constat')}",
    ]
    for f in preview.findings:
        where = f"ligne {f.row}" if f.row is not None else "totaux"
        lines.append(f"  [{f.level}] {f.code} ({where}) : {f.message}")
    years = "".join(f"{year:>8}" for year in preview.years)
    lines += [
        "",
        f"Indicateurs proposés : {len(preview.proposals)}, dont {SPENDING_CODE} par action",
        f"{'action':>6}  {'code':<20} {'mode':<12} {'unité':<14}{years} {'réf.':>6}  "
        f"{'confiance':<9}  libellé",
    ]
    for p in preview.proposals:
        targets = "".join(f"{fmt.number(p.targets.get(year)):>8}" for year in preview.years)
        baseline = fmt.number(p.baseline) if p.baseline is not None else ""
        lines.append(
            f"{p.action:>6}  {p.code:<20} {p.mode.value:<12} {p.unit:<14}{targets} {baseline:>6}  "
            f"{p.confidence:<9}  {p.label}"
        )
        if p.source_text:
            source = p.source_text
            if len(source) > _SOURCE_WIDTH:
                source = source[: _SOURCE_WIDTH - 1] + "…"
            lines.append(f"{'':>8}← « {source} » ({p.source_column})")
    return "\n".join(lines)
