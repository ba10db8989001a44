"""Reading the first sheet of an XLSX within the bounds of file_limits, whatever it declares.

An XLSX is a zip archive of XML parts. Its parts are measured before openpyxl sees them (count,
declared and actually inflated sizes, compression ratio), then the sheet is streamed in
read-only mode with its `dimension` element ignored: openpyxl would otherwise pad every line to
the declared width and yield every declared line, which is how a 5 KB file asked for gigabytes.
Reading stops at the first value beyond a bound; empty lines and columns cost nothing.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

from lda_dash.importers.file_limits import (
    MAX_ARCHIVE_ENTRIES,
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_COMPRESSION_RATIO,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    RATIO_FLOOR_BYTES,
    Deadline,
    FileRefused,
    french_number,
    size_text,
    too_large,
)

_CHUNK = 1024 * 1024
_DEADLINE_EVERY = 256  # lines between two looks at the clock

SheetRow = tuple[int, list[Any]]  # line number as a spreadsheet shows it, openpyxl cells


class DamagedWorkbook(ValueError):
    """The bytes are not a readable XLSX (not a zip, missing parts, malformed XML)."""


def first_sheet_rows(data: bytes, *, data_only: bool) -> list[SheetRow]:
    """The lines of the first sheet that were read, each trimmed after its last value.

    Cells are openpyxl read-only cells (`value`, `data_type` "f" for a formula when not
    `data_only`). Raises FileRefused past a bound, DamagedWorkbook for an unreadable file.
    """
    if len(data) > MAX_FILE_BYTES:
        raise too_large(len(data))
    archive = _checked_archive(data)
    from openpyxl import load_workbook  # imported here: only XLSX files need it

    try:
        workbook = load_workbook(archive, read_only=True, data_only=data_only)
    except FileRefused:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise DamagedWorkbook(str(exc)) from exc
    try:
        if not workbook.worksheets:
            raise FileRefused("le classeur ne contient aucune feuille de calcul")
        return _bounded_rows(workbook.worksheets[0])
    except (FileRefused, DamagedWorkbook):
        raise
    except Exception as exc:  # malformed sheet XML surfaces while streaming
        raise DamagedWorkbook(str(exc)) from exc
    finally:
        workbook.close()


def _checked_archive(data: bytes) -> io.BytesIO:
    """The archive as a stream, once every part was inflated within the bounds."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DamagedWorkbook(str(exc)) from exc
    if len(entries) > MAX_ARCHIVE_ENTRIES:
        raise FileRefused(
            f"le classeur contient {french_number(len(entries))} parties : au plus "
            f"{french_number(MAX_ARCHIVE_ENTRIES)} sont lues"
        )
    declared = sum(entry.file_size for entry in entries)
    if declared > MAX_UNCOMPRESSED_BYTES:
        raise _inflates(declared)
    total = 0
    for entry in entries:
        _check_ratio(entry.filename, entry.file_size, entry.compress_size)
        inflated = _inflated_size(archive, entry, MAX_UNCOMPRESSED_BYTES - total)
        total += inflated
        if total > MAX_UNCOMPRESSED_BYTES:
            raise _inflates(total)
        _check_ratio(entry.filename, inflated, entry.compress_size)
    return io.BytesIO(data)


def _inflated_size(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, room: int) -> int:
    """Bytes the part actually inflates to, reading no more than `room` + one chunk.

    zipfile stops at the declared size and checks the CRC: a part lying about its size is
    damaged, not a way past the bound.
    """
    inflated = 0
    try:
        with archive.open(entry) as part:
            while inflated <= room and (chunk := part.read(_CHUNK)):
                inflated += len(chunk)
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        NotImplementedError,  # zipfile: a compression method it cannot inflate
        RuntimeError,
    ) as exc:
        raise DamagedWorkbook(str(exc)) from exc
    return inflated


def _inflates(size: int) -> FileRefused:
    return FileRefused(
        f"le classeur décompressé occupe plus de {size_text(MAX_UNCOMPRESSED_BYTES)} "
        f"({size_text(size)} déclarés ou lus) : enregistrez-le à nouveau depuis Excel ou "
        "LibreOffice, ou découpez-le"
    )


def _check_ratio(name: str, inflated: int, compressed: int) -> None:
    if inflated > RATIO_FLOOR_BYTES and inflated > MAX_COMPRESSION_RATIO * max(compressed, 1):
        raise FileRefused(
            f"la partie « {name} » du classeur se décompresse {inflated // max(compressed, 1)} "
            f"fois : au plus {MAX_COMPRESSION_RATIO} fois est accepté (fichier piégé ?)"
        )


def _bounded_rows(sheet) -> list[SheetRow]:
    """Stream the sheet, ignoring its declared dimension, refusing it at the first excess."""
    declared = (sheet.max_column, sheet.max_row)
    sheet.reset_dimensions()  # without it, read-only mode pads to the declared rectangle
    deadline = Deadline()
    rows: list[SheetRow] = []
    cells = 0
    for line, row in enumerate(sheet.iter_rows(), start=1):
        if line % _DEADLINE_EVERY == 0:
            deadline.check(line)
        width = _used_width(row)
        if width == 0:
            if line <= MAX_ROWS:
                rows.append((line, []))
            continue
        if line > MAX_ROWS or width > MAX_COLUMNS:
            raise _beyond(line, width, declared)
        kept = list(row[:width])
        cells += width
        if cells > MAX_CELLS:
            raise FileRefused(
                f"la feuille compte plus de {french_number(MAX_CELLS)} cellules (ligne "
                f"{french_number(line)}) : découpez le fichier"
            )
        for cell in kept:
            if isinstance(cell.value, str) and len(cell.value) > MAX_CELL_CHARS:
                raise FileRefused(
                    f"ligne {line} : une cellule contient {french_number(len(cell.value))} "
                    f"caractères, au plus {french_number(MAX_CELL_CHARS)} sont lus"
                )
        rows.append((line, kept))
    return rows


def _used_width(row) -> int:
    """Index after the last cell holding a value (0 for an empty line)."""
    for index in range(len(row) - 1, -1, -1):
        value = row[index].value
        if value is not None and value != "":
            return index + 1
    return 0


def _beyond(line: int, width: int, declared: tuple[int | None, int | None]) -> FileRefused:
    from openpyxl.utils import get_column_letter

    where = f"{get_column_letter(width)}{line}"
    bounds = f"au plus {french_number(MAX_COLUMNS)} colonnes × {french_number(MAX_ROWS)} lignes"
    columns, lines = declared
    if columns and lines and (columns > MAX_COLUMNS or lines > MAX_ROWS):
        return FileRefused(
            f"Le fichier déclare une feuille de {french_number(columns)} colonnes × "
            f"{french_number(lines)} lignes et a une valeur en {where} : {bounds} sont lues"
        )
    return FileRefused(f"la feuille a une valeur en {where} : {bounds} sont lues")
