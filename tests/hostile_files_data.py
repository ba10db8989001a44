"""Hostile files for tests/test_hostile_files.py: far cells, zip bombs, broken quoting, mixed
encodings, hidden decimals and NUL bytes, as figures files and as annexes."""

from __future__ import annotations

import csv
import io
import re
import struct
import zipfile
from pathlib import Path

from openpyxl import Workbook

from tests.conftest import workbook_bytes

REPO = Path(__file__).resolve().parents[1]
ANNEX_CSV = (REPO / "data" / "dijon" / "annex.csv").read_bytes()
HEADER = "action;indicateur;annee;trimestre;valeur;numerateur;denominateur;commentaire\n"
FIGURES_HEADER = HEADER.strip().split(";")
ANNEX_HEADER = ANNEX_CSV.decode("utf-8-sig").splitlines()[0].split(";")[1:]


def far_cell_xlsx(header: list[str], cell: str = "XFD1048576") -> bytes:
    """A few kilobytes whose sheet declares (and reaches) the last cell Excel has."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    sheet.append([2, "CAPT", 2022, 1, 3])
    sheet[cell] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewritten(data: bytes, part: str, change) -> bytes:
    """The workbook with one part's bytes passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info.filename, change(content) if info.filename == part else content)
    return out.getvalue()


def declared_far_xlsx() -> bytes:
    """A valid small sheet whose `dimension` claims A1:XFD1048576: read, the claim ignored."""
    valid = workbook_bytes([FIGURES_HEADER, [4, "GLA", 2022, 4, 3]])
    return rewritten(
        valid,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml),
    )


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one more part, compressed."""
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return out.getvalue()


def bomb_xlsx(header: list[str]) -> bytes:
    """A sheet XML inflating to 60 MB (blanks between its elements) from a file of about 70 KB."""
    valid = workbook_bytes([header, [2, "CAPT", 2022, 1, 3]])
    padding = b" " * (60 * 1024 * 1024)
    return rewritten(
        valid,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"<sheetData>", padding + b"<sheetData>"),
    )


def ratio_xlsx() -> bytes:
    """A 2 MB part of zeros compressing a thousand times: below the size bound, not the ratio."""
    valid = workbook_bytes([FIGURES_HEADER, [2, "CAPT", 2022, 1, 3]])
    return with_part(valid, "xl/media/image1.bin", b"\x00" * (2 * 1024 * 1024))


def lying_xlsx() -> bytes:
    """A part declaring 1 KB inflated while it inflates to 10 MB (sizes patched in both
    headers): the reader stops at the declared size and the CRC gives it away."""
    valid = workbook_bytes([FIGURES_HEADER, [2, "CAPT", 2022, 1, 3]])
    data = bytearray(with_part(valid, "xl/media/image1.bin", b"\x01" * (10 * 1024 * 1024)))
    offset = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/media/image1.bin").header_offset
    struct.pack_into("<I", data, offset + 22, 1024)  # local header: inflated size
    for entry in _central_entries(bytes(data)):
        name_length = struct.unpack_from("<H", data, entry + 28)[0]
        if bytes(data[entry + 46 : entry + 46 + name_length]) == b"xl/media/image1.bin":
            struct.pack_into("<I", data, entry + 24, 1024)  # central directory: inflated size
    return bytes(data)


def _central_entries(data: bytes) -> list[int]:
    return [match.start() for match in re.finditer(rb"PK\x01\x02", data)]


def cell_at(row: int, column: int) -> bytes:
    """A valid figures sheet plus one value at (row, column)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(FIGURES_HEADER)
    sheet.append([2, "CAPT", 2022, 1, 3])
    sheet.cell(row=row, column=column, value="x")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def figures_csv(*lines: str, encoding: str = "utf-8") -> bytes:
    return (HEADER + "".join(line + "\n" for line in lines)).encode(encoding)


MIXED_ENCODINGS = figures_csv("2;CAPT;2022;1;3;;;café déjà") + "2;CAPT;2022;2;4;;;déjà\n".encode(
    "cp1252"
)


def annex_with(old: bytes, new: bytes) -> bytes:
    assert old in ANNEX_CSV
    return ANNEX_CSV.replace(old, new, 1)


def annex_amount_with_three_decimals() -> bytes:
    """Dijon's annex with the first action's year-1 cost written to the tenth of a cent."""
    records = list(
        csv.reader(io.StringIO(ANNEX_CSV.decode("utf-8-sig"), newline=""), delimiter=";")
    )
    column = next(i for i, name in enumerate(records[0]) if name.startswith("Dépenses année 1"))
    records[1][column] = records[1][column] + ",125"
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(records)
    return out.getvalue().encode("utf-8")


def corrupt_deflate_xlsx() -> bytes:
    """A workbook whose sheet's compressed bytes were scrambled (zlib fails, not zipfile)."""
    data = bytearray(workbook_bytes([FIGURES_HEADER, [2, "CAPT", 2022, 1, 3]]))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for offset in range(start + 5, start + 40):
        data[offset] ^= 0x5A
    return bytes(data)
