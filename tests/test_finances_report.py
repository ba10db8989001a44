"""Finance figures and the report's reads on a real database: no figures yet, a year's history."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from lda_dash import storage
from lda_dash.services.control import ControlRefused
from lda_dash.services.finances import load_finances
from lda_dash.services.report_data import read_report_data
from lda_dash.services.setup import init_database
from lda_dash.storage import database

CONVENTION = "dijon-2021-2022"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    """One database with the convention and no figures, for the whole module."""
    path = tmp_path_factory.mktemp("finances") / "lda.duckdb"
    init_database(path)
    return path


def test_without_figures_the_allocation_stands_and_nothing_is_consumed(db_path):
    with database.connect(db_path, read_only=True) as con:
        finances = load_finances(con, CONVENTION, 2022, date(2023, 6, 30))
    assert finances.totals.allocation == Decimal(163099)
    assert finances.totals.spending is None and finances.totals.consumption is None
    capt = finances.actions[1]
    assert capt.result.code == "CAPT" and capt.result_value is None
    assert capt.allocation_per_result is None
    assert [(b.year, b.balance) for b in finances.balance] == [(2021, 494000), (2022, 657099)]


def test_a_year_without_payment_has_no_allocation_but_still_its_finances(db_path):
    with database.connect(db_path, read_only=True) as con:
        finances = load_finances(con, CONVENTION, 2024, date(2025, 1, 15))
    assert finances.allocation_missing == "aucun versement enregistré pour 2024"
    assert all(line.allocation is None for line in finances.actions)
    assert finances.actions[0].budget.cost is None  # the annex stops at its second year


@pytest.mark.parametrize(
    ("item", "about_2021"),
    [
        ("action 2 · CAPT · 2021 T1", True),
        ("répartition 2021", True),
        ("2021", True),
        ("action 2 · CAPT · 2022 T1", False),
        ("action 12021 · X", False),
        ("seuil de reversement", False),
    ],
)
def test_the_history_of_a_year_is_the_rows_that_name_it(db_path, item, about_2021):
    with database.connect(db_path) as con:
        storage.append_history(con, "coord", "figure", CONVENTION, item, None, "1", "essai",
                                  now=datetime(2022, 1, 10))  # fmt: skip
        found = [row["item"] for row in storage.history_of_year(con, CONVENTION, 2021)]
    assert (item in found) == about_2021


def test_a_report_before_the_convention_is_refused(db_path):
    with database.connect(db_path, read_only=True) as con, pytest.raises(ControlRefused):
        read_report_data(con, CONVENTION, 2020, date(2023, 1, 1))
