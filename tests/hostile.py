"""Helpers of the hostile-input suites: a checksum of every table, and the command line run as
an attacker would, in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lda_dash.storage import backup as sql
from lda_dash.storage import database
from tests.conftest import REPO_ROOT


def digest(path: Path) -> dict[str, tuple[int, str]]:
    """Rows and content checksum of every table, as backups compute them."""
    with database.connect(path, read_only=True) as con:
        return {table: sql.table_digest(con, table) for table in sql.table_names(con)}


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m lda_dash ARGS`, its own process, output as text."""
    return subprocess.run(
        [sys.executable, "-m", "lda_dash", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )
