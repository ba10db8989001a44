"""Synthetic conventions: the same seed gives the same data, valid and varied; loaded in bulk."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from lda_dash import storage
from lda_dash.cli.main import main
from lda_dash.domain.model import QuarterFigure
from lda_dash.domain.permissions import Actor
from lda_dash.scale.catalogue import CATEGORIES
from lda_dash.scale.database import SyntheticRefused, generate_database
from lda_dash.scale.synthetic import SyntheticPlan, generate
from lda_dash.storage import database

PLAN = SyntheticPlan(territories=3, years=(2025, 2026), reported_quarters=3, seed=7)


@pytest.fixture(scope="module")
def data():
    return generate(PLAN)


def test_the_same_seed_gives_exactly_the_same_tables(data):
    again = generate(PLAN)
    assert data.tables.keys() == again.tables.keys()
    for name, frame in data.tables.items():
        pd.testing.assert_frame_equal(frame, again.tables[name], check_dtype=True)


def test_another_seed_gives_other_figures(data):
    other = generate(SyntheticPlan(3, (2025, 2026), 3, seed=8))
    assert not data.tables["figure"]["value"].equals(other.tables["figure"]["value"])


def test_territories_are_numbered_with_a_city_like_name(data):
    names = list(data.tables["territory"]["name"])
    assert [n[:14] for n in names] == ["Territoire 001", "Territoire 002", "Territoire 003"]
    assert all(re.fullmatch(r"Territoire \d{3} – [A-ZÉ][\w' -]+", n) for n in names)
    assert all(cid.startswith("syn-") for cid in data.tables["convention"]["id"])


@pytest.mark.parametrize("territory", range(3))
def test_each_territory_is_shaped_like_dijon(data, territory):
    cid = data.tables["convention"]["id"][territory]
    actions = data.tables["action"][data.tables["action"]["convention_id"] == cid]
    indicators = data.tables["indicator"][data.tables["indicator"]["convention_id"] == cid]
    assert 10 <= len(actions) <= 20
    assert list(actions["number"]) == list(range(1, len(actions) + 1))
    assert set(actions["category"]) == set(CATEGORIES)
    assert set(indicators["mode"]) == {"somme", "cumul_annuel", "stock", "taux", "jalon"}
    spending = indicators[indicators["code"] == "DEP_AMI"]
    assert sorted(spending["action_number"]) == list(actions["number"])
    payments = data.tables["payment"][data.tables["payment"]["convention_id"] == cid]
    assert list(payments["year"]) == [2025, 2026]


def test_every_figure_is_valid_input_for_its_mode(data):
    figures = data.tables["figure"].merge(
        data.tables["indicator"][["convention_id", "action_number", "code", "mode"]],
        on=["convention_id", "action_number", "code"],
    )
    rates = figures[figures["mode"] == "taux"]
    assert (rates["numerator"] <= rates["denominator"]).all()
    assert (rates["denominator"] > 0).all() and rates["value"].isna().all()
    others = figures[figures["mode"] != "taux"]
    assert (others["value"] >= 0).all() and others["numerator"].isna().all()
    milestones = figures[figures["mode"] == "jalon"]
    assert set(milestones["value"]) <= {0.0, 1.0}
    counts = others[(others["mode"] != "stock") & (others["code"] != "DEP_AMI")]
    assert (counts["value"] == counts["value"].round()).all()
    ytd = figures[figures["mode"] == "cumul_annuel"].sort_values("quarter")
    steps = ytd.groupby(["convention_id", "action_number", "code", "year"])["value"].diff()
    assert (steps.dropna() >= 0).all()


def test_figures_have_the_variety_of_real_reporting(data):
    figures = data.tables["figure"]
    last = figures[figures["year"] == 2026]
    assert last["quarter"].max() == PLAN.reported_quarters
    assert (figures["status"] == "validated").mean() > 0.8
    assert set(last["status"]) >= {"submitted", "validated"}
    slots = len(data.tables["indicator"]) * 4
    assert len(figures[figures["year"] == 2025]) < slots  # some quarters were not reported


def test_state_funded_spending_stays_below_the_payment(data):
    figures = data.tables["figure"]
    spent = figures[figures["code"] == "DEP_AMI"].groupby(["convention_id", "year"])["value"]
    payments = data.tables["payment"].set_index(["convention_id", "year"])["amount"]
    assert (spent.sum() < payments.reindex(spent.sum().index)).all()


def test_bulk_load_inserts_every_row_and_a_second_run_replaces_them(tmp_path):
    path = tmp_path / "syn.duckdb"
    first = generate_database(path, PLAN)["rows"]
    second = generate_database(path, PLAN)["rows"]
    assert first == second
    with database.connect(path, read_only=True) as con:
        stored = storage.synthetic_row_counts(con)
        assert storage.count_synthetic_conventions(con) == 3
        assert storage.setting(con, "demo_data") == "true"
    assert stored == {t: first[t] for t in ("convention", "action", "indicator", "figure")}


def test_generate_on_the_command_line_reports_what_it_loaded(tmp_path, capsys):
    path = tmp_path / "cli.duckdb"
    assert main(["generate", "--territories", "2", "--years", "2", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "2 territoires" in out and "chiffres trimestriels" in out


def test_generate_refuses_a_database_holding_real_figures(db_path, capsys):
    figure = QuarterFigure(2, "CAPT", 2021, 1, 10, None, None, "", "validated")
    with database.connect(db_path) as con:
        cid = storage.conventions(con)[0]["id"]
        storage.save_figures(
            con, cid, [figure], Actor("admin", "admin", trusted_import=True), "réel"
        )
    with pytest.raises(SyntheticRefused):
        generate_database(db_path, PLAN)
    assert main(["generate", "--territories", "2", "--years", "2", "--db", str(db_path)]) == 1
    assert "chiffres ou des comptes réels" in capsys.readouterr().err
    with database.connect(db_path, read_only=True) as con:
        assert storage.count_synthetic_conventions(con) == 0
