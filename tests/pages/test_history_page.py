"""Historique: every change with who, when, old and new value and reason; filters; CSV export
that French Excel opens."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pandas as pd
import pytest
from conftest import open_page, signed_in
from streamlit.testing.v1 import AppTest

from lda_dash import storage
from lda_dash.domain.permissions import Actor
from lda_dash.services.history import COLUMNS, filter_history, history_csv
from lda_dash.storage import database

CID = "dijon-2021-2022"
REASON = '=HYPERLIEN("http://exemple") objectif relevé'  # a reason that looks like a formula


@pytest.fixture
def with_a_target_change(demo_app_db):
    with database.connect(demo_app_db) as con:
        storage.set_target(
            con, CID, (2, "CAPT"), 2022, Decimal(45), Decimal(40),
            Actor("claire", "coordination"), REASON,
        )  # fmt: skip
    return demo_app_db


def history_page(role: str = "coordination") -> AppTest:
    return open_page(role, "lda_dash/pages/history.py")


@pytest.mark.parametrize("role", ["coordination", "prefecture", "admin"])
def test_the_history_is_open_to_coordination_prefecture_and_admin(demo_app_db, role):
    at = history_page(role)
    assert at.title[0].value == "Historique des modifications"
    assert list(at.dataframe[0].value.columns) == COLUMNS


def test_the_history_is_not_a_partner_page(demo_app_db):
    at = signed_in("partenaire", "association-habitat-solidaire-demo").run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("lda_dash/pages/history.py")


def test_each_change_shows_who_when_what_and_why(with_a_target_change):
    at = history_page()
    latest = at.dataframe[0].value.iloc[0]
    assert latest["Auteur"] == "claire"
    assert latest["Objet"] == "cible"
    assert latest["Élément"] == "action 2 · Logements captés dans le parc privé · 2022"
    assert (latest["Ancienne valeur"], latest["Nouvelle valeur"]) == ("40", "45")
    assert latest["Motif"] == REASON


def test_filters_by_entity_author_and_text(with_a_target_change):
    at = history_page()
    total = len(at.dataframe[0].value)
    next(m for m in at.multiselect if m.label == "Objet").set_value(["cible"]).run()
    assert list(at.dataframe[0].value["Objet"]) == ["cible"]
    next(m for m in at.multiselect if m.label == "Objet").set_value([]).run()
    at.text_input(key="_w_history_text").input("T3 2022").run()
    shown = at.dataframe[0].value
    assert 0 < len(shown) < total
    assert shown["Élément"].str.contains("T3 2022").all()
    assert "(soumis)" in " ".join(shown["Nouvelle valeur"])  # workflow words in French
    next(m for m in at.multiselect if m.label == "Auteur").set_value(["claire"]).run()
    assert at.dataframe[0].value.empty


def test_the_date_filter_keeps_whole_days():
    entries = pd.DataFrame(
        {
            "Date": pd.to_datetime(["2022-03-31 23:59", "2022-04-01 00:00", "2022-04-02 10:00"]),
            "Auteur": ["a", "b", "c"],
            "Objet": ["chiffre"] * 3,
            "Élément": ["x"] * 3,
            "Ancienne valeur": [""] * 3,
            "Nouvelle valeur": [""] * 3,
            "Motif": [""] * 3,
        }
    )
    kept = filter_history(entries, start=date(2022, 4, 1), end=date(2022, 4, 1))
    assert list(kept["Auteur"]) == ["b"]
    assert list(filter_history(entries, end=date(2022, 3, 31))["Auteur"]) == ["a"]


def test_the_csv_export_opens_in_french_excel(with_a_target_change):
    at = history_page()
    next(m for m in at.multiselect if m.label == "Objet").set_value(["cible"]).run()
    assert any(d.label == "Exporter en CSV (1 ligne)" for d in at.get("download_button"))
    content = history_csv(at.dataframe[0].value)
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: accents right in Excel
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == COLUMNS
    assert rows[1][1:6] == [
        "claire",
        "cible",
        "action 2 · Logements captés dans le parc privé · 2022",
        "40",
        "45",
    ]
    assert rows[1][6] == "'" + REASON  # a reason never runs as a formula
    assert datetime.strptime(rows[1][0], "%d/%m/%Y %H:%M")
