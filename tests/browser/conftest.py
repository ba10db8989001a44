"""Browser journeys: `streamlit run` on a demo database, Debian's Chromium driven by Playwright.

Chromium comes from Debian (`/usr/bin/chromium`, installed by .ci/run); never `playwright install`.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from lda_dash.services.setup import init_database

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
EXCEPTION = '[data-testid="stException"]'

try:
    from playwright import sync_api
except ImportError:  # pragma: no cover - requirements-dev.txt installs it
    sync_api = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answering(url: str, server: subprocess.Popen, log: Path, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit stopped (code {server.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not answer within {timeout:g} s:\n{log.read_text()}")


@contextmanager
def streamlit_server(
    folder: Path,
    *,
    database: Path | None = None,
    port: int | None = None,
    options: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """`streamlit run app.py` on loopback; yields its address once it answers.

    Over `database`, else over a demo database of its own created in `folder`; `options` are
    more `streamlit run` options (e.g. `--secrets.files`), `env` more environment variables.
    """
    if database is None:
        database = folder / "demo.duckdb"
        init_database(database, demo=True)
    port = port or free_port()
    log = folder / f"streamlit-{port}.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(REPO / "app.py"),
                "--server.headless", "true", "--server.port", str(port),
                "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
                *options,
            ],
            cwd=REPO,
            env={**os.environ, "LDA_DASH_DB": str(database), **(env or {})},
            stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def app_folder(tmp_path_factory) -> Path:
    """The shared server's folder: its database is `demo.duckdb`, for journeys that check it."""
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="session")
def app_url(app_folder):
    """The app over a demo database shared by the journeys."""
    with streamlit_server(app_folder) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: browser journeys need Debian's chromium")
    if sync_api is None:
        pytest.skip("Playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@contextmanager
def screenshot_on_failure(page, name: str):
    """Keep what the browser showed when a step failed, for the person who reads the CI log."""
    try:
        yield
    except BaseException:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        raise


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


def payment(page):
    """The value of the "Versement <year>" metric."""
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Versement")
    return metric.locator('[data-testid="stMetricValue"]')


def euros(amount: str) -> re.Pattern:
    """`163 099 €` whatever space French formatting puts between the digits."""
    return re.compile(r"^\s*" + r"\s".join(map(re.escape, amount.split(" "))) + r"\s*$")


def choose_year(page, year: int) -> None:
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Année").click()
    page.get_by_role("option", name=str(year), exact=True).click()


def expect_no_exception(page) -> None:
    assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).first.inner_text()


IDLE = """(heading) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.dataset.testScriptState !== 'notRunning') return false;
    // Stale: from the previous run; skeleton: a component whose code is still loading.
    if (document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')) return false;
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    if (!charts.every(chart => chart.querySelector('.main-svg'))) return false;
    if (heading === null) return true;
    const pattern = new RegExp(heading);
    const main = document.querySelector('[data-testid="stMain"]');
    return !!main && [...main.querySelectorAll('h1, strong')]
        .some(element => pattern.test(element.textContent.trim()));
}"""


def wait_until_idle(page, heading: str | None = None, timeout: float = 60_000) -> None:
    """Wait until the app's script has ended its run and every element is drawn (the code of
    some is loaded on first use, plotly draws its charts last). With `heading`, a regular
    expression, also until the main area shows a title (or bold text) it matches: right after
    a click the run may not have started yet, and the title tells the new page from the last.
    Checked at each frame, without the growing intervals of `expect`'s retries."""
    page.wait_for_function(IDLE, arg=heading, timeout=timeout, polling="raf")


def sign_in_as(page, app_url: str, profile: str) -> None:
    """Open the app and take the demo profile whose button starts with `profile`."""
    page.goto(app_url)
    button = page.get_by_role("button", name=re.compile("^" + re.escape(profile)))
    button.wait_for(timeout=60_000)
    button.click()
