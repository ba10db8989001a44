"""Command line `export`: the execution report of a year as a file (DOMAIN.md section 11).

The database is read in one unit of work and released before the file is rendered: a PDF takes
seconds (Chromium draws the chart) and the app or an import may need the database meanwhile.
"""

from __future__ import annotations

import os
from pathlib import Path

from lda_dash.cli.common import CommandError, parse_day, pick_convention
from lda_dash.exports import FORMATS, ExportError, render
from lda_dash.services.report_data import read_report_data
from lda_dash.storage import database


def register(sub, common) -> None:
    formats = ", ".join(FORMATS)
    export = sub.add_parser(
        "export", parents=[common], help=f"rapport d'exécution d'une année ({formats})"
    )
    export.add_argument("--year", type=int, required=True)
    export.add_argument("--format", choices=list(FORMATS), required=True)
    export.add_argument("--output", required=True, help="fichier à écrire")
    export.add_argument("--as-of", type=parse_day, dest="as_of",
                        help="date de référence (défaut : aujourd'hui)")  # fmt: skip
    export.set_defaults(run=cmd_export)


def cmd_export(args) -> int:
    output = Path(args.output)
    if not output.parent.is_dir():
        raise CommandError(f"dossier introuvable : {output.parent}")
    with database.connect(args.db, read_only=True) as con:
        convention = pick_convention(con, args.convention)
        data = read_report_data(con, convention["id"], args.year, args.as_of)
    try:
        content = render(args.format, data)
    except ExportError as exc:
        raise CommandError(str(exc)) from exc
    write_whole(output, content)
    what = "Document" if args.format == "docx" else "Rapport d'exécution"
    print(f"{what} {args.year} ({FORMATS[args.format].label}) écrit dans {output}")
    return 0


def write_whole(path: Path, content: bytes) -> None:
    """Write beside the target then rename, so a reader never finds half a file."""
    partial = path.with_name(f".{path.name}.partiel")
    partial.write_bytes(content)
    os.replace(partial, path)
