"""Decoding text files and splitting CSV strictly: what cannot be read exactly is refused.

Why: a lenient reader changes what the partner wrote without a word. A file mixing UTF-8 and
Windows-1252 decoded as Windows-1252 turns « café » into « cafÃ© »; an unbalanced quote makes
the csv module swallow the following lines into one cell; a NUL byte is never text.
"""

from __future__ import annotations

import csv
import io
import re

from lda_dash.importers.file_limits import (
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    Deadline,
    FileRefused,
    french_number,
    too_large,
)

# A well-formed UTF-8 sequence of two to four bytes (RFC 3629). Windows-1252 text almost never
# holds one: "Ã©" would be needed where a French text has "é".
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_SAVE_AS = "enregistrez-le en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »"
_DEADLINE_EVERY = 1024


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM); else Windows-1252 when no line is UTF-8; else refused.

    Raises FileRefused for a file too large, UTF-16, NUL bytes, or mixed encodings.
    """
    if len(data) > MAX_FILE_BYTES:
        raise too_large(len(data))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileRefused(f"fichier texte en UTF-16 (« Texte Unicode ») non accepté : {_SAVE_AS}")
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise FileRefused(
            f"ligne {line} : octet nul (données binaires), ce n'est pas un fichier texte ; "
            f"{_SAVE_AS}"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        not_utf8 = exc.start
    utf8 = _UTF8_MULTIBYTE.search(data)
    if utf8 is not None:
        raise FileRefused(
            f"ligne {_line_at(data, not_utf8)} : encodage mélangé, cette ligne n'est pas en "
            f"UTF-8 alors que la ligne {_line_at(data, utf8.start())} l'est ; {_SAVE_AS}"
        )
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise FileRefused(
            f"ligne {_line_at(data, exc.start)} : encodage du fichier non reconnu (ni UTF-8 ni "
            f"Windows-1252) ; {_SAVE_AS}"
        ) from exc


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def csv_records(text: str, delimiter: str, *, multiline_cells: bool) -> list[tuple[int, list[str]]]:
    """The records of a CSV text numbered as a spreadsheet shows them, read with strict quoting.

    A quote must close its cell right before a separator or the end of the line. A quoted cell
    spanning lines is refused unless `multiline_cells`; even then, a cell holding a line that
    would make a record by itself (as many separators as half the widest record) is refused:
    that is a row swallowed by an unbalanced quote. Bounds of file_limits apply.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, list[str]]] = []
    deadline = Deadline()
    widest, cells = 0, 0
    try:
        for start, record in enumerate(reader, start=1):
            if len(records) % _DEADLINE_EVERY == 0:
                deadline.check(start)
            _check_cells(record, start, delimiter, multiline_cells, widest)
            width = _used_width(record)
            if width:
                if start > MAX_ROWS or width > MAX_COLUMNS:
                    raise FileRefused(
                        f"ligne {french_number(start)} : au plus {french_number(MAX_COLUMNS)} "
                        f"colonnes × {french_number(MAX_ROWS)} lignes sont lues ; "
                        "découpez le fichier"
                    )
                cells += width
                if cells > MAX_CELLS:
                    raise FileRefused(
                        f"ligne {start} : le fichier compte plus de {french_number(MAX_CELLS)} "
                        "cellules ; découpez-le"
                    )
            widest = max(widest, width)
            records.append((start, record))
    except csv.Error as exc:
        raise FileRefused(
            f"ligne {len(records) + 1} : guillemets mal fermés ; un guillemet qui ouvre une "
            "cellule doit la fermer juste avant le séparateur ou la fin de la ligne"
        ) from exc
    return records


def _check_cells(
    record: list[str], line: int, delimiter: str, multiline_cells: bool, widest: int
) -> None:
    for cell in record:
        if len(cell) > MAX_CELL_CHARS:
            raise FileRefused(
                f"ligne {line} : une cellule contient {french_number(len(cell))} caractères, "
                f"au plus {french_number(MAX_CELL_CHARS)} sont lus"
            )
        if "\n" not in cell and "\r" not in cell:
            continue
        if not multiline_cells:
            raise FileRefused(
                f"ligne {line} : une cellule entre guillemets s'étend sur plusieurs lignes "
                "(guillemet non fermé ?) ; fermez le guillemet ou retirez le retour à la ligne"
            )
        swallowed = max(2, widest // 2)
        if any(part.count(delimiter) >= swallowed for part in cell.splitlines()[1:]):
            raise FileRefused(
                f"ligne {line} : une cellule entre guillemets contient une ligne entière du "
                "tableau (guillemet non fermé ?) ; fermez le guillemet"
            )


def _used_width(record: list[str]) -> int:
    for index in range(len(record) - 1, -1, -1):
        if record[index].strip():
            return index + 1
    return 0
