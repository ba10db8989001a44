"""Every chart has a text alternative: a description for screen readers and, under it, its data
as a table on demand (RGAA 1.9), run in-process by AppTest on a demo database."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import ACTION_PAGE, chart_tables, demo_today, open_chart_tables, plain, signed_in
from streamlit.testing.v1 import AppTest

from lda_dash.ui.chart_table import DATA_LABEL


def opened(role: str, page: str | None = None, **query) -> AppTest:
    at = signed_in(role)
    at.run()
    if page is not None:
        for name, value in query.items():
            at.query_params[name] = value
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_the_dashboard_chart_has_its_data_table(demo_app_db):
    at = opened("coordination")
    chart = at.get("plotly_chart")[0]
    assert chart.proto.alt.startswith("Barres horizontales : atteinte de chaque action en 2022")
    assert at.toggle[0].label == DATA_LABEL
    assert chart_tables(at) == []  # built only once asked for: the rerun stays cheap
    [table] = chart_tables(open_chart_tables(at))
    data = table.value
    assert list(data.index) == list(range(1, 17))
    assert list(data.columns) == ["Action", "Atteinte", "Statut"]
    row = data.loc[6]
    assert row["Action"] == "Renforcement des diagnostics"
    assert (plain(row["Atteinte"]), row["Statut"]) == ("22 %", "🔴 en retard")  # 2022 open
    assert table.proto.alt.startswith("Données du graphique : Barres horizontales")


@pytest.mark.parametrize(
    ("role", "page", "query"),
    [
        ("partenaire", "lda_dash/pages/dashboard.py", {}),
        ("coordination", None, {}),
        ("coordination", ACTION_PAGE, {"action": "8"}),
        ("coordination", "lda_dash/pages/finances.py", {}),
        ("prefecture", "lda_dash/pages/control.py", {}),
        ("admin", "lda_dash/pages/national.py", {}),
    ],
)
def test_every_chart_has_a_description_and_a_table_of_its_values(demo_app_db, role, page, query):
    if page == "lda_dash/pages/control.py":  # its charts are those of a year that is over
        demo_today(demo_app_db, date(2023, 2, 1))
    at = opened(role, page, **query)
    shown = at.get("plotly_chart")
    assert shown, "the page draws no chart"
    assert all(chart.proto.alt.strip() for chart in shown)
    tables = chart_tables(open_chart_tables(at))
    assert len(tables) == len(shown)
    assert all(len(table.value) > 0 for table in tables)


def test_a_slide_chart_has_its_data_table_under_the_slide(demo_app_db):
    at = opened("coordination", "lda_dash/pages/presentation.py")
    at.session_state["slide_index"] = 5  # action 2: its indicators against their targets
    at.run()
    [chart] = at.get("plotly_chart")
    assert chart.proto.alt
    [table] = chart_tables(open_chart_tables(at))
    assert table.value.index.name == "Indicateur"
    assert "Logements captés dans le parc privé" in table.value.index
