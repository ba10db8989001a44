"""One calendar per convention: its years, « today » (the demonstration date in a demo
database) and the date of its data, on real DuckDB files."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from lda_dash import storage
from lda_dash.domain.model import QuarterFigure
from lda_dash.domain.permissions import Actor, Role
from lda_dash.services import calendar
from lda_dash.services.conventions import pick_convention
from lda_dash.storage import database

CID = "dijon-2021-2022"
ADMIN = Actor("admin", Role.ADMIN, trusted_import=True)


@pytest.mark.parametrize(
    ("years", "words"),
    [([2021], "2021"), ([2021, 2022], "2021 et 2022"), ([2021, 2022, 2023], "de 2021 à 2023")],
)
def test_the_years_in_a_sentence(years, words):
    assert calendar.years_label(years) == words


def test_a_real_database_lives_on_the_real_date_and_its_signed_years(db_path):
    with database.connect(db_path) as con:
        convention = pick_convention(con, CID)
        assert calendar.today(con) == date.today()
        assert calendar.convention_years(con, convention) == [2021, 2022]
        assert calendar.accepted_years(con, convention) == range(2021, 2023)
        assert calendar.data_date(con, CID) is None


@pytest.mark.parametrize("year", [2020, 2023, 2026])
def test_a_year_outside_the_convention_is_refused_naming_its_years(db_path, year):
    with database.connect(db_path) as con:
        convention = pick_convention(con, CID)
        with pytest.raises(calendar.YearOutsideConvention) as refused:
            calendar.check_year(con, convention, year)
    assert str(refused.value).startswith(f"l'année {year} n'est pas une année de la convention")
    assert "(années couvertes : 2021 et 2022)" in str(refused.value)


def test_a_target_for_the_next_year_opens_it(db_path):
    with database.connect(db_path) as con:
        convention = pick_convention(con, CID)
        coordination = Actor("claire", Role.COORDINATION)
        storage.set_target(con, CID, (2, "CAPT"), 2023, Decimal(44), None, coordination, "Avenant")
        assert calendar.convention_years(con, convention) == [2021, 2022, 2023]
        calendar.check_year(con, convention, 2023)  # no refusal


def test_the_demonstration_date_is_today_and_bounds_the_data_date(demo_db_path):
    with database.connect(demo_db_path) as con:
        assert calendar.demo_date(con) == calendar.DEMO_DATE == date(2022, 10, 15)
        assert calendar.today(con) == date(2022, 10, 15)
        assert calendar.data_date(con, CID) == datetime(2022, 10, 10, 9, 0)
        figure = QuarterFigure(2, "CAPT", 2022, 3, Decimal(9), status="draft")
        storage.save_figures(con, CID, [figure], ADMIN, "démonstration", now=datetime.now())
        # Changed while demonstrating: counted as changed on the demonstration date.
        assert calendar.data_date(con, CID) == datetime(2022, 10, 15)


@pytest.mark.parametrize(
    ("changed", "words"),
    [
        (None, "aucun chiffre saisi pour l'instant"),
        (datetime(2022, 10, 10, 9, 0), "données au 10 octobre 2022"),
        (date(2023, 1, 31), "données au 31 janvier 2023"),
    ],
)
def test_the_data_date_in_words(changed, words):
    assert calendar.data_date_words(changed) == words
