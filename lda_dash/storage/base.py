"""What every repository module shares: the connection type, rows as dicts, the history."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

Connection = duckdb.DuckDBPyConnection


INSERT_HISTORY = """
INSERT INTO history (changed_at, author, entity, convention_id, item, old_value, new_value, reason)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""
HISTORY = "SELECT * FROM history WHERE convention_id = ? OR convention_id IS NULL ORDER BY id DESC"
GET_SETTING = "SELECT value FROM setting WHERE key = ?"
SET_SETTING = """
INSERT INTO setting (key, value) VALUES (?, ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value
"""


def append_history(
    con: Connection,
    author: str,
    entity: str,
    convention_id: str | None,
    item: str,
    old_value: str | None,
    new_value: str | None,
    reason: str | None,
    *,
    now: datetime | None = None,
) -> None:
    con.execute(
        INSERT_HISTORY,
        [now or datetime.now(), author, entity, convention_id, item, old_value, new_value, reason],
    )


def history(con: Connection, convention_id: str) -> pd.DataFrame:
    return con.execute(HISTORY, [convention_id]).df()


def setting(con: Connection, key: str, default: str | None = None) -> str | None:
    row = con.execute(GET_SETTING, [key]).fetchone()
    return default if row is None else row[0]


def set_setting(con: Connection, key: str, value: str) -> None:
    con.execute(SET_SETTING, [key, value])


TABLE_EXISTS = """
SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?
"""


def has_table(con: Connection, table: str) -> bool:
    """False on a database not migrated since `table` was added (read-only commands never
    migrate): what reads it then behaves as if it were empty."""
    return con.execute(TABLE_EXISTS, [table]).fetchone()[0] > 0


def _dicts(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
