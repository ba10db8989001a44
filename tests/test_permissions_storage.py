"""Permissions enforced in the storage layer (DOMAIN.md section 9), for every role."""

from decimal import Decimal

import pytest

from lda_dash import storage
from lda_dash.domain.model import QuarterFigure
from lda_dash.domain.permissions import Actor, PermissionDenied
from lda_dash.domain.workflow import ConcurrentEdit
from lda_dash.storage import database
from tests.reading import figure_versions

CID = "dijon-2021-2022"
PARTNER = Actor("p1", "partenaire", "ccas")
OTHER_PARTNER = Actor("p2", "partenaire", "habitat")
COORDINATION = Actor("c", "coordination")
PREFECTURE = Actor("pref", "prefecture")
ADMIN = Actor("adm", "admin")
KEY = (6, "DIAG", 2022, 1)


def fig(value=5, status="draft", key=KEY):
    return QuarterFigure(*key, value=Decimal(value), status=status)


@pytest.fixture
def con(db_path):
    with database.connect(db_path) as connection:
        storage.upsert_organisation(connection, "ccas", "CCAS")
        storage.upsert_organisation(connection, "habitat", "Habitat")
        storage.assign(connection, CID, 6, "ccas")
        yield connection


def status_of(con, key=KEY):
    return {(f.action, f.code, f.year, f.quarter): f.status for f in storage.figures(con, CID)}.get(
        key
    )


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_a_partner_writes_its_own_actions(con, status):
    assert storage.save_figures(con, CID, [fig(status=status)], PARTNER, "saisie") == 1
    assert status_of(con) == status


@pytest.mark.parametrize(
    ("actor", "status", "message"),
    [
        (OTHER_PARTNER, "draft", "pas confiée"),
        (PARTNER, "validated", "validation revient"),
        (COORDINATION, "draft", "ne saisit pas"),
        (PREFECTURE, "draft", "ne saisit pas"),
        (ADMIN, "validated", "ne saisit pas"),
    ],
)
def test_who_may_not_write_a_figure(con, actor, status, message):
    with pytest.raises(PermissionDenied, match=message):
        storage.save_figures(con, CID, [fig(status=status)], actor, "essai")
    assert status_of(con) is None


def test_a_submitted_figure_is_frozen_for_the_partner_until_returned(con):
    storage.save_figures(con, CID, [fig(status="submitted")], PARTNER, "saisie")
    with pytest.raises(PermissionDenied, match="déjà soumis"):
        storage.save_figures(con, CID, [fig(7)], PARTNER, "correction")
    storage.review_figures(con, CID, [KEY], COORDINATION, "returned", "Chiffre à vérifier")
    assert status_of(con) == "returned"
    storage.save_figures(con, CID, [fig(7, "submitted")], PARTNER, "correction")
    assert status_of(con) == "submitted"


def test_validation_is_for_the_coordination_only(con):
    storage.save_figures(con, CID, [fig(status="submitted")], PARTNER, "saisie")
    for actor in (PARTNER, PREFECTURE, ADMIN):
        with pytest.raises(PermissionDenied, match="seule la coordination"):
            storage.review_figures(con, CID, [KEY], actor, "validated")
    storage.review_figures(con, CID, [KEY], COORDINATION, "validated")
    assert status_of(con) == "validated"
    with pytest.raises(PermissionDenied, match="déjà validé"):
        storage.save_figures(con, CID, [fig(9)], PARTNER, "correction")


def test_a_return_needs_a_reason(con):
    storage.save_figures(con, CID, [fig(status="submitted")], PARTNER, "saisie")
    with pytest.raises(PermissionDenied, match="motif"):
        storage.review_figures(con, CID, [KEY], COORDINATION, "returned", "  ")


def test_only_submitted_figures_are_reviewed(con):
    storage.save_figures(con, CID, [fig(status="draft")], PARTNER, "saisie")
    with pytest.raises(PermissionDenied, match="soumis"):
        storage.review_figures(con, CID, [KEY], COORDINATION, "validated")


def test_a_locked_year_refuses_every_writer(con):
    con.execute(
        "INSERT INTO year_lock VALUES (?, 2022, TRUE, 'pref', now()::TIMESTAMP, 'décision')", [CID]
    )
    trusted = Actor("admin", "admin", trusted_import=True)
    for actor in (PARTNER, trusted):
        with pytest.raises(PermissionDenied, match="verrouillée"):
            storage.save_figures(con, CID, [fig()], actor, "essai")


def test_the_second_of_two_concurrent_edits_is_refused_naming_the_first(con):
    storage.save_figures(con, CID, [fig(5)], PARTNER, "saisie")
    read_version = figure_versions(con, CID)[KEY]
    colleague = Actor("p1bis", "partenaire", "ccas")
    storage.save_figures(
        con, CID, [fig(6)], colleague, "saisie", expected_versions={KEY: read_version}
    )
    with pytest.raises(ConcurrentEdit, match="modifié par p1bis"):
        storage.save_figures(
            con, CID, [fig(7)], PARTNER, "saisie", expected_versions={KEY: read_version}
        )
    assert storage.figures(con, CID)[0].value == 6


def test_a_figure_created_meanwhile_is_a_conflict_too(con):
    storage.save_figures(con, CID, [fig(5)], Actor("x", "partenaire", "ccas"), "s")
    with pytest.raises(ConcurrentEdit):
        storage.save_figures(con, CID, [fig(7)], PARTNER, "saisie", expected_versions={KEY: None})


def test_every_write_leaves_a_history_line(con):
    storage.save_figures(con, CID, [fig(5, "submitted")], PARTNER, "saisie")
    storage.review_figures(con, CID, [KEY], COORDINATION, "returned", "Trop bas ?")
    history = storage.history(con, CID)
    assert list(history.author[:2]) == ["c", "p1"]
    assert history.reason.iloc[0] == "Trop bas ?"
