"""Turning annex files into grids of text cells: Markdown tables, CSV and XLSX sheets."""

from __future__ import annotations

import re

from lda_dash.exports.safety import unguard_cell
from lda_dash.importers import text_files
from lda_dash.importers.bounded_xlsx import DamagedWorkbook, first_sheet_rows
from lda_dash.importers.file_limits import FileRefused

_SEPARATOR_CELL = re.compile(r"^:?-+:?$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


class AnnexFormatError(ValueError):
    """The annex cannot be read; the French message names the row and the column at fault."""


def decode_text(data: bytes, filename: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 when no line is UTF-8 (text_files)."""
    try:
        return text_files.decode_text(data)
    except FileRefused as exc:
        raise AnnexFormatError(f"« {filename} » : {exc}") from exc


def has_markdown_table(text: str) -> bool:
    return any(line.lstrip().startswith("|") for line in text.splitlines())


def markdown_tables(text: str) -> list[list[list[str]]]:
    """Every run of consecutive lines holding a `|`, as rows of stripped cells.

    The `|---|` separator lines are dropped, so a table's first row is its header.
    """
    tables: list[list[list[str]]] = [[]]
    for line in text.splitlines():
        stripped = line.strip()
        if "|" not in stripped:
            if tables[-1]:
                tables.append([])
            continue
        cells = _markdown_cells(stripped)
        if not all(_SEPARATOR_CELL.match(cell) for cell in cells):
            tables[-1].append(cells)
    return [table for table in tables if table]


def _markdown_cells(line: str) -> list[str]:
    inner = line[1:] if line.startswith("|") else line
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _UNESCAPED_PIPE.split(inner)]


def csv_grid(text: str, delimiter: str, filename: str) -> list[list[str]]:
    """The CSV's cells, strictly quoted; a cell may span lines (long descriptions) but not hold
    a whole row of the table, the trace of an unclosed quote."""
    try:
        records = text_files.csv_records(text, delimiter, multiline_cells=True)
    except FileRefused as exc:
        raise AnnexFormatError(f"« {filename} » : {exc}") from exc
    return [[unguard_cell(cell.strip()) for cell in row] for _, row in records]


def xlsx_grid(data: bytes, filename: str) -> list[list[str]]:
    """The first sheet's cells as texts, whole numbers written without a spurious ".0"."""
    try:
        rows = first_sheet_rows(data, data_only=True)
    except DamagedWorkbook as exc:
        raise AnnexFormatError(f"« {filename} » : classeur XLSX illisible") from exc
    except FileRefused as exc:
        raise AnnexFormatError(f"« {filename} » : {exc}") from exc
    return [[_cell_text(cell.value) for cell in cells] for _, cells in rows]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return repr(float(f"{value:.15g}"))  # the 15 digits Excel shows, not the binary tail
    return str(value).strip()
