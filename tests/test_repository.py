"""Repository on real DuckDB files: the convention as loaded, figures and their history."""

from datetime import datetime
from decimal import Decimal

from lda_dash import storage
from lda_dash.domain.model import Mode, QuarterFigure
from lda_dash.domain.permissions import Actor
from lda_dash.storage import database

CID = "dijon-2021-2022"


def test_the_dijon_convention_is_stored_faithfully(db_path):
    with database.connect(db_path) as con:
        conventions = storage.conventions(con)
        payments = storage.payments(con, CID)
        actions = storage.actions(con, CID)
        budgets = storage.budget_lines(con, CID)
    assert [c["id"] for c in conventions] == [CID]
    dijon = conventions[0]
    assert (dijon["programme"], dijon["chorus_activity"]) == ("177", "177-01-06-12-17")
    assert (dijon["functional_domain"], dijon["programming_activity"]) == ("0177-12-17", "217")
    assert dijon["siret"] == "242100410 00123"
    assert payments == {2021: Decimal("494000"), 2022: Decimal("163099")}
    assert [a["number"] for a in actions] == list(range(1, 17))
    assert actions[2]["signed_number"] == ""  # row 3 has no number in the signed annex
    assert actions[9]["signed_number"] == "9"  # the 10th row is numbered 9 there
    y1 = budgets[budgets.year == 2021]
    assert y1.cost.sum() == 571000 and y1.ami.sum() == 494000 and y1.cofunding.sum() == 77000
    y2 = budgets[budgets.year == 2022]
    assert y2.cost.sum() == 562000 and y2.cofunding.sum() == 83000


def test_the_indicator_catalogue(db_path):
    with database.connect(db_path) as con:
        specs = storage.indicator_specs(con, CID)
    assert len(specs) == 36
    gla = specs[(4, "GLA")]
    assert (gla.mode, gla.target(2021), gla.target(2022)) == (Mode.STOCK, 40, 80)
    tx = specs[(8, "TX_REP")]
    assert (tx.mode, tx.baseline, tx.target(2022)) == (Mode.TAUX, 25, 75)
    assert specs[(5, "REPIT_OCC")].target(2021) is None
    assert all((n, "DEP_AMI") in specs for n in range(1, 17))
    assert all(spec.weight == 1 for spec in specs.values())


def test_saving_a_figure_twice_replaces_it_and_keeps_the_history(db_path):
    first = QuarterFigure(2, "CAPT", 2021, 1, Decimal(10))
    second = QuarterFigure(2, "CAPT", 2021, 1, Decimal(12))
    with database.connect(db_path) as con:
        storage.save_figures(
            con,
            CID,
            [first],
            Actor("alice", "admin", trusted_import=True),
            "import",
            now=datetime(2021, 4, 2),
        )
        storage.save_figures(
            con,
            CID,
            [second],
            Actor("bob", "admin", trusted_import=True),
            "correction",
            now=datetime(2021, 4, 9),
        )
        stored = storage.figures(con, CID)
        history = storage.history(con, CID)
    assert [(f.value, f.status) for f in stored] == [(Decimal(12), "validated")]
    assert list(history.author) == ["bob", "alice"]
    assert history.old_value.iloc[0] == "10 (validated)" and history.new_value.iloc[0].startswith(
        "12"
    )
    assert history.reason.iloc[0] == "correction"


def test_figures_are_filtered_by_workflow_status(db_path):
    draft = QuarterFigure(2, "CAPT", 2021, 1, Decimal(10), status="draft")
    submitted = QuarterFigure(2, "CAPT", 2021, 2, Decimal(5), status="submitted")
    with database.connect(db_path) as con:
        storage.save_figures(
            con, CID, [draft, submitted], Actor("alice", "admin", trusted_import=True), "saisie"
        )
        counted = storage.figures(con, CID, ("submitted", "validated"))
    assert [f.quarter for f in counted] == [2]


def test_reloading_the_convention_keeps_edited_targets(db_path):
    from lda_dash.services.setup import init_database

    with database.connect(db_path) as con:
        con.execute(
            "UPDATE target SET target = 55 "
            "WHERE action_number = 2 AND code = 'CAPT' AND year = 2022"
        )
    init_database(db_path)
    with database.connect(db_path) as con:
        assert storage.indicator_specs(con, CID)[(2, "CAPT")].target(2022) == 55
