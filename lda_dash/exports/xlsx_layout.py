"""Writing cells and tables with openpyxl: real numbers with French-reading formats, safe text.

Every cell goes through `safe_cell`, so no text can run as a formula. Number formats use the
Excel codes (`#,##0` groups thousands): a French Excel or LibreOffice shows `163 099 €`, `75 %`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from lda_dash.exports.safety import safe_cell

EURO = '#,##0 "€"'
EURO_CENTS = '#,##0.00 "€"'
PERCENT = "0 %"
PERCENT_1 = "0.0 %"
COUNT = "#,##0"
DECIMAL = "#,##0.00"
DAY = "DD/MM/YYYY"
MOMENT = "DD/MM/YYYY HH:MM"

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
HEADER_FILL = PatternFill("solid", fgColor="DCE3F2")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="A6A6A6")
GRID = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class Column:
    """A table column: its French header, width in characters, and number format if any."""

    header: str
    width: float
    number_format: str | None = None


def number(value):
    """What openpyxl can store: exact fractions and decimals become ints when whole, else floats."""
    if isinstance(value, Fraction | Decimal):
        return int(value) if value == int(value) else float(value)
    return value


def count_format(value) -> str:
    """Counts without decimals; a figure with decimals (a rate, a level) shows two."""
    value = number(value)
    return DECIMAL if isinstance(value, float) else COUNT


def put(ws: Worksheet, row: int, column: int, value, number_format: str | None = None, **style):
    """Write one cell, safe and typed; `style` sets openpyxl attributes such as font or fill."""
    cell = ws.cell(row=row, column=column, value=safe_cell(number(value)))
    if isinstance(value, datetime):
        cell.number_format = MOMENT
    elif isinstance(value, date):
        cell.number_format = DAY
    if number_format and not isinstance(cell.value, str):
        cell.number_format = number_format
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def table(
    ws: Worksheet,
    top: int,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    *,
    formats: Sequence[Sequence[str | None]] | None = None,
    total: Sequence | None = None,
    set_widths: bool = True,
) -> int:
    """A header row at `top` then the rows (and a total row); returns the next free row.

    `formats` overrides the column's number format cell by cell (None keeps the column's);
    a second table on a sheet keeps the widths of the first (`set_widths=False`).
    """
    for index, column in enumerate(columns, start=1):
        put(ws, top, index, column.header, font=BOLD, fill=HEADER_FILL, border=GRID,
            alignment=Alignment(wrap_text=True, vertical="center"))  # fmt: skip
        if set_widths:
            ws.column_dimensions[get_column_letter(index)].width = column.width
    line = top + 1
    for position, values in enumerate(rows):
        overrides = formats[position] if formats else [None] * len(columns)
        for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            chosen = overrides[index - 1] or column.number_format
            put(ws, line, index, value, chosen, border=GRID, alignment=WRAP)
        line += 1
    if total is not None:
        for index, (column, value) in enumerate(zip(columns, total, strict=True), start=1):
            put(ws, line, index, value, column.number_format, font=BOLD, fill=TOTAL_FILL,
                border=GRID, alignment=WRAP)  # fmt: skip
        line += 1
    return line


def pairs(ws: Worksheet, top: int, items: Iterable[tuple[str, object, str | None]]) -> int:
    """Label / value lines (label in bold in column A); returns the next free row."""
    line = top
    for label, value, number_format in items:
        put(ws, line, 1, label, font=BOLD, alignment=WRAP)
        put(ws, line, 2, "—" if value is None else value, number_format, alignment=WRAP)
        line += 1
    return line


def paragraph(ws: Worksheet, row: int, text: str, last_column: int, width: float) -> None:
    """Text over merged columns A..last, with a row height that shows every wrapped line."""
    put(ws, row, 1, text, alignment=WRAP)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_column)
    lines = max(1, math.ceil(len(text) * 1.1 / max(width, 1)))
    ws.row_dimensions[row].height = 15 * lines


def title(ws: Worksheet, text: str, subtitle: str | None = None) -> int:
    """Sheet title in row 1 (and a subtitle in row 2); returns the first row after a blank one."""
    put(ws, 1, 1, text, font=TITLE)
    if subtitle:
        put(ws, 2, 1, subtitle)
        return 4
    return 3
