"""What the money pages compute without Streamlit: timeline words, decision checks, file names,
the report bytes offered for download, and the allocation frozen by a decision."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from fractions import Fraction

import openpyxl
import pytest

from lda_dash import storage
from lda_dash.domain.deadlines import timeline
from lda_dash.domain.permissions import Actor, PermissionDenied
from lda_dash.services.control_actions import (
    DecisionForm,
    report_file,
    report_file_name,
    save_allocation,
    threshold_decimal,
)
from lda_dash.storage import database
from lda_dash.tables.money import timeline_views

CID = "dijon-2021-2022"
LETTER, TITLE = date(2023, 1, 31), date(2023, 8, 31)


@pytest.mark.parametrize(
    ("letter", "title", "paid", "today", "states", "words"),
    [
        (None, None, None, date(2023, 1, 1), ["todo", "todo", "todo", "todo"], "non saisie"),
        (LETTER, None, None, date(2023, 2, 28), ["done", "waiting", "todo", "todo"],
         "au plus tard le 28/02/2023"),
        (LETTER, None, None, date(2023, 3, 1), ["done", "overdue", "todo", "todo"],
         "En retard : délai échu le 28/02/2023"),
        (LETTER, TITLE, None, date(2024, 2, 29), ["done", "done", "done", "waiting"],
         "au plus tard le 29/02/2024"),
        (LETTER, TITLE, None, date(2024, 3, 1), ["done", "done", "done", "overdue"],
         "En retard : paiement dû au plus tard le 29/02/2024"),
        (LETTER, TITLE, date(2024, 3, 4), date(2024, 4, 1), ["done", "done", "done", "late"],
         "payé le 04/03/2024, après l'échéance du 29/02/2024"),
        (LETTER, TITLE, date(2023, 12, 1), date(2024, 4, 1), ["done", "done", "done", "done"],
         "payé le 01/12/2023"),
    ],
)  # fmt: skip
def test_each_article_4_step_says_its_state_in_words(letter, title, paid, today, states, words):
    views = timeline_views(timeline(letter, title, today, paid))
    assert [v.state for v in views] == states
    assert any(words in v.text for v in views)
    for view in views:
        if view.state in ("overdue", "late"):
            assert view.text.startswith("⚠")  # not told by colour alone


@pytest.mark.parametrize(
    ("form", "problem"),
    [
        (DecisionForm(Decimal(10), "Motif", date(2023, 1, 2)), None),
        (DecisionForm(Decimal(10), "  ", date(2023, 1, 2)), "justification est obligatoire"),
        (DecisionForm(Decimal(-1), "Motif", date(2023, 1, 2)), "négatif"),
        (DecisionForm(Decimal(0), "Motif", date(2023, 1, 2), LETTER, date(2023, 1, 1)),
         "précéder la lettre"),
    ],
)  # fmt: skip
def test_a_decision_form_says_what_stops_it(form, problem):
    found = form.problems()
    assert found == [] if problem is None else any(problem in p for p in found)


def test_report_file_names_are_plain():
    assert report_file_name("Dijon Métropole", 2021, "pdf") == (
        "rapport-execution-2021-dijon-metropole.pdf"
    )
    assert report_file_name("Grand Besançon", 2022, "xlsx").endswith("-grand-besancon.xlsx")


def test_threshold_is_stored_with_four_decimals():
    assert threshold_decimal(Fraction(17, 20)) == Decimal("0.8500")
    assert threshold_decimal(Fraction(2, 3)) == Decimal("0.6667")


def test_the_report_offered_for_download_is_an_xlsx_of_the_year(demo_db_path):
    content = report_file(demo_db_path, CID, 2021, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert "Reversement" in book.sheetnames


def test_a_decided_year_keeps_its_allocation(db_path):
    coordination = Actor("coord", "coordination")
    with database.connect(db_path) as con:
        storage.record_decision(
            con, CID, 2022, Actor("pref", "prefecture"), proposed=Decimal(1), decided=Decimal(1),
            threshold=Decimal(1), justification="test", decided_on=date(2023, 2, 1),
        )  # fmt: skip
        assert storage.year_locks(con, CID)[2022]["locked"]
    shares = {n: Decimal(0) for n in range(1, 17)}
    shares[1] = Decimal(163_099)
    with pytest.raises(PermissionDenied, match="verrouillée"):
        save_allocation(db_path, CID, 2022, shares, coordination, "après décision")
