"""Evidence in storage (issue 16): attach, required before submitting a produced milestone,
opened back byte for byte, and carried by backup/restore."""

from decimal import Decimal

import pytest

from lda_dash import storage
from lda_dash.domain.evidence import EvidenceRefused
from lda_dash.domain.model import QuarterFigure
from lda_dash.domain.permissions import Actor, PermissionDenied
from lda_dash.services.backup import backup, restore
from lda_dash.services.evidence import (
    attach_document,
    evidence_lines,
    open_document,
    set_requirement,
)
from lda_dash.storage import amendments as amendment_store
from lda_dash.storage import database
from lda_dash.storage import evidence as store
from tests import evidence_files as files

CID = "dijon-2021-2022"
PARTNER = Actor("camille", "partenaire", "asso")
COORDINATION = Actor("claire", "coordination")
BILAN = (1, "BILAN", 2022, 4)


@pytest.fixture
def con(db_path):
    with database.connect(db_path) as con:
        storage.upsert_organisation(con, "asso", "Association")
        storage.assign(con, CID, 1, "asso")
        yield con


def _submit(con, value=1):
    milestone = QuarterFigure(*BILAN, value=Decimal(value), status="submitted")
    return storage.save_figures(con, CID, [milestone], PARTNER, "Saisie")


def test_a_partner_attaches_the_annual_report_and_it_opens_byte_for_byte(con):
    report = files.pdf()
    document_id = attach_document(con, CID, PARTNER, BILAN, "Bilan annuel 2022.pdf", report)
    opened = open_document(con, CID, document_id)
    assert (opened["file_name"], opened["media_type"]) == (
        "Bilan annuel 2022.pdf",
        "application/pdf",
    )
    assert bytes(opened["content"]) == report
    [line] = evidence_lines(con, CID, 2022)
    assert (line["Fichier"], line["Déposé par"], line["Chiffre"]) == (
        "Bilan annuel 2022.pdf", "camille", "2022 T4",
    )  # fmt: skip
    logged = " ".join(storage.history(con, CID)["new_value"])
    assert "pièce jointe Bilan annuel 2022.pdf" in logged


@pytest.mark.parametrize(
    ("actor", "message"),
    [
        (COORDINATION, "seul un partenaire"),
        (Actor("autre", "partenaire", "autre-asso"), "pas confiée"),
    ],
)
def test_only_an_assigned_partner_attaches(con, actor, message):
    with pytest.raises(PermissionDenied, match=message):
        attach_document(con, CID, actor, BILAN, "b.pdf", files.pdf())
    assert store.documents(con, CID) == []


def test_a_hostile_file_is_refused_before_anything_is_stored(con):
    with pytest.raises(EvidenceRefused, match="archive ZIP"):
        attach_document(con, CID, PARTNER, BILAN, "bilan.pdf", files.docx())
    assert store.documents(con, CID) == []


@pytest.mark.parametrize(
    ("required", "value", "attached", "refused"),
    [
        (False, 1, False, False),  # not asked by the coordination
        (True, 1, False, True),  # produced, asked, missing: refused
        (True, 1, True, False),
        (True, 0, False, False),  # not produced yet: nothing to prove
    ],
)
def test_a_produced_milestone_needs_its_document_when_the_coordination_asks(
    con, required, value, attached, refused
):
    set_requirement(con, CID, COORDINATION, (1, "BILAN"), required)
    if attached:
        attach_document(con, CID, PARTNER, BILAN, "bilan.pdf", files.pdf())
    if refused:
        with pytest.raises(PermissionDenied, match="pièce justificative"):
            _submit(con, value)
    else:
        assert _submit(con, value) == 1


def test_only_the_coordination_sets_the_requirement(con):
    with pytest.raises(PermissionDenied):
        set_requirement(con, CID, PARTNER, (1, "BILAN"), True)


def test_backup_and_restore_carry_the_document_bytes(db_path, tmp_path):
    report = files.pdf("Bilan sauvegardé")
    with database.connect(db_path) as con:
        storage.upsert_organisation(con, "asso", "Association")
        storage.assign(con, CID, 1, "asso")
        document_id = attach_document(con, CID, PARTNER, BILAN, "bilan.pdf", report)
    manifest = backup(tmp_path / "b", db_path)
    assert manifest["tables"]["document"]["rows"] == 1
    restored = tmp_path / "restored.duckdb"
    restore(tmp_path / "b", restored)
    with database.connect(restored) as con:
        assert bytes(open_document(con, CID, document_id)["content"]) == report
        assert len(amendment_store.amendments(con, CID)) == 2


@pytest.mark.parametrize(
    ("actor", "sees"),
    [
        (COORDINATION, True),
        (Actor("pref", "prefecture"), True),
        (Actor("adm", "admin"), True),
        (PARTNER, True),  # its own action
        (Actor("autre", "partenaire", "autre-asso"), False),
    ],
)
def test_a_partner_sees_only_the_evidence_of_its_own_actions(con, actor, sees):
    attach_document(con, CID, PARTNER, BILAN, "bilan.pdf", files.pdf())
    assert bool(evidence_lines(con, CID, 2022, actor)) == sees
