"""Turning annex files into grids of text cells: Markdown tables, CSV and XLSX sheets."""

from __future__ import annotations

import csv
import io
import re
import zipfile

from lda_dash.exports.safety import unguard_cell

_SEPARATOR_CELL = re.compile(r"^:?-+:?$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


class AnnexFormatError(ValueError):
    """The annex cannot be read; the French message names the row and the column at fault."""


def decode_text(data: bytes, filename: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, the encoding French Excel saves in."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise AnnexFormatError(
            f"« {filename} » : encodage illisible (ni UTF-8 ni Windows-1252)"
        ) from exc


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
    try:
        return [
            [unguard_cell(cell.strip()) for cell in row]
            for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise AnnexFormatError(f"« {filename} » : CSV illisible ({exc})") from exc


def xlsx_grid(data: bytes, filename: str) -> list[list[str]]:
    """The first sheet's cells as texts, whole numbers written without a spurious ".0"."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise AnnexFormatError(f"« {filename} » : classeur XLSX illisible") from exc
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
