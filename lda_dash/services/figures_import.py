"""Importing a figures file from the server (DOMAIN.md sections 10 and 11): read, check every
row against the catalogue and the stored figures, then save all or nothing.

Figures imported this way are recorded as validated, by the login given: the command line is
run by an administrator on the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lda_dash import storage
from lda_dash.domain.entry import write_refusals
from lda_dash.domain.permissions import Actor, Role
from lda_dash.domain.validation import RowIssue, validate_figure_rows
from lda_dash.domain.workflow import FigureStatus
from lda_dash.importers.figures_file import read_figures_file
from lda_dash.importers.file_limits import read_file
from lda_dash.services.conventions import accepted_years, pick_convention
from lda_dash.storage import database


@dataclass(frozen=True)
class FiguresImport:
    """What an import did: the errors that refused it, or how many rows were read and saved."""

    errors: list[RowIssue]
    warnings: list[RowIssue]
    read: int = 0
    changed: int = 0


def import_figures_file(db, wanted_convention: str | None, path: Path, login: str) -> FiguresImport:
    rows = read_figures_file(read_file(path), path.name)
    with database.connect(db) as con:
        convention = pick_convention(con, wanted_convention)
        cid = convention["id"]
        specs = storage.indicator_specs(con, cid)
        existing = {(f.action, f.code, f.year, f.quarter): f for f in storage.figures(con, cid)}
        result = validate_figure_rows(
            rows,
            specs,
            existing,
            years=accepted_years(con, convention),
            status=FigureStatus.VALIDATED,
        )
        importer = Actor(login, Role.ADMIN, trusted_import=True)
        # A locked year is reported with the format errors, in the same report (one pass).
        years = {fig.year for _, fig in result.keyed}
        locked = [y for y in years if storage.is_year_locked(con, cid, y)]
        labels = {key: spec.label for key, spec in specs.items()}
        refusals = write_refusals(
            [fig for _, fig in result.keyed], [line for line, _ in result.keyed],
            importer, {}, {}, locked, labels,
        )  # fmt: skip
        errors = sorted([*result.errors, *refusals], key=lambda issue: issue.line)
        if errors:
            return FiguresImport(errors, result.warnings)
        changed = storage.save_figures(
            con, cid, result.figures, importer, f"Import du fichier {path.name}"
        )
    return FiguresImport([], result.warnings, len(result.figures), changed)
