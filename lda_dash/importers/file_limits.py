"""The bounds every uploaded or imported file is read within (figures files and annexes).

Why: a partner's file is read on the server, with the server's memory and time. A 5 KB XLSX can
declare a sheet of 16 384 columns × 1 048 576 lines, or hold a sheet XML that inflates to
gigabytes; a CSV of 60 MB decodes to several times its size. The compressed size says nothing of
the work a file asks for, so each kind of work has its own bound, checked before or while it is
done, and a file past any of them is refused with one French line; nothing is truncated silently.

The bounds are far above what the product's files need: the Dijon annex has 17 lines and 14
columns, a quarter's figures for a territory a few hundred lines and 8 columns, and the benchmark
imports 10 000 lines.
"""

from __future__ import annotations

import time
from pathlib import Path

# Bytes of the file as sent (the upload, or the file given to the command line).
MAX_FILE_BYTES = 5 * 1024 * 1024
# Bytes of all the parts of an XLSX (a zip archive) once inflated, declared and actually read.
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
# Inflated / compressed size of one part, checked on parts above RATIO_FLOOR_BYTES: real sheets
# compress 5 to 20 times, a bomb thousands of times.
MAX_COMPRESSION_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024
# Parts in the XLSX archive: a workbook with one sheet has about ten.
MAX_ARCHIVE_ENTRIES = 1000
# Lines and columns holding something, and cells read; empty trailing lines and columns do not
# count, whatever the sheet's `dimension` declares.
MAX_ROWS = 100_000
MAX_COLUMNS = 100
MAX_CELLS = 1_000_000
# Characters of one cell: Excel's own limit.
MAX_CELL_CHARS = 32_767
# Seconds spent reading one file's cells.
MAX_READ_SECONDS = 20.0


class FileRefused(ValueError):
    """A file past one of the bounds, or unreadable as text; the message is one French line."""


def french_number(number: int) -> str:
    """16384 -> "16 384" (with a no-break space, as French writes thousands)."""
    return f"{number:,}".replace(",", "\u00a0")


def size_text(size: int) -> str:
    """A byte count in Mo, or ko below one Mo, written the French way ("5,0 Mo")."""
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} ko".replace(".", ",")
    return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")


def too_large(size: int, limit: int = MAX_FILE_BYTES) -> FileRefused:
    return FileRefused(
        f"fichier trop volumineux ({size_text(size)}) : la taille maximale est de "
        f"{size_text(limit)} ; découpez-le en plusieurs fichiers"
    )


def read_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a file given on the command line, never reading more than `limit` + 1."""
    with path.open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise too_large(path.stat().st_size, limit)
    return data


class Deadline:
    """The time left to read one file; `check` refuses the file once MAX_READ_SECONDS are spent."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = MAX_READ_SECONDS if seconds is None else seconds
        self.ends = time.monotonic() + self.seconds

    def check(self, line: int) -> None:
        if time.monotonic() > self.ends:
            raise FileRefused(
                f"lecture du fichier arrêtée à la ligne {french_number(line)} : elle dépasse "
                f"{self.seconds:.0f} secondes ; découpez-le en plusieurs fichiers"
            )
