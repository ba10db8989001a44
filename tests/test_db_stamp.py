"""Reruns reuse results only while the database is unchanged: reads keep the stamp, writes not."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from lda_dash import storage
from lda_dash.domain.model import QuarterFigure
from lda_dash.domain.permissions import Actor
from lda_dash.services import dashboard_view
from lda_dash.services.context import Selection
from lda_dash.services.rerun_cache import RerunCache
from lda_dash.storage import database
from lda_dash.storage.stamp import database_stamp


def read(path, read_only: bool) -> None:
    with database.connect(path, read_only=read_only) as con:
        con.execute("SELECT count(*) FROM figure").fetchall()


@pytest.mark.parametrize("read_only", [True, False])
def test_reading_leaves_the_stamp_unchanged(demo_db_path, read_only):
    before = database_stamp(demo_db_path)
    read(demo_db_path, read_only)
    read(demo_db_path, read_only)
    assert database_stamp(demo_db_path) == before


WRITES = {  # each call changes the data (the n-th call writes n)
    "setting": lambda con, n: storage.set_setting(con, "watch_threshold", f"0.9{n}"),
    "insert": lambda con, n: con.execute("INSERT INTO setting VALUES (?, 'oui')", [f"essai{n}"]),
    "figure": lambda con, n: con.execute(
        "UPDATE figure SET version = version + 1 WHERE quarter = 1"
    ),
    "delete": lambda con, n: con.execute("DELETE FROM figure WHERE quarter = ?", [n]),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_every_committed_write_changes_the_stamp(demo_db_path, write):
    stamps = [database_stamp(demo_db_path)]
    for n in (1, 2):
        with database.connect(demo_db_path) as con:
            WRITES[write](con, n)
        stamps.append(database_stamp(demo_db_path))
    assert len(set(stamps)) == 3


def test_a_write_still_in_the_log_of_an_open_process_changes_the_stamp(demo_db_path):
    before = database_stamp(demo_db_path)
    con = duckdb.connect(str(demo_db_path))
    try:
        con.execute("INSERT INTO setting VALUES ('essai', 'oui')")
        assert database_stamp(demo_db_path) != before  # committed to the .wal, not checkpointed
    finally:
        con.close()


def test_a_missing_file_has_a_stamp_too(tmp_path):
    assert database_stamp(tmp_path / "absent.duckdb")[1] is None


def test_the_cache_keeps_the_most_recent_results():
    cache = RerunCache(size=2)
    computed = []
    for key in ("a", "b", "a", "c", "b"):
        cache.get(key, lambda key=key: computed.append(key) or key.upper())
    assert computed == ["a", "b", "c", "b"]  # "b" was the least recent when "c" came in
    assert len(cache) == 2


def test_the_dashboard_shows_a_figure_saved_after_it_was_cached(demo_db_path):
    wanted, as_of = Selection(year=2022), date(2023, 3, 1)
    first = dashboard_view.dashboard_view(demo_db_path, wanted, as_of)
    assert dashboard_view.dashboard_view(demo_db_path, wanted, as_of) is first
    row = next(r for r in first.data.report.rows if r.spec.code == "CAPT")
    with database.connect(demo_db_path) as con:
        cid = storage.conventions(con)[0]["id"]
        storage.save_figures(
            con, cid, [QuarterFigure(2, "CAPT", 2022, 4, 999, status="validated")],
            Actor("admin", "admin", trusted_import=True), "correction",
        )  # fmt: skip
    again = dashboard_view.dashboard_view(demo_db_path, wanted, as_of)
    assert again is not first
    changed = next(r for r in again.data.report.rows if r.spec.code == "CAPT")
    assert changed.value > row.value
