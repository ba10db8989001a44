"""`bench` builds its own database and reports every measure of issue 7 as JSON."""

from __future__ import annotations

import copy
import json

import pytest

from lda_dash.cli.main import main
from lda_dash.scale.bench_summary import TARGETS, compare, summary_lines

PAGES = ("dashboard_rerun", "floor_rerun", "national_rerun")
CALLS = ("progress_one_territory", "progress_all_territories", "import_figures_file")


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """The cheapest real run: 2 territories, 2 years, once, a small file, no PDF or PPTX."""
    output = tmp_path_factory.mktemp("bench") / "bench.json"
    args = ["bench", "--territories", "2", "--years", "2", "--repeat", "1", "--import-rows",
            "200", "--no-exports", "--format", "json", "--output", str(output)]  # fmt: skip
    assert main(args) == 0
    return json.loads(output.read_text(encoding="utf-8"))


def test_every_measure_is_a_median_of_its_runs(results):
    timings = results["timings"]
    for name in (*PAGES, *CALLS):
        assert timings[name]["median"] > 0
        assert len(timings[name]["runs"]) == (3 if name in PAGES else 1)  # pages rerun 3 × repeat
        assert timings[name]["cpu_median"] > 0
    for name in PAGES:
        assert timings[name]["first_run"] > 0
    assert timings["dashboard_rerun_data_changed"]["median"] > 0
    assert timings["national_rerun_data_changed"]["median"] > 0
    assert "export_pdf" not in timings


def test_the_run_says_what_it_measured_and_where(results):
    assert results["parameters"] == {
        "territories": 2, "years": 2, "first_year": results["parameters"]["first_year"],
        "last_year": results["parameters"]["first_year"] + 1, "seed": 1, "repeat": 1,
        "import_rows": 200,
    }  # fmt: skip
    assert results["database"]["rows"]["convention"] == 2
    assert results["memory"]["peak_rss_mb"] > 0
    assert results["ratios"]["dashboard_over_floor"] > 0
    assert results["machine"]["cpus"] >= 1


def test_two_territory_counts_give_cost_ratios_and_the_targets(results):
    larger = copy.deepcopy(results)
    for timing in larger["timings"].values():
        timing["median"] *= 2
    compared = compare({46: results, 460: larger})
    assert compared["scaling"]["cost_ratio"]["dashboard_rerun"] == pytest.approx(2)
    assert set(compared["targets"]) == set(TARGETS)
    assert compared["targets"]["dashboard_scaling"]["met"] is False  # 2 > 1.5
    lines = summary_lines(compared)
    assert any("Objectifs" in line for line in lines)
    assert any("N = 2 territoires" in line for line in lines)
