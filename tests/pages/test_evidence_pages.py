"""Evidence on the pages (AppTest): the coordination sees and requires it on Validation, the
préfecture sees it on Contrôle, the Fiche action shows the action's documents."""

from __future__ import annotations

from conftest import open_page

from lda_dash.domain.permissions import Actor
from lda_dash.services.evidence import attach_document
from lda_dash.storage import database
from lda_dash.storage import evidence as store
from tests import evidence_files as files

CID = "dijon-2021-2022"
FILE_NAME = "Bilan annuel 2022.pdf"


def attach(path) -> None:
    with database.connect(path) as con:
        attach_document(
            con, CID, Actor("demo-partenaire", "admin", trusted_import=True), (3, "BILAN", 2022, 4),
            FILE_NAME, files.pdf(),
        )  # fmt: skip


def shown(at) -> str:
    return "\n".join(m.value.replace("\\", "") for m in at.markdown)  # Markdown escapes


def test_validation_lists_the_evidence_and_sets_the_requirement(demo_app_db):
    attach(demo_app_db)
    at = open_page("coordination", "lda_dash/pages/validation.py", 2022)
    assert FILE_NAME in shown(at)
    chooser = next(m for m in at.multiselect if m.label.startswith("Pièce justificative exigée"))
    chooser.select((3, "BILAN"))
    next(b for b in at.button if b.label == "Enregistrer les pièces exigées").click().run()
    assert not at.exception
    assert any("Pièces justificatives exigées" in s.value for s in at.success)
    with database.connect(demo_app_db) as con:
        assert store.required_evidence(con, CID) == {(3, "BILAN")}


def test_the_prefecture_sees_the_evidence_on_control(demo_app_db):
    attach(demo_app_db)
    at = open_page("prefecture", "lda_dash/pages/control.py", 2022)
    assert FILE_NAME in shown(at)


def test_the_dashboard_names_the_amendment_in_force(demo_app_db):
    at = open_page("coordination", "lda_dash/pages/dashboard.py", 2022)
    assert "Cibles et versement : Avenant 2022 du 25/05/2022" in [c.value for c in at.caption]
