"""The demonstration data tells a realistic story, the same one every time."""

from datetime import date
from decimal import Decimal

from lda_dash.domain.model import Status
from lda_dash.domain.progress_report import action_status
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
    assert len(before) == len(after) > 250
    assert before.is_demo.all()
    assert list(before.value.fillna(-1)) == list(after.value.fillna(-1))


def test_most_actions_progress_and_a_few_are_late(demo_db_path):
    with database.connect(demo_db_path) as con:
        report = load_progress(con, CID, 2022, date(2023, 3, 1))
    statuses = [action_status(report, n) for n in range(1, 17)]
    achieved = statuses.count(Status.ACHIEVED) + statuses.count(Status.PARTIALLY_ACHIEVED)
    assert achieved >= 10
    assert 1 <= statuses.count(Status.NOT_ACHIEVED) <= 5


def test_one_partner_has_not_reported_a_quarter(demo_db_path):
    with database.connect(demo_db_path) as con:
        rows = figure_frame(con, CID)
    reported = set(zip(rows.action_number, rows.year, rows.quarter, strict=True))
    missing = {
        (a, y, q)
        for a in range(1, 17)
        for y in (2021, 2022)
        for q in (1, 2, 3, 4)
        if (a, y, q) not in reported
    }
    assert len(missing) == 1


def test_spending_stays_below_budget(demo_db_path):
    with database.connect(demo_db_path) as con:
        rows = figure_frame(con, CID)
        budgets = demo_budgets(con, CID, 2021)
    spent = rows[rows.code == "DEP_AMI"].groupby(["action_number", "year"]).value.sum()
    for (action, year), amount in spent.items():
        assert Decimal(str(amount)) <= budgets[(action, year)]
    assert spent.sum() < sum(budgets.values())
