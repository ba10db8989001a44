"""Decisions, locks, allocation overrides and target edits: who may, reasons, history."""

from datetime import date
from decimal import Decimal

import pytest

from lda_dash import storage
from lda_dash.domain.model import QuarterFigure
from lda_dash.domain.permissions import Actor, PermissionDenied
from lda_dash.services.control import load_allocation
from lda_dash.storage import database

CID = "dijon-2021-2022"
PREFECTURE = Actor("pref", "prefecture")
COORDINATION = Actor("coord", "coordination")
ADMIN = Actor("adm", "admin")
PARTNER = Actor("p", "partenaire", "ccas")


@pytest.fixture
def con(db_path):
    with database.connect(db_path) as connection:
        storage.upsert_organisation(connection, "ccas", "CCAS")
        storage.assign(connection, CID, 6, "ccas")
        yield connection


def decide(con, actor=PREFECTURE, justification="Objectifs partiellement atteints", amount=1000):
    storage.record_decision(
        con, CID, 2021, actor, proposed=Decimal(1200), decided=Decimal(amount),
        threshold=Decimal(1), justification=justification, decided_on=date(2022, 3, 1),
        letter_date=date(2022, 1, 31),
    )  # fmt: skip


def test_a_decision_locks_the_year_until_an_admin_unlocks_it(con):
    decide(con)
    assert storage.is_year_locked(con, CID, 2021)
    figure = QuarterFigure(6, "DIAG", 2021, 1, Decimal(3), status="draft")
    with pytest.raises(PermissionDenied, match="verrouillée"):
        storage.save_figures(con, CID, [figure], PARTNER, "saisie")
    with pytest.raises(PermissionDenied, match="motif"):
        storage.set_year_lock(con, CID, 2021, ADMIN, False, "")
    storage.set_year_lock(con, CID, 2021, ADMIN, False, "Erreur de saisie à corriger")
    assert storage.save_figures(con, CID, [figure], PARTNER, "saisie") == 1


@pytest.mark.parametrize("actor", [COORDINATION, ADMIN, PARTNER])
def test_only_the_prefecture_decides(con, actor):
    with pytest.raises(PermissionDenied, match="préfecture"):
        decide(con, actor)
    assert storage.decisions(con, CID) == []


def test_a_decision_needs_a_justification(con):
    with pytest.raises(PermissionDenied, match="motif"):
        decide(con, justification="   ")


def test_a_decision_is_recorded_with_its_author_and_history(con):
    decide(con, amount=900)
    record = storage.decisions(con, CID)[0]
    assert (record["decided_amount"], record["author"]) == (900, "pref")
    assert storage.decided_amounts(con, CID) == {2021: 900}
    assert storage.history(con, CID).entity.iloc[0] == "decision"


def test_locks_are_for_admins(con):
    with pytest.raises(PermissionDenied, match="administration"):
        storage.set_year_lock(con, CID, 2021, COORDINATION, True, "test")


def test_an_allocation_override_must_sum_exactly_to_the_payment(con):
    default, _ = load_allocation(con, CID, 2022)
    shares = dict(default)
    shares[1] += 1
    with pytest.raises(PermissionDenied, match="totalise"):
        storage.set_allocation(con, CID, 2022, shares, Decimal(163099), COORDINATION, "ajustement")
    shares[2] -= 1
    with pytest.raises(PermissionDenied, match="coordination"):
        storage.set_allocation(con, CID, 2022, shares, Decimal(163099), ADMIN, "ajustement")
    storage.set_allocation(
        con, CID, 2022, shares, Decimal(163099), COORDINATION, "ajustement", current=default
    )
    stored, overridden = load_allocation(con, CID, 2022)
    assert overridden and stored[1] == shares[1] and sum(stored.values()) == 163099
    assert len(storage.history(con, CID)) == 2  # the two shares that changed


def test_target_and_weight_edits_need_the_coordination_and_a_reason(con):
    with pytest.raises(PermissionDenied):
        storage.set_target(con, CID, (2, "CAPT"), 2022, Decimal(50), Decimal(40), PARTNER, "x")
    with pytest.raises(PermissionDenied, match="motif"):
        storage.set_target(con, CID, (2, "CAPT"), 2022, Decimal(50), Decimal(40), COORDINATION, "")
    storage.set_target(
        con, CID, (2, "CAPT"), 2022, Decimal(50), Decimal(40), COORDINATION, "avenant"
    )
    storage.set_weight(con, CID, (2, "CAPT"), Decimal(2), Decimal(1), COORDINATION, "priorité")
    spec = storage.indicator_specs(con, CID)[(2, "CAPT")]
    assert (spec.target(2022), spec.weight) == (50, 2)
    history = storage.history(con, CID)
    assert list(history.entity[:2]) == ["weight", "target"]
    assert list(history.old_value[:2]) == ["1", "40"]
