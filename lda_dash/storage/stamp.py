"""A cheap fingerprint of the database file: what changes whenever committed data changes.

Creating a DuckDB instance costs about 30 ms of CPU, more than Streamlit needs to draw a whole
page, so a rerun that finds the data unchanged should not open the file at all. Every committed
write either appends to the write-ahead log (`.wal`) or is checkpointed into the file, which
rewrites one of the two database headers at its start (their checkpoint counter increments).
Reading those headers and stating both files therefore tells unchanged data from changed data
without DuckDB; reads leave all of it untouched (checked by tests/test_db_stamp.py).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

HEADERS_BYTES = 3 * 4096  # DuckDB's main header and its two database headers


def _stat(path: Path) -> tuple | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns)


def database_stamp(path: Path | str) -> tuple:
    """(file stat, hash of its headers, write-ahead log stat); equal stamps, equal data."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            headers = hashlib.blake2b(file.read(HEADERS_BYTES), digest_size=16).hexdigest()
    except FileNotFoundError:
        return (str(path), None, None, None)
    wal = path.with_name(path.name + ".wal")
    return (os.fspath(path), _stat(path), headers, _stat(wal))
