"""`bench`: how fast the app is as people feel it, on a synthetic database built for the run.

Medians over `repeat` runs in one process, wall clock and CPU time of this process (the machine
may be shared: CPU time is the steadier figure). Several territory counts run one process each,
so that each peak memory is that of the app serving that many territories.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from lda_dash import storage
from lda_dash.exports import FORMATS, render
from lda_dash.scale.bench_import import add_import_convention, clear_import, write_figures_file
from lda_dash.scale.bench_summary import compare
from lda_dash.scale.synthetic import default_plan
from lda_dash.services.figures_import import import_figures_file
from lda_dash.services.national_text import all_territories
from lda_dash.services.progress import load_progress, progress_records
from lda_dash.services.report_data import read_report_data
from lda_dash.storage import database

PROJECT = Path(__file__).resolve().parents[2]


def _command(*args) -> list[str]:
    """`python -m lda_dash ARGS` with this interpreter."""
    return [sys.executable, "-m", "lda_dash", *map(str, args)]


def _stats(walls: list[float], cpus: list[float] | None = None, **extra) -> dict:
    out = {"median": statistics.median(walls), "runs": walls, **extra}
    if cpus:
        out["cpu_median"] = statistics.median(cpus)
    return out


def _cpu_seconds() -> float:
    """CPU time of this process and of its children that ended (the forked shares of
    `progress`), so that sharing the work between cores does not hide any of it."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _timed(action, repeat: int, prepare=None) -> dict:
    walls, cpus = [], []
    for _ in range(repeat):
        if prepare:
            prepare()
        cpu, wall = _cpu_seconds(), time.perf_counter()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu_seconds() - cpu)
    return _stats(walls, cpus)


def _build(folder: Path, territories: int, years: int, seed: int) -> tuple[Path, dict]:
    """Generate in a child process: its memory is not the app's."""
    path = folder / "bench.duckdb"
    started = time.perf_counter()
    subprocess.run(
        _command(
            "generate", "--territories", territories, "--years", years, "--seed", seed, "--db", path
        ),
        check=True,
        capture_output=True,
        cwd=PROJECT,
    )
    with database.connect(path, read_only=True) as con:
        rows = storage.synthetic_row_counts(con)
    return path, {"seconds": time.perf_counter() - started, "rows": rows}


def _progress_one(path: Path, cid: str, year: int, as_of: date) -> None:
    with database.connect(path, read_only=True) as con:
        json.dumps(progress_records(load_progress(con, cid, year, as_of)))


def _progress_all(path: Path, year: int, as_of: date, one_core: bool = False) -> None:
    """`progress --all-territories --format json` without starting Python; on every core, or
    on one (LDA_DASH_CORES=1) to tell what the rules cost apart from the sharing."""
    with _cores_capped(1 if one_core else None):
        all_territories(path, year, as_of, "json")


@contextlib.contextmanager
def _cores_capped(cap: int | None):
    before = os.environ.get("LDA_DASH_CORES")
    if cap is not None:
        os.environ["LDA_DASH_CORES"] = str(cap)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("LDA_DASH_CORES", None)
        else:
            os.environ["LDA_DASH_CORES"] = before


def _import(path: Path, figures_file: Path, convention_id: str) -> None:
    if import_figures_file(path, convention_id, figures_file, "admin").errors:
        raise RuntimeError("l'import de référence a été refusé")


def _export(path: Path, cid: str, year: int, as_of: date, name: str) -> None:
    with database.connect(path, read_only=True) as con:
        data = read_report_data(con, cid, year, as_of)
    render(name, data)


def _cli_progress_all(path: Path, year: int) -> float:
    """The command as a script runs it: interpreter start and imports included."""
    started = time.perf_counter()
    subprocess.run(
        _command("progress", "--year", year, "--all-territories", "--format", "json", "--db", path),
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=PROJECT,
    )
    return time.perf_counter() - started


