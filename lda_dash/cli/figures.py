"""`import-figures FILE [--user LOGIN]`: quarterly figures from a CSV or XLSX file, all or none."""

from __future__ import annotations

import sys
from pathlib import Path

from lda_dash.cli.common import CommandError
from lda_dash.services.figures_import import import_figures_file


def cmd_import_figures(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise CommandError(f"fichier introuvable : {path}")
    result = import_figures_file(args.db, args.convention, path, args.user)
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
    print(f"Import réussi : {result.read} chiffres lus, {result.changed} enregistrés ou modifiés.")
    for issue in result.warnings:
        print(f"  avertissement ligne {issue.line} : {issue.message}")
    return 0


def register(sub, common) -> None:
    imp = sub.add_parser("import-figures", parents=[common], help="importe des chiffres")
    imp.add_argument("file")
    imp.add_argument("--user", default="admin")
    imp.set_defaults(run=cmd_import_figures)
