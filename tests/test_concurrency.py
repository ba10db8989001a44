"""The command line writes while another process (the app) keeps reading the same database."""

import json
import subprocess
import sys
import time

from tests.conftest import REPO_ROOT, cli_process
from tests.test_cli import FRENCH_EXCEL_CSV

# What the app does on every rerun: open, read the whole progress, close.
APP_LIKE_READER = """
import sys, time
from datetime import date
from lda_dash.storage import database
from lda_dash.services.progress import load_progress
stop = time.monotonic() + float(sys.argv[2])
reads = 0
while time.monotonic() < stop:
    with database.connect(sys.argv[1]) as con:
        load_progress(con, "dijon-2021-2022", 2021, date(2021, 8, 15))
    reads += 1
    time.sleep(0.005)
print(reads)
"""


def test_an_import_succeeds_while_the_app_reads_continuously(db_path, tmp_path):
    figures = tmp_path / "chiffres.csv"
    figures.write_bytes(FRENCH_EXCEL_CSV)
    reader = subprocess.Popen(
        [sys.executable, "-c", APP_LIKE_READER, str(db_path), "6"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)  # the reader is up and looping
    importer = cli_process("import-figures", str(figures), db_path=db_path)
    _, err = importer.communicate(timeout=60)
    reads, reader_err = reader.communicate(timeout=60)
    assert importer.returncode == 0, err
    assert reader.returncode == 0, reader_err
    assert int(reads) > 10
    check = cli_process("progress", "--year", "2021", "--format", "json", db_path=db_path)
    rows = {(r["action"], r["indicator"]): r for r in json.loads(check.communicate()[0])}
    assert rows[(2, "CAPT")]["value"] == 22
