"""Fixtures of the page tests: a demo database of each test's own, and the app run by AppTest."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lda_dash.setup_db import init_database

APP = Path(__file__).resolve().parents[2] / "app.py"
ACTION_PAGE = "lda_dash/pages/action.py"


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory) -> Path:
    """Built once: init with demo figures takes seconds, copying the file does not."""
    path = tmp_path_factory.mktemp("demo-template") / "demo.duckdb"
    init_database(path, demo=True)
    return path


@pytest.fixture
def demo_app_db(demo_db_template, tmp_path, monkeypatch) -> Path:
    """A demo database in this test's tmp_path, named by LDA_DASH_DB as the app reads it."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_template, path)
    monkeypatch.setenv("LDA_DASH_DB", str(path))
    return path


@pytest.fixture(autouse=True)
def fresh_streamlit_caches():
    """No test sees what another cached."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app(demo_app_db) -> AppTest:
    """The app on its default page (the dashboard), run once without error."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def plain(text: str) -> str:
    """French formatting uses narrow and non-breaking spaces: compare with plain ones."""
    return text.replace("\u202f", " ").replace("\xa0", " ")
