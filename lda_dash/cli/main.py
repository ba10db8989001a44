"""`python -m lda_dash COMMAND`: one parser built from the command groups, one-line errors.

A new command goes in the module of its group (or a new module listed in COMMAND_GROUPS), which
declares its sub-parser and handler in `register(sub, common)`.
"""

from __future__ import annotations

import argparse
import sys

from lda_dash.cli import (
    accounts,
    administration,
    amendment,
    backup,
    clawback,
    convention,
    export,
    figures,
    forecast,
    messages,
    progress,
    scale,
    setup,
)
from lda_dash.cli.common import CommandError
from lda_dash.domain.permissions import PermissionDenied
from lda_dash.importers.annex import AnnexFormatError
from lda_dash.importers.figures_file import FiguresFileError
from lda_dash.importers.file_limits import FileRefused
from lda_dash.services.accounts import AccountError
from lda_dash.services.backup import BackupError
from lda_dash.services.calendar import YearOutsideConvention
from lda_dash.services.control import ControlRefused
from lda_dash.services.convention_import import ConventionImportError
from lda_dash.services.conventions import ConventionUnknown
from lda_dash.services.setup import DemoRefused
from lda_dash.storage.database import DatabaseBusy, DatabaseFault

# In the order `--help` lists them.
COMMAND_GROUPS = (
    setup, figures, progress, forecast, clawback, convention, amendment, export, accounts,
    administration, messages,
    backup, scale,
)  # fmt: skip

# Refusals whose message is already one French sentence for the person at the terminal.
REFUSALS = (
    AccountError,
    AnnexFormatError,
    BackupError,
    CommandError,
    ControlRefused,
    ConventionImportError,
    ConventionUnknown,
    DatabaseBusy,
    DemoRefused,
    FileRefused,
    FiguresFileError,
    PermissionDenied,
    YearOutsideConvention,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m lda_dash", description="LDA Dash en ligne de commande (DOMAIN.md §11)."
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="fichier DuckDB (défaut : LDA_DASH_DB, sinon data/)")
    common.add_argument("--convention", help="identifiant de la convention (défaut : la première)")
    sub = parser.add_subparsers(dest="command", required=True)
    for group in COMMAND_GROUPS:
        group.register(sub, common)
    return parser


def command_names() -> list[str]:
    """Every command of the line, as `--help` lists them (the README test reads them)."""
    return list(build_parser()._subparsers._group_actions[0].choices)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except REFUSALS as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    except DatabaseFault as exc:
        print(f"Erreur de base de données : {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Erreur : {exc.strerror or exc} ({getattr(exc, 'filename', '')})", file=sys.stderr)
        return 1
