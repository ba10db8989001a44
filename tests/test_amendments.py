"""Amendments in storage and in progress (DOMAIN.md section 13) on a real database."""

from datetime import date
from decimal import Decimal as D

import pytest

from lda_dash import storage
from lda_dash.cli.main import main
from lda_dash.domain.permissions import Actor
from lda_dash.services.amendments import AmendmentRefused, record_amendment
from lda_dash.services.in_force import payment_in_force, source_line, targets_in_force
from lda_dash.services.progress import load_progress
from lda_dash.storage import amendments as store
from lda_dash.storage import database

CID = "dijon-2021-2022"
COORDINATION = Actor("claire", "coordination")
PREFECTURE = Actor("prefet", "prefecture")


def _capt(con, year, as_of):
    report = load_progress(con, CID, year, as_of)
    return next(r for r in report.rows if (r.spec.action, r.spec.code) == (2, "CAPT"))


def test_init_records_the_convention_and_the_2022_amendment(db_path):
    with database.connect(db_path) as con:
        found = store.amendments(con, CID)
        assert [(a.year, a.reference, a.amended_on) for a in found] == [
            (2021, "Convention initiale 2021-2022", date(2021, 1, 1)),
            (2022, "Avenant 2022", date(2022, 5, 25)),
        ]
        payments = {a.year: c.after for a in found for c in a.changes if c.kind == "payment"}
        assert payments == {2021: D(494000), 2022: D(163099)}
        assert source_line(con, CID, 2022) == "Cibles et versement : Avenant 2022 du 25/05/2022"


def test_init_again_records_the_seed_once_and_keeps_an_amended_payment(db_path):
    from lda_dash.services.setup import init_database

    with database.connect(db_path) as con:
        record_amendment(
            con, CID, COORDINATION, year=2022, amended_on=date(2022, 9, 1),
            reference="Avenant bis", payment=D(170000),
        )  # fmt: skip
    init_database(db_path)
    with database.connect(db_path) as con:
        assert len(store.amendments(con, CID)) == 3
        assert storage.payments(con, CID) == {2021: D(494000), 2022: D(170000)}


@pytest.mark.parametrize("as_of", [date(2021, 3, 1), date(2022, 3, 1), date(2023, 3, 1)])
def test_the_seed_leaves_the_targets_as_stored(db_path, as_of):
    with database.connect(db_path) as con:
        assert targets_in_force(con, CID, as_of) == storage.indicator_specs(con, CID)


def test_an_amendment_of_2022_capt_changes_the_2022_progress_from_its_date_on(db_path, capsys):
    figures = db_path.parent / "f.csv"
    figures.write_text("action;indicateur;annee;trimestre;valeur\n2;CAPT;2022;1;10\n")
    assert main(["import-figures", str(figures)]) == 0
    with database.connect(db_path) as con:
        record_amendment(
            con, CID, COORDINATION, year=2022, amended_on=date(2022, 6, 30),
            reference="Avenant bis", targets={(2, "CAPT"): D(80)}, reason="test",
        )  # fmt: skip
        before = _capt(con, 2022, date(2022, 6, 29))
        after = _capt(con, 2022, date(2022, 6, 30))
        history = storage.history(con, CID)
    assert (before.target, before.attainment) == (40, D(10) / 40)
    assert (after.target, after.attainment) == (80, D(10) / 80)
    assert before.status != after.status or before.expected != after.expected
    assert (
        "Avenant bis du 30/06/2022 · année 2022 · cible · action 2 · Logements captés dans le parc "
        "privé" in set(history["item"])
    )


def test_the_payment_in_force_follows_its_amendment(db_path):
    with database.connect(db_path) as con:
        record_amendment(
            con, CID, COORDINATION, year=2022, amended_on=date(2022, 9, 1),
            reference="Avenant bis", payment=D(170000),
        )  # fmt: skip
        assert payment_in_force(con, CID, 2022, date(2022, 8, 31)) == D(163099)
        assert payment_in_force(con, CID, 2022, date(2022, 9, 1)) == D(170000)
        assert storage.payments(con, CID)[2022] == D(170000)  # reversement reads this


def test_an_earlier_dated_amendment_recorded_later_does_not_replace_the_current_value(db_path):
    with database.connect(db_path) as con:
        for day, target in ((date(2022, 9, 1), 50), (date(2022, 7, 1), 45)):
            record_amendment(
                con, CID, COORDINATION, year=2022, amended_on=day, reference=f"A{target}",
                targets={(2, "CAPT"): D(target)},
            )  # fmt: skip
        current = storage.indicator_specs(con, CID)[(2, "CAPT")].target(2022)
        in_july = targets_in_force(con, CID, date(2022, 8, 1))[(2, "CAPT")].target(2022)
    assert (current, in_july) == (50, 45)


def _decide(con, year, day):
    storage.record_decision(
        con, CID, year, PREFECTURE, proposed=D(0), decided=D(0), threshold=D(1),
        justification="objectifs atteints", decided_on=day,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("actor", "kwargs", "message"),
    [
        (Actor("p", "partenaire", "asso"), {}, "seule la coordination"),
        (Actor("a", "prefecture"), {}, "seule la coordination"),
        (COORDINATION, {"reference": " "}, "référence"),
        (COORDINATION, {"year": 2050}, "hors du plan"),
        (COORDINATION, {"payment": D(-1)}, "négatif"),
        (COORDINATION, {"payment": None, "targets": None}, "ne fixe ni"),
        (COORDINATION, {"amended_on": date(2022, 4, 1)}, "déjà décidée"),
    ],
)
def test_refused_amendments_write_nothing(db_path, actor, kwargs, message):
    arguments = {
        "year": 2021, "amended_on": date(2021, 6, 1), "reference": "Avenant 2021",
        "payment": D(500000), "targets": {(2, "CAPT"): D(41)},
    }  # fmt: skip
    arguments.update(kwargs)
    with database.connect(db_path) as con:
        _decide(con, 2021, date(2022, 3, 15))
        with pytest.raises(AmendmentRefused, match=message):
            record_amendment(con, CID, actor, **arguments)
        assert len(store.amendments(con, CID)) == 2
        assert storage.payments(con, CID)[2021] == D(494000)


def test_a_value_restated_unchanged_is_recorded_and_names_the_source(db_path):
    with database.connect(db_path) as con:
        done = record_amendment(
            con, CID, COORDINATION, year=2022, amended_on=date(2022, 11, 30),
            reference="Avenant de confirmation", payment=D(163099),
        )  # fmt: skip
        assert [(c.before, c.after) for c in done.changes] == [(D(163099), D(163099))]
        assert source_line(con, CID, 2022) == (
            "Cibles : Avenant 2022 du 25/05/2022 ; versement : Avenant de confirmation du "
            "30/11/2022"
        )
