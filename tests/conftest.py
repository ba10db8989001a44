"""Shared fixtures: real DuckDB files in a temporary folder, never mocks.

Building a database takes a second or two, copying a closed DuckDB file does not: each kind is
built once per run and every test gets its own copy.
"""

import io
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from lda_dash.services.setup import init_database
from tests.reading import load_report_data

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"
YEARS_OVER = date(2023, 6, 30)  # both demonstration years are over


@pytest.fixture(scope="session")
def empty_db_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "lda.duckdb"
    init_database(path)
    return path


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo-template") / "demo.duckdb"
    init_database(path, demo=True)
    return path


def _own_copy(template: Path, tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / template.name
    shutil.copy(template, path)
    monkeypatch.setenv("LDA_DASH_DB", str(path))
    monkeypatch.setenv("LDA_DASH_LOCK_TIMEOUT", "30")
    return path


@pytest.fixture
def db_path(empty_db_template, tmp_path, monkeypatch) -> Path:
    """A database of this test's own with the Dijon convention loaded and no figures."""
    return _own_copy(empty_db_template, tmp_path, monkeypatch)


@pytest.fixture
def demo_db_path(demo_db_template, tmp_path, monkeypatch) -> Path:
    """A database of this test's own with the demonstration figures and accounts."""
    return _own_copy(demo_db_template, tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def demo_db(demo_db_template, tmp_path_factory) -> Path:
    """A demonstration database shared by the tests of one module, which only read it."""
    path = tmp_path_factory.mktemp("demo") / demo_db_template.name
    shutil.copy(demo_db_template, path)
    return path


@pytest.fixture(scope="module")
def report_2021(demo_db):
    """What the 2021 execution report shows once both demonstration years are over."""
    return load_report_data(demo_db, 2021, as_of=YEARS_OVER)


def workbook_bytes(rows) -> bytes:
    """An XLSX file whose first sheet holds `rows`, one list of cell values a line."""
    workbook = Workbook()
    sheet = workbook.active
    for cells in rows:
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cli_process(*args: str, db_path: Path) -> subprocess.Popen:
    """`python -m lda_dash ARGS --db DB_PATH` started in a process of its own, output as text."""
    return subprocess.Popen(
        [sys.executable, "-m", "lda_dash", *args, "--db", str(db_path)],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def pytest_pycollect_makemodule(module_path, parent):
    """`from conftest import …` in a test module means its own folder's conftest.py.

    pytest keeps a single `conftest` in sys.modules, the last one loaded: with
    `pytest tests/pages tests/browser` both are loaded before any test module is imported, and
    the page tests would otherwise get the browser's helpers.
    """
    own = str(module_path.parent / "conftest.py")
    for plugin in parent.config.pluginmanager.get_plugins():
        if getattr(plugin, "__name__", None) == "conftest" and plugin.__file__ == own:
            sys.modules["conftest"] = plugin