def run_benchmarks(
    territories: int,
    years: int,
    *,
    repeat: int = 5,
    seed: int = 1,
    import_rows: int = 10_000,
    exports: tuple[str, ...] = ("pdf", "pptx"),
) -> dict:
    """Build a database of `territories` × `years` and measure every case of issue 7."""
    from lda_dash.scale import bench_app

    plan = default_plan(territories, years, seed)
    as_of = date.today()
    year, closed = plan.years[-1], plan.years[-2] if len(plan.years) > 1 else plan.years[-1]
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="lda-bench-") as folder:
        path, built = _build(Path(folder), territories, years, seed)
        with database.connect(path, read_only=True) as con:
            cid = storage.conventions(con)[0]["id"]
        wide = add_import_convention(path, plan.years[0])
        figures_file = write_figures_file(Path(folder) / "chiffres.csv", plan.years[0], import_rows)
        timings = {
            **_pages("dashboard_rerun", bench_app.dashboard(path, cid, year, repeat)),
            **_pages("floor_rerun", bench_app.floor(path, cid, year, repeat)),
            **_pages("national_rerun", bench_app.national(path, repeat)),
            "progress_one_territory": _timed(lambda: _progress_one(path, cid, year, as_of), repeat),
            "progress_all_territories": _timed(lambda: _progress_all(path, year, as_of), repeat),
            "progress_all_territories_one_core": _timed(
                lambda: _progress_all(path, year, as_of, one_core=True), repeat
            ),
            "import_figures_file": _timed(
                lambda: _import(path, figures_file, wide), repeat, lambda: clear_import(path)
            ),
        }
        for name in exports:
            if name in FORMATS:
                timings[f"export_{name}"] = _timed(
                    lambda name=name: _export(path, cid, closed, as_of, name), repeat
                )
        progress_all_cli = _cli_progress_all(path, year)
    report = _report(plan, repeat, built, timings, progress_all_cli, import_rows, load_before)
    report["exports_missing"] = [name for name in exports if name not in FORMATS]
    return report


def _pages(name: str, measured: dict) -> dict:
    """A page's reruns, and its reruns after a change of the data when they were measured."""
    out = {
        name: _stats(
            measured["runs"],
            measured["cpu"],
            first_run=measured["first_run"],
            first_run_cpu=measured["first_run_cpu"],
        )
    }
    if "data_changed" in measured:
        changed = measured["data_changed"]
        out[f"{name}_data_changed"] = _stats(changed["runs"], changed["cpu"])
    return out


def _report(plan, repeat, built, timings, progress_all_cli, import_rows, load_before) -> dict:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    dashboard, floor = timings["dashboard_rerun"]["median"], timings["floor_rerun"]["median"]
    ratios = {
        "dashboard_over_floor": dashboard / floor,
        "dashboard_data_changed_over_floor": timings["dashboard_rerun_data_changed"]["median"]
        / floor,
    }
    if "cpu_median" in timings["floor_rerun"]:
        ratios["dashboard_over_floor_cpu"] = (
            timings["dashboard_rerun"]["cpu_median"] / timings["floor_rerun"]["cpu_median"]
        )
    return {
        "parameters": {
            "territories": plan.territories,
            "years": plan.years[-1] - plan.years[0] + 1,
            "first_year": plan.years[0],
            "last_year": plan.years[-1],
            "seed": plan.seed,
            "repeat": repeat,
            "import_rows": import_rows,
        },
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_before": list(load_before),
            "load_average_after": list(os.getloadavg()),
        },
        "database": built,
        "timings": timings,
        "progress_all_territories_cli_seconds": progress_all_cli,
        "memory": {
            "peak_rss_mb": own,
            "children_peak_rss_mb": children,
            "measured": "ru_maxrss of the bench process, which served every AppTest run, "
            "progress, import and export in process; children: the "
            "generator and the command-line run (and Chromium, if a PDF "
            "chart was drawn through kaleido)",
        },
        "ratios": ratios,
    }


class BenchFailed(RuntimeError):
    """A measuring child process failed; the message is the end of what it said."""


def run_many(territory_counts: list[int], years: int, repeat: int, seed: int) -> dict:
    """One child process per territory count, then the comparison."""
    runs = {}
    for count in territory_counts:
        command = _command("bench", "--territories", count, "--years", years, "--repeat", repeat,
                           "--seed", seed, "--format", "json")  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT)
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["sans message"])[-1]
            raise BenchFailed(f"mesure à N={count} interrompue : {last}")
        runs[count] = json.loads(done.stdout)
    return compare(runs)
