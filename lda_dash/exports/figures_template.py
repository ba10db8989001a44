"""The figures template a partner downloads: the partner's indicators with their labels, an
instructions sheet, and drop-down lists for actions, indicators, years and quarters.

The first sheet is the one the figures reader imports (importers/figures_file.py reads the first
sheet and ignores columns it does not know, such as the label): a template filled in imports as
it is. Drop-down lists are Excel data validations pointing at a hidden « Listes » sheet, so that a
list of any length works (an inline list is limited to 255 characters).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from lda_dash.exports.safety import safe_cell

LABEL_HEADER = "libellé"
SPARE_ROWS = 200  # rows below the prefilled ones that still offer the lists
HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")


@dataclass(frozen=True)
class TemplateIndicator:
    """One indicator of the partner, as the instructions sheet describes it."""

    action: int
    code: str
    label: str
    unit: str
    what_to_enter: str


def _typed(value):
    """Whole Decimals as integers, others as floats: cells a spreadsheet sees as numbers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _lists_sheet(book: Workbook, indicators: Sequence[TemplateIndicator], years: Sequence[int]):
    sheet = book.create_sheet("Listes")
    columns = {
        "action": sorted({i.action for i in indicators}),
        "indicateur": list(dict.fromkeys(i.code for i in indicators)),
        "annee": list(years),
        "trimestre": [1, 2, 3, 4],
    }
    ranges = {}
    for index, (name, values) in enumerate(columns.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=name)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=index, value=value)
        ranges[name] = f"Listes!${letter}$2:${letter}${max(2, len(values) + 1)}"
    sheet.sheet_state = "hidden"
    return ranges


def _validations(sheet, header: Sequence[str], ranges: dict[str, str], last_row: int) -> None:
    prompts = {
        "action": "Choisissez le numéro de l'action dans la liste.",
        "indicateur": "Choisissez le code de l'indicateur (son libellé est dans la colonne "
        "suivante et dans l'onglet Instructions).",
        "annee": "Choisissez l'année.",
        "trimestre": "Choisissez le trimestre : 1, 2, 3 ou 4.",
    }
    for name, source in ranges.items():
        column = get_column_letter(header.index(name) + 1)
        check = DataValidation(type="list", formula1=f"={source}", allow_blank=True)
        check.error = "Choisissez une valeur de la liste."
        check.errorTitle = "Valeur hors liste"
        check.prompt = prompts[name]
        check.showErrorMessage = check.showInputMessage = True
        check.add(f"{column}2:{column}{last_row}")
        sheet.add_data_validation(check)


def _instructions_sheet(
    book: Workbook, indicators: Sequence[TemplateIndicator], year: int, quarter: int
) -> None:
    sheet = book.create_sheet("Instructions")
    lines = [
        f"Chiffres du T{quarter} {year} : mode d'emploi",
        "",
        "1. Remplissez l'onglet « Chiffres » : une ligne par indicateur et par trimestre. Les "
        "listes déroulantes proposent vos actions, vos indicateurs, les années et les trimestres.",
        "2. « valeur » pour tous les indicateurs sauf les taux, qui ont « numerateur » et "
        "« denominateur ». Un jalon vaut 1 s'il est produit, 0 sinon. « commentaire » est "
        "facultatif.",
        "3. La colonne « libellé » n'est là que pour vous aider à lire : elle n'est pas importée.",
        "4. Déposez le fichier tel quel (XLSX, ou CSV enregistré depuis Excel) sur la page "
        "« Saisie trimestrielle » : il est importé en entier ou pas du tout, et chaque erreur est "
        "indiquée avec son numéro de ligne.",
        "5. Ne renommez pas les en-têtes et gardez « Chiffres » en premier onglet.",
        "",
    ]
    for row, text in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=safe_cell(text))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.cell(row=1, column=1).font = Font(bold=True, size=13)
    top = len(lines) + 1
    titles = ["Action", "Code", "Libellé", "Unité", "Ce qu'il faut saisir"]
    for column, title in enumerate(titles, start=1):
        cell = sheet.cell(row=top, column=column, value=title)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for row, item in enumerate(indicators, start=top + 1):
        values = [item.action, item.code, item.label, item.unit, item.what_to_enter]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column, value=safe_cell(value))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDE", (90, 14, 60, 14, 40), strict=True):
        sheet.column_dimensions[letter].width = width


def template_xlsx(
    header: Sequence[str],
    rows: Sequence[Sequence],
    indicators: Sequence[TemplateIndicator],
    years: Sequence[int],
    period: tuple[int, int],
) -> bytes:
    """The « Chiffres » sheet (header, prefilled rows, lists), then « Instructions », then the
    hidden « Listes »."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Chiffres"
    sheet.append([safe_cell(name) for name in header])
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
    for row in rows:
        sheet.append([safe_cell(_typed(value)) for value in row])
    widths = {"indicateur": 14, LABEL_HEADER: 55, "commentaire": 40}
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(name, 13)
    sheet.freeze_panes = "A2"
    _instructions_sheet(book, indicators, *period)
    ranges = _lists_sheet(book, indicators, years)
    _validations(sheet, header, ranges, len(rows) + 1 + SPARE_ROWS)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
