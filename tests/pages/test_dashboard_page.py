"""The dashboard page, run in-process by AppTest on a demo database."""

from __future__ import annotations

import duckdb
import pytest
from conftest import ACTION_PAGE, APP, page_tables, plain
from streamlit.testing.v1 import AppTest

from lda_dash.ui.widgets import DEMO_BANNER


def metric(at: AppTest, label_start: str) -> str:
    return plain(next(m.value for m in at.metric if m.label.startswith(label_start)))


def choose_year(at: AppTest, year: int) -> None:
    at.selectbox(key="_w_year").set_value(year).run()
    assert not at.exception, at.exception


def test_dashboard_opens_on_the_latest_year_with_figures_under_the_demo_banner(app):
    (banner,) = [w.value for w in app.warning]
    assert banner.startswith(DEMO_BANNER)
    assert "La démonstration se place au **15 octobre 2022**" in banner
    assert app.title[0].value == "Tableau de bord 2022"
    assert app.selectbox(key="_w_year").value == 2022
    assert app.selectbox(key="_w_year").options == ["2021", "2022"]


@pytest.mark.parametrize(
    ("year", "payment"),
    [(2021, "494 000 €"), (2022, "163 099 €")],
)
def test_the_payment_of_the_year_chosen_is_shown_in_euros(app, year, payment):
    choose_year(app, 2021 if year == 2022 else 2022)  # start from the other year
    choose_year(app, year)
    assert metric(app, f"Versement {year}") == payment
    assert app.title[0].value == f"Tableau de bord {year}"


def test_switching_the_year_back_and_forth_changes_the_payment(app):
    choose_year(app, 2021)
    assert metric(app, "Versement") == "494 000 €"
    choose_year(app, 2022)
    assert metric(app, "Versement") == "163 099 €"


def test_actions_are_counted_by_status_of_the_open_year_and_of_a_closed_one(app):
    counts = {m.label: m.value for m in app.metric if " Actions " in m.label}  # not the forecast
    assert set(counts) <= {
        "✅ Actions atteintes",
        "🕒 Actions en bonne voie",
        "🟡 Actions à surveiller",
        "🔴 Actions en retard",
    }
    assert "🔴 Actions en retard" in counts  # 2022 is open on the demonstration date
    assert sum(int(value.split(" / ")[0]) for value in counts.values()) == 16
    choose_year(app, 2021)
    counts = {m.label: m.value for m in app.metric if " Actions " in m.label}
    assert set(counts) == {
        "✅ Actions atteintes",
        "◐ Actions partiellement atteintes",
        "✖ Actions non atteintes",
    }
    assert all(value.endswith(" / 16") for value in counts.values())


def indicator_table(app):
    """The table of every indicator (an open year's page shows the forecast's table first)."""
    return next(t.value for t in page_tables(app) if "Calcul sur l'année" in t.value.columns)


def test_indicator_table_lists_every_indicator_in_french(app):
    table = indicator_table(app)
    assert len(table) == 36  # 20 indicators of the catalogue and DEP_AMI for the 16 actions
    assert list(table.columns) == [
        "Action",
        "Indicateur",
        "Calcul sur l'année",
        "Cible",
        "Valeur",
        "Atteinte",
        "Attendu",
        "Statut",
        "Non validé",
    ]
    capture = table[table["Indicateur"] == "Logements captés dans le parc privé"].iloc[0]
    assert capture.name == 2
    assert capture["Action"] == "Poste de captation des logements privés"
    # 2022 open, its third quarter not reported yet by Habitat Solidaire: T1 + T2.
    assert capture["Calcul sur l'année"] == "somme des trimestres"
    assert (capture["Cible"], capture["Valeur"]) == ("40", "18")
    assert plain(capture["Atteinte"]) == "45 %"
    assert capture["Statut"] == "🟡 à surveiller"
    assert set(table["Statut"]) <= {
        "✅ atteint",
        "🕒 en bonne voie",
        "🟡 à surveiller",
        "🔴 en retard",
        "○ sans cible",
        "— non renseigné",
    }


def test_figures_not_yet_validated_are_marked_with_their_quarter(app):
    table = indicator_table(app)
    report = table[table["Indicateur"] == "Document d'évaluation annuel produit"].iloc[0]
    assert report["Non validé"] == "⏳ T3"
    choose_year(app, 2021)
    assert (indicator_table(app)["Non validé"] == "").all()  # 2021 is entirely validated


def test_data_date_and_reference_date_are_stated(app):
    captions = " ".join(c.value for c in app.caption)
    assert "Données au 10 octobre 2022 (dernière mise à jour des chiffres)" in captions
    assert "date de référence" in captions


def test_reading_guide_explains_the_rules(app):
    # 2022 is open: its forecast per indicator folds away above the guide.
    assert [e.label for e in app.expander] == [
        "Prévision par indicateur",
        "Comment lire ces chiffres",
    ]
    guide = " ".join(m.value for m in app.expander[1].markdown)
    for words in ("à surveiller", "partiellement atteint", "85 %", "plafonnée à 100 %"):
        assert words in guide


def test_each_action_has_a_link_to_its_sheet(app):
    links = app.get("page_link")
    assert [link.proto.label for link in links] == [f"n° {n}" for n in range(1, 17)]
    assert links[1].proto.query_string == "action=2"
    assert links[1].proto.help == "Poste de captation des logements privés"


def test_the_year_chosen_follows_to_the_action_page(app):
    choose_year(app, 2021)
    app.switch_page(ACTION_PAGE).run()
    assert not app.exception, app.exception
    assert app.selectbox(key="_w_year").value == 2021
    assert any(m.label == "Atteinte de l'action en 2021" for m in app.metric)
    assert app.warning[0].value.startswith(DEMO_BANNER)


def test_a_missing_database_explains_how_to_create_it(tmp_path, monkeypatch):
    missing = tmp_path / "absent.duckdb"
    monkeypatch.setenv("LDA_DASH_DB", str(missing))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    text = " ".join(e.value for e in [*at.error, *at.markdown])
    assert "n'existe pas encore" in text
    assert "python -m lda_dash init --demo" in text
    assert "make run" in text
    assert not missing.exists()  # showing the message must not create an empty file


def test_a_database_without_convention_explains_how_to_create_it(tmp_path, monkeypatch):
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    monkeypatch.setenv("LDA_DASH_DB", str(empty))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert "ne contient aucune convention" in at.error[0].value
    assert not at.metric
