"""Database faults in the app: one French message instead of a traceback, the traceback logged."""

from __future__ import annotations

import errno
import logging
import os
import subprocess
import sys

import pytest
from conftest import APP
from streamlit.testing.v1 import AppTest

from lda_dash.services import faults as db_faults
from lda_dash.storage import database
from lda_dash.storage.database import DatabaseFault, SchemaMissing

HOLD = (
    "import duckdb, sys, time\n"
    "con = duckdb.connect(sys.argv[1])\n"
    "print('held', flush=True)\n"
    "time.sleep(60)\n"
)


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (database.DatabaseBusy("held by pid 42"), "busy"),
        (DatabaseFault('Could not set lock on file "x.duckdb": Conflicting lock'), "busy"),
        (DatabaseFault('Cannot open file "x.duckdb": Permission denied'), "read_only"),
        (DatabaseFault("Cannot open database in read-only mode"), "read_only"),
        (OSError(errno.EROFS, "Read-only file system"), "read_only"),
        (PermissionError(errno.EACCES, "Permission denied"), "read_only"),
        (OSError(errno.ENOSPC, "No space left on device"), "disk_full"),
        (DatabaseFault("Could not write file: No space left on device"), "disk_full"),
        (DatabaseFault("The file exists, but it is not a valid DuckDB database file!"),
         "damaged"),
        (DatabaseFault("Corrupt database file: computed checksum 1 does not match"), "damaged"),
        (SchemaMissing("Table with name figure does not exist!"), "damaged"),
        (DatabaseFault("something else"), "other"),
    ],
)  # fmt: skip
def test_each_fault_is_told_in_french_with_what_to_do(exc, kind):
    assert db_faults.is_database_fault(exc)
    fault = db_faults.describe(exc)
    assert fault.kind == kind
    assert "administrateur" in fault.message or "Rechargez" in fault.message
    assert str(exc) not in fault.message  # the technical detail goes to the log only


def test_an_unrelated_os_error_is_not_taken_for_a_database_fault():
    assert not db_faults.is_database_fault(FileNotFoundError(errno.ENOENT, "absent"))


def shown(at: AppTest) -> str:
    return " ".join([*(e.value for e in at.error), *(m.value for m in at.markdown)])


def test_a_corrupt_database_file_shows_a_french_page_and_logs_the_traceback(
    tmp_path, monkeypatch, caplog
):
    path = tmp_path / "lda.duckdb"
    path.write_bytes(os.urandom(64 * 1024))
    monkeypatch.setenv("LDA_DASH_DB", str(path))
    with caplog.at_level(logging.ERROR, logger="lda_dash.app"):
        at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert "endommagé" in shown(at) and "restore" in shown(at)
    assert "Traceback" not in shown(at) and str(path) not in shown(at)
    [record] = [r for r in caplog.records if r.name == "lda_dash.app"]
    assert record.exc_info and "damaged" in record.getMessage()


def test_a_database_busy_at_sign_in_shows_a_french_page(demo_app_db, monkeypatch):
    at = AppTest.from_file(str(APP), default_timeout=60).run()  # the login page, schema ready
    assert not at.exception
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(demo_app_db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("LDA_DASH_LOCK_TIMEOUT", "0.2")
        demo = next(b for b in at.button if b.label.startswith("Coordination ·"))
        demo.click().run()
    finally:
        holder.kill()
        holder.wait()
    assert not at.exception
    assert "occupée" in shown(at)
    assert "Traceback" not in shown(at)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through file permissions")
def test_a_read_only_database_file_shows_a_french_page(demo_app_db):
    demo_app_db.chmod(0o444)
    demo_app_db.parent.chmod(0o555)
    try:
        at = AppTest.from_file(str(APP), default_timeout=60).run()
    finally:
        demo_app_db.parent.chmod(0o755)
        demo_app_db.chmod(0o644)
    assert not at.exception
    assert "lecture seule" in shown(at)
