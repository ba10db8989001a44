"""The Article 4 notification letter (Word) holds the recorded decision: amount, rule, dates."""

import io
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from docx import Document

from lda_dash.cli.main import main as cli_main
from lda_dash.domain.permissions import Actor, Role
from lda_dash.exports import ExportError, render
from lda_dash.services.control import load_clawback
from lda_dash.services.control_actions import DecisionForm, save_decision
from lda_dash.storage import database
from lda_dash.words.texts import threshold_words
from tests.reading import load_report_data

CID = "dijon-2021-2022"
PREFECT = Actor("prefecture", Role.PREFECTURE)
JUSTIFICATION = "Objectifs des actions 6, 9 et 12 non atteints ; montant ramené après échange."


def decide(path, amount: int, letter: date | None = date(2022, 3, 31)) -> None:
    with database.connect(path, read_only=True) as con:
        proposal, _ = load_clawback(con, CID, 2021, threshold=Fraction(1))
    form = DecisionForm(
        Decimal(amount), JUSTIFICATION, date(2022, 3, 15), letter, date(2022, 5, 2), None
    )
    save_decision(path, CID, 2021, PREFECT, threshold=Fraction(1),
                  shown_proposal=proposal.proposed_total, form=form)  # fmt: skip


def letter_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_the_letter_holds_the_decision_amount_rule_and_dates(demo_db_path):
    decide(demo_db_path, 12345)
    data = load_report_data(demo_db_path, 2021)
    text = letter_text(render("docx", data))
    for expected in (
        "12\u202f345\u00a0€",  # the decided amount, the French way
        "décision du 15 mars 2022",
        "[Ville], le 31 mars 2022",  # the registered letter
        "jusqu'au 30 avril 2022",  # one month to answer
        "délai d'un mois",
        "titre de reversement",
        "six mois",
        f"seuil de {threshold_words(Fraction(1))}",
        JUSTIFICATION,
        "Monsieur le Président de Dijon Métropole",
        "LETTRE RECOMMANDÉE AVEC ACCUSÉ DE RÉCEPTION",
        "Le préfet,",
    ):
        assert expected in text, expected
    proposal = data.proposal
    below = [t for t in proposal.actions if t.objective_base > 0]
    assert below and all(f"n° {t.action} · " in text for t in below)


@pytest.mark.parametrize(
    ("amount", "message"),
    [(None, "aucune décision de reversement enregistrée pour 2021"),
     (0, "ne demande aucun reversement")],
)  # fmt: skip
def test_no_letter_without_a_clawback_decided(demo_db_path, amount, message):
    if amount is not None:
        decide(demo_db_path, amount)
    with pytest.raises(ExportError, match=message):
        render("docx", load_report_data(demo_db_path, 2021))


def test_the_command_line_writes_the_letter(demo_db_path, tmp_path, capsys):
    decide(demo_db_path, 20000, letter=None)
    output = tmp_path / "lettre.docx"
    code = cli_main(["export", "--year", "2021", "--format", "docx", "--output", str(output),
                     "--db", str(demo_db_path)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    text = letter_text(output.read_bytes())
    assert "20\u202f000\u00a0€" in text and "un mois à compter de la présente lettre" in text


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice absent")
def test_libreoffice_opens_the_letter(demo_db_path, tmp_path):
    decide(demo_db_path, 12345)
    letter = tmp_path / "lettre.docx"
    letter.write_bytes(render("docx", load_report_data(demo_db_path, 2021)))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(letter)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    assert (tmp_path / "lettre.pdf").stat().st_size > 5000
