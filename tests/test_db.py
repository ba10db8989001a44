"""Migrations (recorded, applied once, data kept) and the bounded wait for a held database."""

import subprocess
import sys
import time

import duckdb
import pytest

from lda_dash.storage import database


def test_migrations_are_numbered_and_in_order():
    files = database.migration_files()
    versions = [version for version, _, _ in files]
    assert versions == sorted(versions)
    assert versions[0] == 1
    assert len(set(versions)) == len(versions)


def test_migrations_are_recorded_and_applied_once(tmp_path):
    path = tmp_path / "m.duckdb"
    with database.connect(path) as con:
        first = database.migrate(con)
    with database.connect(path) as con:
        second = database.migrate(con)
        recorded = con.execute("SELECT version, name FROM schema_migrations").fetchall()
    assert first == [name for _, name, _ in database.migration_files()]
    assert second == []
    assert [v for v, _ in recorded] == [v for v, _, _ in database.migration_files()]


def test_migrating_again_keeps_the_data(tmp_path):
    path = tmp_path / "m.duckdb"
    with database.connect(path) as con:
        database.migrate(con)
        con.execute("INSERT INTO territory VALUES ('t', 'Territoire', NULL)")
    with database.connect(path) as con:
        database.migrate(con)
        assert con.execute("SELECT name FROM territory").fetchall() == [("Territoire",)]


def test_a_failed_unit_of_work_leaves_nothing(tmp_path):
    path = tmp_path / "m.duckdb"
    with database.connect(path) as con:
        database.migrate(con)
    with pytest.raises(RuntimeError), database.connect(path) as con:
        con.execute("INSERT INTO territory VALUES ('t', 'Territoire', NULL)")
        raise RuntimeError("boom")
    with database.connect(path) as con:
        assert con.execute("SELECT count(*) FROM territory").fetchone()[0] == 0


HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def _hold(path, seconds):
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_writer_waits_for_another_process_then_proceeds(tmp_path):
    path = tmp_path / "w.duckdb"
    duckdb.connect(str(path)).close()
    holder = _hold(path, 1.0)
    try:
        with database.connect(path, timeout=20) as con:
            assert con.execute("SELECT 42").fetchone()[0] == 42
    finally:
        holder.wait()


def test_a_writer_gives_up_with_a_french_message_after_the_timeout(tmp_path):
    path = tmp_path / "w.duckdb"
    duckdb.connect(str(path)).close()
    holder = _hold(path, 5.0)
    try:
        started = time.monotonic()
        with (
            pytest.raises(database.DatabaseBusy, match="occupée"),
            database.connect(path, timeout=0.5),
        ):
            pass
        assert time.monotonic() - started < 4
    finally:
        holder.kill()
        holder.wait()
