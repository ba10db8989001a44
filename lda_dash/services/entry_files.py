"""Figures files on the entry page: check an upload, import it, and the prefilled template
(no Streamlit here). Format and rules: DOMAIN.md section 10, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from lda_dash import fmt, storage
from lda_dash.domain.entry import foreign_action_refusals, write_refusals
from lda_dash.domain.figure_cells import RawFigureRow
from lda_dash.domain.numbers import normalised
from lda_dash.domain.permissions import Actor
from lda_dash.domain.validation import RowIssue, ValidatedImport, validate_figure_rows
from lda_dash.exports.figures_template import LABEL_HEADER, TemplateIndicator, template_xlsx
from lda_dash.exports.tables import csv_bytes
from lda_dash.importers.figures_file import COLUMNS, read_figures_file
from lda_dash.services.context import unit_of_work
from lda_dash.services.entry import EntryData, accepted_years
from lda_dash.words.workflow import MODE_INPUTS, figure_shown

Progress = Callable[[float, str], None]
PREVIEW_COLUMNS = ["Ligne", "Contrôle", "Action", "Indicateur", "Année", "Trimestre", "Valeur",
                   "Numérateur", "Dénominateur", "Commentaire"]  # fmt: skip


def _silent(_fraction: float, _text: str) -> None:
    return None


@dataclass
class FileCheck:
    """An uploaded file's rows, the import check, and the rows this person may not write."""

    rows: list[RawFigureRow]
    result: ValidatedImport
    refusals: list[RowIssue] = field(default_factory=list)
    specs: dict = field(default_factory=dict)  # (action, code) → IndicatorSpec, for the preview

    @property
    def errors(self) -> list[RowIssue]:
        return sorted([*self.result.errors, *self.refusals], key=lambda issue: issue.line)

    @property
    def ok(self) -> bool:
        return not self.errors


def _check(con, convention_id: str, actor: Actor, rows, status: str, progress: Progress):
    convention = next(c for c in storage.conventions(con) if c["id"] == convention_id)
    specs = storage.indicator_specs(con, convention_id)
    existing = {
        (f.action, f.code, f.year, f.quarter): f for f in storage.figures(con, convention_id)
    }
    progress(0.4, f"Vérification de {len(rows)} lignes…")
    result = validate_figure_rows(
        rows, specs, existing, years=accepted_years(con, convention), status=status
    )
    check = FileCheck(rows, result, specs=dict(specs))
    assigned: dict[int, set[str]] = {}
    for row in storage.assignments(con, convention_id):
        assigned.setdefault(row["action_number"], set()).add(row["organisation_id"])
    # Every row whose figure is named gets the workflow's checks, whatever its other errors:
    # format and workflow problems come in one report, not one round trip each.
    progress(0.7, "Vérification des droits de votre organisation…")
    keyed_lines = {line for line, _ in result.keyed}
    unnamed = [row for row in rows if row.line not in keyed_lines]
    statuses = {
        (r["action"], r["code"], r["year"], r["quarter"]): r["status"]
        for r in storage.figure_records(con, convention_id)
    }
    years = {fig.year for _, fig in result.keyed}
    locked = [y for y in years if storage.is_year_locked(con, convention_id, y)]
    labels = {key: spec.label for key, spec in specs.items()}
    check.refusals = foreign_action_refusals(unnamed, actor, assigned) + write_refusals(
        [fig for _, fig in result.keyed], [line for line, _ in result.keyed],
        actor, assigned, statuses, locked, labels,
    )  # fmt: skip
    return check


def check_file(
    path: Path | str | None, convention_id: str, actor: Actor, data: bytes, filename: str,
    status: str, progress: Progress = _silent,
) -> FileCheck:  # fmt: skip
    """Read and check a file without writing anything; raises FiguresFileError if unreadable."""
    return import_file(path, convention_id, actor, data, filename, status, progress, write=False)


def import_file(
    path: Path | str | None, convention_id: str, actor: Actor, data: bytes, filename: str,
    status: str, progress: Progress = _silent, *, write: bool = True,
) -> FileCheck:  # fmt: skip
    """Check again and, when every row is valid, save them all (if `write`) in one unit of work."""
    progress(0.1, "Lecture du fichier…")
    rows = read_figures_file(data, filename)
    with unit_of_work(path) as con:
        check = _check(con, convention_id, actor, rows, status, progress)
        if write and check.ok:
            progress(0.85, f"Enregistrement de {len(check.result.figures)} chiffres…")
            storage.save_figures(
                con, convention_id, check.result.figures, actor, f"Import du fichier {filename}"
            )
    imported = "Import terminé." if check.ok else "Import refusé."
    progress(1.0, imported if write else "Vérification terminée.")
    return check


def preview_table(check: FileCheck) -> pd.DataFrame:
    """Every row of the file with what the check says about it, by line number."""
    errors: dict[int, list[str]] = {}
    for issue in check.errors:
        errors.setdefault(issue.line, []).append(issue.message)
    warnings: dict[int, list[str]] = {}
    for issue in check.result.warnings:
        warnings.setdefault(issue.line, []).append(issue.message)
    read = {line: figure for line, figure in check.result.keyed}
    rows = []
    for row in check.rows:
        if row.line in errors:
            verdict = "✖ " + " ; ".join(errors[row.line])
        elif row.line in warnings:
            verdict = "⚠ " + " ; ".join(warnings[row.line])
        else:
            verdict = "✔ correcte"
        figure = read.get(row.line)
        spec = None if figure is None else check.specs.get((figure.action, figure.code))
        indicator, value = row.indicator, row.value
        numerator, denominator = row.numerator, row.denominator
        if spec is not None:  # what was understood, in words and French numbers
            indicator = spec.label
            if figure.value is not None:
                value = figure_shown(spec, {"value": figure.value})
            numerator = numerator if figure.numerator is None else fmt.number(figure.numerator)
            denominator = (
                denominator if figure.denominator is None else fmt.number(figure.denominator)
            )
        rows.append([row.line, verdict, row.action, indicator, row.year, row.quarter,
                     value, numerator, denominator, row.comment])  # fmt: skip
    return pd.DataFrame(rows, columns=PREVIEW_COLUMNS)


# The headers of section 10, with the indicator's label beside its code (the reader ignores it).
TEMPLATE_HEADER = [*list(COLUMNS)[:2], LABEL_HEADER, *list(COLUMNS)[2:]]


def template_rows(data: EntryData) -> list[list]:
    """One row per indicator of the partner for the chosen quarter, stored values filled in."""
    rows = []
    for indicator in data.indicators:
        record = data.record(indicator) or {}
        value = record.get("value")
        rows.append(
            [indicator.spec.action, indicator.spec.code, indicator.spec.label, data.year,
             data.quarter, None if value is None else normalised(value), record.get("numerator"),
             record.get("denominator"), record.get("comment") or None]
        )  # fmt: skip
    return rows


def template_files(data: EntryData) -> tuple[bytes, bytes]:
    """The template as CSV (French Excel) and XLSX (instructions and drop-down lists too)."""
    rows = template_rows(data)
    indicators = [
        TemplateIndicator(
            i.spec.action, i.spec.code, i.spec.label, i.spec.unit, MODE_INPUTS[i.spec.mode]
        )
        for i in data.indicators
    ]
    xlsx = template_xlsx(TEMPLATE_HEADER, rows, indicators, data.years, (data.year, data.quarter))
    return csv_bytes(TEMPLATE_HEADER, rows), xlsx


def template_name(data: EntryData, extension: str) -> str:
    return f"chiffres-T{data.quarter}-{data.year}.{extension}"
