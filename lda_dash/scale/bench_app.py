"""The benchmark's page runs in process (AppTest): the dashboard, its bare floor, the national view.

Each page is run once to warm up (imports, caches: what a server has done before the person's
click), then rerun `repeat` times; the rerun is what a person waits for after each interaction.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test, local_script_runner

from lda_dash import config
from lda_dash.charts import progress as progress_charts
from lda_dash.domain.permissions import Actor
from lda_dash.scale.bench_pages import FLOOR
from lda_dash.services import dashboard_view, national_data, national_view
from lda_dash.services.context import Selection, load_dashboard
from lda_dash.tables.progress import indicator_table
from lda_dash.ui.widgets import DEMO_BANNER

APP = config.PROJECT_ROOT / "app.py"
FLOOR_PAGE = Path(__file__).resolve().parent / "bench_pages" / "floor.py"
NATIONAL_PAGE = "lda_dash/pages/national.py"
TIMEOUT = 600
RERUNS_PER_REPEAT = 3
DATA_CHANGED_RUNS = 3  # recomputing everything is slow at national scale: three runs suffice
# Setting session state before a run warns that no script runs yet: expected here, only noise.
# A filter, because Streamlit resets its loggers' levels when AppTest loads its configuration.
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
    lambda record: "missing ScriptRunContext" not in record.getMessage()
)


class PageFailed(RuntimeError):
    """A page raised while being measured: the numbers would mean nothing."""


@contextmanager
def serving(path: Path) -> Iterator[None]:
    """Serve like `streamlit run` does: the app reads LDA_DASH_DB on each rerun, so point it at
    the benchmark database; and compile each page once, not on every rerun.

    AppTest builds a new ScriptCache for every run, so each rerun reads, parses and compiles
    every script again (measured with py-spy: a quarter of a dashboard rerun, and more for the
    two files of a multipage app than for the one of the bare floor). A server keeps one cache
    for its lifetime: one shared cache here, for the pages and the floor alike.
    """
    before = os.environ.get("LDA_DASH_DB")
    os.environ["LDA_DASH_DB"] = str(path)
    shared = ScriptCache()
    try:
        with (
            patch.object(app_test, "ScriptCache", lambda: shared),
            patch.object(local_script_runner, "ScriptCache", lambda: shared),
        ):
            yield
    finally:
        if before is None:
            os.environ.pop("LDA_DASH_DB", None)
        else:
            os.environ["LDA_DASH_DB"] = before


def _run(at: AppTest) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - wall, time.process_time() - cpu
    if at.exception:
        raise PageFailed(str(at.exception[0].message))
    return elapsed


def _measure(at: AppTest, repeat: int, forget=None) -> dict:
    """Warm-up run, then reruns (three per `repeat`: a rerun takes tens of milliseconds, and
    more of them steady the median on a shared machine); with `forget`, also reruns after
    emptying the caches (what the first person to look after a change of the data waits for)."""
    first_wall, first_cpu = _run(at)
    runs = [_run(at) for _ in range(RERUNS_PER_REPEAT * repeat)]
    measured = {
        "first_run": first_wall,
        "first_run_cpu": first_cpu,
        "runs": [wall for wall, _ in runs],
        "cpu": [cpu for _, cpu in runs],
    }
    if forget is not None:
        changed = []
        for _ in range(min(repeat, DATA_CHANGED_RUNS)):
            forget()
            changed.append(_run(at))
        measured["data_changed"] = {
            "runs": [wall for wall, _ in changed],
            "cpu": [cpu for _, cpu in changed],
        }
    return measured


def _signed_in(role: str, page: Path = APP) -> AppTest:
    at = AppTest.from_file(str(page), default_timeout=TIMEOUT)
    at.session_state["actor"] = Actor(f"demo-{role}", role)
    return at


def dashboard(path: Path, convention_id: str, year: int, repeat: int) -> dict:
    """The dashboard of one territory and year, as the coordination sees it."""
    with serving(path):
        at = _signed_in("coordination")
        at.session_state["convention_id"] = convention_id
        at.session_state["year"] = year
        return _measure(at, repeat, forget=dashboard_view.VIEWS.clear)


def floor(path: Path, convention_id: str, year: int, repeat: int) -> dict:
    """A bare page drawing the dashboard's elements (same chart, table, metrics, links)."""
    data = load_dashboard(path, Selection(convention_id, year))
    titles = {a["number"]: a["title"] for a in data.actions}
    with serving(path):
        reference = _signed_in("coordination")
        reference.session_state["convention_id"] = convention_id
        reference.session_state["year"] = year
        _run(reference)
    FLOOR.title = reference.title[0].value
    FLOOR.captions = tuple(c.value for c in reference.caption[:2])
    FLOOR.demo_banner = DEMO_BANNER if data.context.demo else None
    FLOOR.metrics = [(m.label, m.value) for m in reference.metric]
    FLOOR.summary = next((m.value for m in reference.markdown if "Indicateurs" in m.value), "")
    FLOOR.figure = progress_charts.attainment_chart(data.report, titles)
    FLOOR.links = [(f"n° {n}", f"?action={n}") for n in titles]
    FLOOR.table = indicator_table(data.report, titles, data.unvalidated).set_index("N°")
    guide = next(e for e in reference.expander if e.label == "Comment lire ces chiffres")
    FLOOR.guide = guide.markdown[0].value
    FLOOR.selectors = [
        ("Convention", [c["id"] for c in data.context.conventions]),
        ("Année", data.context.years),
    ]
    with serving(path):
        return _measure(AppTest.from_file(str(FLOOR_PAGE), default_timeout=TIMEOUT), repeat)


def national(path: Path, repeat: int) -> dict:
    """The national view as the admin sees it; its first run computes what later reruns reuse."""
    with serving(path):
        at = _signed_in("admin")
        _run(at)
        at.switch_page(NATIONAL_PAGE)
        return _measure(at, repeat, forget=_forget_national)


def _forget_national() -> None:
    national_view.VIEWS.clear()
    national_data.PARTS.clear()
