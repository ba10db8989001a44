"""The Vue nationale at 1366, 1440 and 1920 px in Chromium: euro ticks written whole, words
beside every status, and a territory without figures said so rather than counted as 0 %."""

from __future__ import annotations

import re

import pytest
from conftest import (
    expect_no_exception,
    screenshot_on_failure,
    sign_in_as,
    streamlit_server,
    wait_until_idle,
)

from lda_dash import storage
from lda_dash.scale.database import generate_database
from lda_dash.scale.synthetic import SyntheticPlan
from lda_dash.storage import database

pytestmark = pytest.mark.browser
EURO_TICK = re.compile(r"^\d{1,3}( \d{3})* €$")


@pytest.fixture(scope="module")
def national_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("national-widths")
    path = folder / "national.duckdb"
    plan = SyntheticPlan(territories=4, years=(2025, 2026), reported_quarters=3, seed=5)
    generate_database(path, plan)
    with database.connect(path) as con:
        silent = storage.conventions(con)[0]
        con.execute("DELETE FROM figure WHERE convention_id = ?", [silent["id"]])
    with streamlit_server(folder, database=path) as url:
        yield url, silent["territory_name"]


@pytest.mark.parametrize("width", [1366, 1440, 1920])
def test_the_national_view_reads_whole_at_common_widths(browser, national_url, width):
    url, silent = national_url
    page = browser.new_page(viewport={"width": width, "height": 1000}, locale="fr-FR")
    try:
        with screenshot_on_failure(page, f"national_{width}"):
            sign_in_as(page, url, "Administration")
            wait_until_idle(page)
            page.get_by_role("link", name="Vue nationale").click()
            wait_until_idle(page, "Vue nationale")
            expect_no_exception(page)
            main = page.locator('[data-testid="stMain"]')
            ticks = main.locator(".xtick text, .ytick text").all_text_contents()  # SVG text
            euros = [t.replace("\u202f", " ").replace("\xa0", " ") for t in ticks if "€" in t]
            assert euros and all(EURO_TICK.match(t) for t in euros), euros
            text = main.inner_text()
            assert f"({silent})" in text and "pas encore de chiffres" in text
            assert "hors des moyennes" in text
            for words in ("en bonne voie", "à surveiller", "en retard"):
                assert words in text
    finally:
        page.close()
