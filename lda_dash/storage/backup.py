"""SQL of backups: every table to Parquet and back, and an order-independent content checksum."""

from __future__ import annotations

from pathlib import Path

import duckdb

from lda_dash.storage import database
from lda_dash.storage.base import Connection

TABLES = """
SELECT table_name FROM information_schema.tables
WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name
"""
SEQUENCE_RESTART = "SELECT max(nextval('history_id')) FROM range(?)"


def _quoted(table: str) -> str:
    if not table.replace("_", "").isalnum():
        raise ValueError(f"nom de table inattendu : {table!r}")
    return f'"{table}"'


def _literal_path(path: Path) -> str:
    # COPY takes no parameter for its file name: quote it as a SQL string literal.
    return "'" + str(path).replace("'", "''") + "'"


def table_names(con: Connection) -> list[str]:
    return [row[0] for row in con.execute(TABLES).fetchall()]


def table_digest(con: Connection, table: str) -> tuple[int, str]:
    """Row count and a checksum of the content that does not depend on row order."""
    count, total = con.execute(
        f"SELECT count(*), coalesce(sum(hash(t)::HUGEINT), 0) FROM {_quoted(table)} t"
    ).fetchone()
    return count, format(total, "x")


def export_table(con: Connection, table: str, path: Path) -> None:
    con.execute(f"COPY {_quoted(table)} TO {_literal_path(path)} (FORMAT parquet)")


def replace_table(con: Connection, table: str, path: Path) -> None:
    """Empty the table, then fill it from the Parquet file, column by column name."""
    con.execute(f"DELETE FROM {_quoted(table)}")
    con.execute(
        f"INSERT INTO {_quoted(table)} BY NAME SELECT * FROM read_parquet({_literal_path(path)})"
    )


def advance_history_sequence(con: Connection) -> None:
    """After a restore, new history ids must continue after the restored ones."""
    highest = con.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0]
    if highest:
        con.execute(SEQUENCE_RESTART, [highest])


def has_data(con: Connection) -> bool:
    """True when the database holds anything a restore would overwrite (a file without the
    schema yet holds nothing)."""
    present = set(table_names(con))
    return any(
        con.execute(f"SELECT count(*) FROM {_quoted(table)}").fetchone()[0]
        for table in ("figure", "history", "account", "convention")
        if table in present
    )


def tables_of_migrations(versions: set[int]) -> set[str]:
    """The tables a database has once exactly these migrations are applied (built in memory),
    so that a restore knows every table a backup of that schema must hold."""
    con = duckdb.connect()
    try:
        for version, _, text in database.migration_files():
            if version in versions:
                con.execute(text)
        database.applied_migrations(con)  # creates schema_migrations, which backups hold too
        return set(table_names(con))
    finally:
        con.close()
