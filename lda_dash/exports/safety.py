"""Formula-injection guard for every cell the product writes to a CSV or XLSX file.

A spreadsheet runs a text cell starting with `=`, `+`, `-` or `@` (or a tab or carriage return
before one) as a formula: a figure comment or a history reason could then call a command or leak
data when the file is opened. Such text gets a leading apostrophe, which spreadsheets show as
text (OWASP "CSV injection"). Numbers, dates and empty cells are not text and stay as they are.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value to write: text that a spreadsheet would run as a formula is made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    """`safe_cell` over a row, for CSV writers."""
    return [safe_cell(value) for value in values]


def unguard_cell(text: str) -> str:
    """The text as it was before `safe_cell`, for readers of files the product wrote itself."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text
