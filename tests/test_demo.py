"""The demonstration data tells a realistic story, the same one every time, on its
demonstration date (15 October 2022): 2021 over, 2022 open with its third quarter to report."""

from datetime import date
from decimal import Decimal

from lda_dash.domain.model import Status
from lda_dash.domain.progress_report import action_status
from lda_dash.services import calendar
from lda_dash.services.conventions import pick_convention
from lda_dash.services.progress import load_progress
from lda_dash.services.setup import demo_budgets, init_database, is_demo
from lda_dash.storage import database
from tests.reading import figure_frame

CID = "dijon-2021-2022"


def test_demo_figures_are_labelled_and_reproducible(demo_db_path):
    with database.connect(demo_db_path) as con:
        before = figure_frame(con, CID)
        assert is_demo(con)
    init_database(demo_db_path, demo=True)
    with database.connect(demo_db_path) as con:
        after = figure_frame(con, CID)
    assert len(before) == len(after) > 200
    assert before.is_demo.all()
    assert list(before.value.fillna(-1)) == list(after.value.fillna(-1))


def test_the_demonstration_date_is_inside_the_convention(demo_db_path, db_path):
    with database.connect(demo_db_path) as con:
        assert calendar.today(con) == date(2022, 10, 15)
        assert calendar.convention_years(con, pick_convention(con, CID)) == [2021, 2022]
        assert calendar.data_date(con, CID).date() <= date(2022, 10, 15)
    with database.connect(db_path) as con:  # a real database lives on the real date
        assert calendar.demo_date(con) is None
        assert calendar.today(con) == date.today()


def test_2021_is_mostly_achieved_and_2022_mostly_on_track(demo_db_path):
    with database.connect(demo_db_path) as con:
        today = calendar.today(con)
        closed = load_progress(con, CID, 2021, today)
        open_year = load_progress(con, CID, 2022, today)
    statuses = [action_status(closed, n) for n in range(1, 17)]
    achieved = statuses.count(Status.ACHIEVED) + statuses.count(Status.PARTIALLY_ACHIEVED)
    assert achieved >= 10
    statuses = [action_status(open_year, n) for n in range(1, 17)]
    on_track = statuses.count(Status.ON_TRACK) + statuses.count(Status.ACHIEVED)
    assert on_track >= 8
    assert 1 <= statuses.count(Status.LATE) <= 3  # a few late, some to watch
    assert statuses.count(Status.WATCH) >= 1


def test_the_third_quarter_of_2022_is_still_being_reported(demo_db_path):
    with database.connect(demo_db_path) as con:
        rows = figure_frame(con, CID)
    reported = set(zip(rows.action_number, rows.year, rows.quarter, strict=True))
    missing = {
        (a, y, q)
        for a in range(1, 17)
        for y in (2021, 2022)
        for q in (1, 2, 3)
        if (a, y, q) not in reported
    }
    assert missing == {(a, 2022, 3) for a in (2, 3, 4, 5, 6, 7, 8, 9, 11)}
    assert not rows[(rows.year == 2022) & (rows.quarter == 4)].size
    third = rows[(rows.year == 2022) & (rows.quarter == 3)]
    assert set(third.status) == {"submitted", "validated"}


def test_spending_stays_below_budget(demo_db_path):
    with database.connect(demo_db_path) as con:
        rows = figure_frame(con, CID)
        budgets = demo_budgets(con, CID, 2021)
    spent = rows[rows.code == "DEP_AMI"].groupby(["action_number", "year"]).value.sum()
    for (action, year), amount in spent.items():
        assert Decimal(str(amount)) <= budgets[(action, year)]
    assert spent.sum() < sum(budgets.values())
