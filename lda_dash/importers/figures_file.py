"""Reading a figures file (CSV or XLSX, DOMAIN.md section 10) into text rows with line numbers."""

from __future__ import annotations

import math
import unicodedata
from decimal import Decimal
from pathlib import PurePath

from lda_dash.domain.figure_cells import RawFigureRow
from lda_dash.exports.safety import unguard_cell
from lda_dash.importers.bounded_xlsx import DamagedWorkbook, first_sheet_rows
from lda_dash.importers.file_limits import MAX_FILE_BYTES, FileRefused, size_text
from lda_dash.importers.text_files import csv_records, decode_text

MAX_BYTES = MAX_FILE_BYTES

# Normalised header -> RawFigureRow field, in the order of the template.
COLUMNS = {
    "action": "action",
    "indicateur": "indicator",
    "annee": "year",
    "trimestre": "quarter",
    "valeur": "value",
    "numerateur": "numerator",
    "denominateur": "denominator",
    "commentaire": "comment",
}
REQUIRED = ("action", "indicateur", "annee", "trimestre")
TEMPLATE_HEADER = ";".join(COLUMNS)

_SEPARATORS = (";", ",", "\t")
_MAX_LISTED_FORMULAS = 10


class FiguresFileError(ValueError):
    """The file cannot be read as a figures file; the message says why in French, and how to fix."""


def read_figures_file(
    data: bytes, filename: str, *, max_bytes: int = MAX_BYTES
) -> list[RawFigureRow]:
    """Return the data rows of a .csv or .xlsx figures file, skipping blank rows.

    Raises FiguresFileError for anything that is not a readable figures file, or past the
    bounds of file_limits; checking the values themselves is the job of domain.validation.
    """
    if len(data) > max_bytes:
        raise FiguresFileError(
            f"fichier trop volumineux ({size_text(len(data))}) : "
            f"la taille maximale est de {size_text(max_bytes)} ; "
            "découpez-le en plusieurs fichiers"
        )
    try:
        return _read(data, filename)
    except FileRefused as exc:
        raise FiguresFileError(str(exc)) from exc


def _read(data: bytes, filename: str) -> list[RawFigureRow]:
    if not data.strip():
        raise FiguresFileError("le fichier est vide : la première ligne doit contenir les en-têtes")
    extension = PurePath(filename or "").suffix.lower()
    if extension == ".csv":
        return _rows_from_table(_csv_table(data), {})
    if extension == ".xlsx":
        table, formulas = _xlsx_table(data)
        return _rows_from_table(table, formulas)
    shown = extension or "sans extension"
    raise FiguresFileError(
        f"format de fichier non reconnu ({shown}) : déposez un fichier .csv ou .xlsx"
    )


def normalise_header(text: str) -> str:
    """Header key without case, accents or surrounding spaces ("Année " -> "annee")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\ufeff", "").strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _csv_table(data: bytes) -> list[tuple[int, list[str]]]:
    """Decode and split a CSV file; the header line decides the separator."""
    if data.startswith(b"PK\x03\x04"):
        raise FiguresFileError(
            "ce fichier .csv est en réalité un classeur Excel (XLSX) : "
            "déposez-le avec l'extension .xlsx, ou enregistrez-le au format CSV"
        )
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FiguresFileError(
            "ce fichier .csv est en réalité un classeur Excel ancien format (.xls) : "
            "enregistrez-le au format CSV (séparateur point-virgule) ou XLSX"
        )
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")) and data[:1024].count(b"\x00") > 16:
        raise FiguresFileError(
            "ce fichier .csv contient des données binaires, ce n'est pas un fichier texte : "
            "enregistrez le tableau au format CSV ou déposez un fichier .xlsx"
        )
    text = decode_text(data)
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    separator = max(_SEPARATORS, key=header_line.count)
    # Excel writes a comment typed with Alt+Enter as a quoted cell spanning lines: kept, unless
    # one of its lines is a whole row of the table (csv_records).
    return csv_records(text, separator, multiline_cells=True)


def _xlsx_table(data: bytes) -> tuple[list[tuple[int, list[str]]], dict[tuple[int, int], str]]:
    """Texts of the first sheet, and the formula cells found in it keyed by (line, column index).

    Loaded without data_only so formulas are seen as such: their cached results may be stale or
    missing, so they are refused rather than trusted.
    """
    try:
        sheet_rows = first_sheet_rows(data, data_only=False)
    except DamagedWorkbook as exc:
        raise FiguresFileError(
            "classeur XLSX illisible : ouvrez-le dans Excel ou LibreOffice, enregistrez-le "
            "au format .xlsx puis déposez-le à nouveau"
        ) from exc
    table: list[tuple[int, list[str]]] = []
    formulas: dict[tuple[int, int], str] = {}
    for number, cells in sheet_rows:
        texts = []
        for index, cell in enumerate(cells):
            if cell.data_type == "f":
                formula = getattr(cell.value, "text", cell.value)
                formulas[(number, index)] = str(formula or "")
                texts.append(str(formula or ""))
            else:
                texts.append(_cell_text(cell.value))
        table.append((number, texts))
    return table, formulas


def _cell_text(value: object) -> str:
    """Text of an XLSX cell that parse_decimal reads back exactly (12.0 -> "12", 0.1 -> "0.1")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer():
            return str(int(value))
        # Excel keeps and shows 15 significant digits: 0.1 + 0.2 is written 0.30000000000000004
        # but is 0,3 on the partner's screen. "f" drops "e-05".
        return format(Decimal(f"{value:.15g}"), "f")
    return str(value).strip()


