"""The connection to DuckDB: open per unit of work with a bounded wait, and migrations.

DuckDB lets one process hold a file at a time. The app and the command line therefore never keep
it open between units of work: each opens, works in one transaction, and closes, and a process that
finds the file held by another waits (bounded retry) instead of failing at once.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from importlib import resources
from pathlib import Path

import duckdb

from lda_dash import config

_LOCK_MESSAGE = re.compile(r"lock", re.IGNORECASE)
MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class DatabaseFault(RuntimeError):
    """The database could not do what was asked (corrupt, read-only or full file, bad query):
    the message is the engine's first line; callers above storage never see DuckDB's own types."""


class DatabaseBusy(DatabaseFault):
    """Another process held the database for longer than the wait allows."""


class SchemaMissing(DatabaseFault):
    """The file holds no LDA Dash schema yet (`init` creates it)."""


def _open(path: Path, read_only: bool, timeout: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + timeout
    delay = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if not _LOCK_MESSAGE.search(str(exc)) or time.monotonic() >= deadline:
                if _LOCK_MESSAGE.search(str(exc)):
                    raise DatabaseBusy(
                        f"La base de données {path.name} est occupée par un autre traitement "
                        f"depuis plus de {timeout:g} s ; réessayez dans un instant."
                    ) from exc
                raise DatabaseFault(_first_line(exc)) from exc
            time.sleep(min(delay, max(0.0, deadline - time.monotonic())) * random.uniform(0.5, 1.0))
            delay = min(delay * 2, 0.5)
        except duckdb.Error as exc:
            raise DatabaseFault(_first_line(exc)) from exc


@contextmanager
def connect(
    path: Path | str | None = None, *, read_only: bool = False, timeout: float | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """One unit of work: open (waiting if another process holds the file), yield, close.

    Work inside runs in a single transaction, committed on success and rolled back on error, so
    a failure or a killed process leaves it entirely applied or entirely absent.
    """
    target = config.db_path(path)
    if not read_only:
        target.parent.mkdir(parents=True, exist_ok=True)
    wait = config.lock_timeout_seconds() if timeout is None else timeout
    con = _open(target, read_only, wait)
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            yield con
        except BaseException as exc:
            con.execute("ROLLBACK")
            if isinstance(exc, duckdb.CatalogException):
                raise SchemaMissing(_first_line(exc)) from exc
            if isinstance(exc, duckdb.Error):
                raise DatabaseFault(_first_line(exc)) from exc
            raise
        try:
            con.execute("COMMIT")
        except duckdb.Error as exc:
            raise DatabaseFault(_first_line(exc)) from exc
    finally:
        con.close()


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def migration_files() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of every numbered migration, in order."""
    folder = resources.files("lda_dash.storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def applied_migrations(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Versions already applied to this database, from its schema_migrations table."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    rows = con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    return [row[0] for row in rows]


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply each migration not yet recorded, once, and record it; return the names applied."""
    done = set(applied_migrations(con))
    applied = []
    for version, name, sql in migration_files():
        if version in done:
            continue
        con.execute(sql)
        con.execute(
            "INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, datetime.now()]
        )
        applied.append(name)
    return applied
