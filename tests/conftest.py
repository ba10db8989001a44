"""Shared fixtures: real DuckDB files in a temporary folder, never mocks."""

from pathlib import Path

import pytest

from lda_dash.setup_db import init_database

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = REPO_ROOT.parent / "shared"


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> Path:
    """A fresh database with the Dijon convention loaded and no figures."""
    path = tmp_path / "lda.duckdb"
    init_database(path)
    monkeypatch.setenv("LDA_DASH_DB", str(path))
    monkeypatch.setenv("LDA_DASH_LOCK_TIMEOUT", "30")
    return path


@pytest.fixture
def demo_db_path(tmp_path, monkeypatch) -> Path:
    """A fresh database with the demonstration figures."""
    path = tmp_path / "demo.duckdb"
    init_database(path, demo=True)
    monkeypatch.setenv("LDA_DASH_DB", str(path))
    return path