def _rows_from_table(
    table: list[tuple[int, list[str]]], formulas: dict[tuple[int, int], str]
) -> list[RawFigureRow]:
    """Map the header to columns, then turn each non-blank data row into a RawFigureRow."""
    header_at = next(
        (i for i, (_, cells) in enumerate(table) if any(c.strip() for c in cells)), None
    )
    if header_at is None:
        raise FiguresFileError("le fichier est vide : la première ligne doit contenir les en-têtes")
    header_line, header_cells = table[header_at]
    positions = _column_positions(header_cells)
    _refuse_formulas(formulas, positions, header_line)
    rows = []
    for number, cells in table[header_at + 1 :]:
        fields = {
            field: (cells[index].strip() if index < len(cells) else "")
            for field, index in positions.items()
        }
        if "comment" in fields:  # our template guarded `=…` comments with an apostrophe
            fields["comment"] = unguard_cell(fields["comment"])
        if any(fields.values()):
            rows.append(RawFigureRow(line=number, **fields))
    if not rows:
        raise FiguresFileError(
            "le fichier ne contient aucune ligne de chiffres sous les en-têtes : "
            "ajoutez une ligne par chiffre (action, indicateur, année, trimestre, valeur)"
        )
    return rows


def _column_positions(header_cells: list[str]) -> dict[str, int]:
    """RawFigureRow field -> column index; unknown columns are ignored, required ones must exist."""
    positions: dict[str, int] = {}
    for index, cell in enumerate(header_cells):
        key = normalise_header(cell)
        if key not in COLUMNS:
            continue
        if COLUMNS[key] in positions:
            raise FiguresFileError(
                f"la colonne « {key} » apparaît deux fois dans les en-têtes : gardez-en une seule"
            )
        positions[COLUMNS[key]] = index
    missing = [key for key in REQUIRED if COLUMNS[key] not in positions]
    if missing:
        raise FiguresFileError(
            f"colonne(s) obligatoire(s) absente(s) : {', '.join(missing)}. "
            f"La première ligne doit contenir les en-têtes {TEMPLATE_HEADER} "
            "(valeur, numerateur, denominateur et commentaire peuvent manquer)"
        )
    return positions


def _refuse_formulas(
    formulas: dict[tuple[int, int], str], positions: dict[str, int], header_line: int
) -> None:
    """Raise when a read column of a data row holds a formula, listing where (first few)."""
    header_of = {field: key for key, field in COLUMNS.items()}
    names = {index: header_of[field] for field, index in positions.items()}
    found = sorted(
        (line, names[index], text)
        for (line, index), text in formulas.items()
        if line > header_line and index in names
    )
    if not found:
        return
    listed = " ; ".join(
        f"ligne {line}, colonne « {name} » ({text})"
        for line, name, text in found[:_MAX_LISTED_FORMULAS]
    )
    more = (
        f" ; et {len(found) - _MAX_LISTED_FORMULAS} autre(s)"
        if len(found) > _MAX_LISTED_FORMULAS
        else ""
    )
    raise FiguresFileError(
        f"formule non acceptée : {listed}{more}. Remplacez les formules par leurs valeurs "
        "(copier, puis collage spécial « valeurs ») et déposez le fichier à nouveau"
    )
