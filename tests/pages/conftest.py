"""Fixtures of the page tests: a demo database of each test's own, and the app run by AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from lda_dash.domain.permissions import Actor
from lda_dash.ui.chart_table import DATA_LABEL

APP = Path(__file__).resolve().parents[2] / "app.py"
ACTION_PAGE = "lda_dash/pages/action.py"


@pytest.fixture
def demo_app_db(demo_db_path) -> Path:
    """A demo database of this test's own, named by LDA_DASH_DB as the app reads it."""
    return demo_db_path


@pytest.fixture(autouse=True)
def fresh_streamlit_caches():
    """No test sees what another cached."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


DEMO_PARTNER_ORGANISATION = "association-habitat-solidaire-demo"


def signed_in(role: str = "coordination", organisation: str | None = None) -> AppTest:
    """The app as the demo account of `role` would see it (sign-in itself is tested apart).

    The session is checked against the stored account at every rerun, so a partner is the demo
    partner of its own organisation unless another is named."""
    if role == "partenaire" and organisation is None:
        organisation = DEMO_PARTNER_ORGANISATION
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["actor"] = Actor(f"demo-{role}", role, organisation)
    return at


def open_page(role: str, page: str, year: int | None = None) -> AppTest:
    """`page` as a person of `role` opens it (for `year` when given), run without error."""
    at = signed_in(role).run()  # the first run registers the pages and their addresses
    if year is not None:
        at.selectbox(key="_w_year").set_value(year).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def app(demo_app_db) -> AppTest:
    """The app on its default page (the dashboard), run once without error."""
    at = signed_in()
    at.run()
    assert not at.exception, at.exception
    return at


def plain(text: str) -> str:
    """French formatting uses narrow and non-breaking spaces: compare with plain ones."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def chart_tables(at: AppTest) -> list:
    """The charts' data tables, shown under each chart by its « Données du graphique » switch."""
    return [t for t in at.table if t.proto.alt.startswith(DATA_LABEL)]


def open_chart_tables(at: AppTest) -> AppTest:
    """Turn every « Données du graphique » switch on, as a click would, then rerun."""
    for switch in at.toggle:
        if switch.label == DATA_LABEL:
            switch.set_value(True)
    at.run()
    assert not at.exception, at.exception
    return at


def page_tables(at: AppTest) -> list:
    """The page's own tables, the charts' data tables left out."""
    charted = {id(t) for t in chart_tables(at)}
    return [t for t in at.table if id(t) not in charted]


def demo_today(path, day) -> None:
    """Move a demo database's « today » (its demonstration date), e.g. past the end of 2022."""
    from lda_dash import storage
    from lda_dash.services.calendar import DEMO_DATE_SETTING
    from lda_dash.storage import database

    with database.connect(path) as con:
        storage.set_setting(con, DEMO_DATE_SETTING, day.isoformat())
