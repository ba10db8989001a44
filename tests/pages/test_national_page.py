"""The national view, run in-process by AppTest for a signed-in admin on synthetic territories."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest
from conftest import open_page, plain

from lda_dash import storage
from lda_dash.scale.database import generate_database
from lda_dash.scale.synthetic import SyntheticPlan
from lda_dash.storage import database
from lda_dash.ui.auth import PAGES

NATIONAL_PAGE = "lda_dash/pages/national.py"
YEAR = date.today().year  # the page opens on the current year, the year under review before it
PLAN = SyntheticPlan(territories=3, years=(YEAR - 1, YEAR), reported_quarters=3, seed=5)


@pytest.fixture(scope="module")
def synthetic_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("national") / "national.duckdb"
    generate_database(path, PLAN)
    return path


@pytest.fixture
def national(synthetic_template, tmp_path, monkeypatch):
    """The national page of a database of this test's own, opened by the admin."""
    path = tmp_path / "national.duckdb"
    shutil.copy(synthetic_template, path)
    monkeypatch.setenv("LDA_DASH_DB", str(path))
    return open_page("admin", NATIONAL_PAGE)


def metric(at, label_start: str) -> str:
    return plain(next(m.value for m in at.metric if m.label.startswith(label_start)))


@pytest.mark.parametrize(
    ("role", "sees"),
    [("admin", True), ("coordination", False), ("prefecture", False), ("partenaire", False)],
)
def test_only_the_admin_gets_the_national_view(role, sees):
    pages = [spec.path for spec in PAGES if role in spec.roles]
    assert (NATIONAL_PAGE in pages) is sees


def test_territories_are_compared_for_the_current_year(national):
    assert national.title[0].value == f"Vue nationale {YEAR}"
    assert metric(national, "Territoires") == "3"
    assert metric(national, "Atteinte moyenne").endswith(" %")
    assert metric(national, "Consommation").endswith(" %")
    assert metric(national, "Reversements proposés").endswith(" €")
    subheaders = [s.value for s in national.subheader]
    assert subheaders[0] == "Atteinte par territoire et par année"
    assert any(s.startswith("Territoires les plus exposés à un reversement") for s in subheaders)


def test_the_heat_map_writes_each_percentage_in_its_cell(national):
    charts = national.get("plotly_chart")
    assert len(charts) == 4  # heat map, statuses, money, clawback
    heatmap = json.loads(charts[0].proto.spec)["data"][0]
    assert heatmap["type"] == "heatmap"
    assert heatmap["texttemplate"] == "%{text}"
    assert len(heatmap["y"]) == 3 and heatmap["x"] == [str(YEAR - 1), str(YEAR)]
    assert all(cell.endswith("%") for row in heatmap["text"] for cell in row)


def test_the_table_lists_territories_with_their_money(national):
    table = national.dataframe[0].value
    assert len(table) == 3
    assert {"Territoire", "Atteinte", "Part du versement", "Dépenses AMI"} <= set(table.columns)
    assert table["Territoire"].str.startswith("Territoire 00").all()


def test_the_clawback_table_states_both_bases_for_the_year_under_review(national):
    table = national.dataframe[1].value
    assert list(table.columns) == [
        "Territoire", "Versement", "Base objectifs", "Base non-consommation",
        "Montant proposé", "Part du versement",
    ]  # fmt: skip
    assert any(f"({YEAR - 1})" in s.value for s in national.subheader)


def test_ordering_by_name_lists_territory_001_first(national):
    national.selectbox(key="_w_national_order").set_value("name").run()
    assert not national.exception, national.exception
    assert national.dataframe[0].value["Territoire"].iloc[0].startswith("Territoire 001")


def test_a_category_filter_narrows_the_actions_counted(national):
    before = metric(national, "Consommation")
    national.multiselect(key="_w_national_categories").set_value(["6. Communication"]).run()
    assert not national.exception, national.exception
    assert "6. Communication" in national.caption[0].value
    assert metric(national, "Consommation") != before


def test_the_previous_year_can_be_chosen(national):
    national.selectbox(key="_w_national_year").set_value(YEAR - 1).run()
    assert not national.exception, national.exception
    assert national.title[0].value == f"Vue nationale {YEAR - 1}"


def test_a_territory_without_figures_is_said_so_and_left_out(
    synthetic_template, tmp_path, monkeypatch
):
    path = tmp_path / "national.duckdb"
    shutil.copy(synthetic_template, path)
    with database.connect(path) as con:
        first = storage.conventions(con)[0]["id"]
        names = {c["id"]: c["territory_name"] for c in storage.conventions(con)}
        con.execute("DELETE FROM figure WHERE convention_id = ?", [first])
    monkeypatch.setenv("LDA_DASH_DB", str(path))
    at = open_page("admin", NATIONAL_PAGE)
    silent = names[first]
    notes = [plain(i.value) for i in at.info]
    assert any(silent in n and "hors des moyennes" in n for n in notes), notes
    assert any(silent in n and "hors du classement des reversements" in n for n in notes), notes
    table = at.dataframe[0].value.set_index("Territoire")
    assert table.loc[silent, "Atteinte"] == "pas encore de chiffres"
    assert "✅" not in "".join(table.columns) and "atteint" in " ".join(table.columns)
    others_mean = [plain(v) for v in table.drop(index=silent)["Atteinte"]]
    assert all(v.endswith(" %") for v in others_mean)
    claw = at.dataframe[1].value
    assert silent not in set(claw["Territoire"])
    heatmap = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    row = heatmap["y"].index(silent) if silent in heatmap["y"] else None
    assert row is None or heatmap["text"][row] == ["pas encore de chiffres"] * 2
