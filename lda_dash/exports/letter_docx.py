"""The Article 4 notification letter, from the Prefect to the President of the EPCI, as an
editable Word document (python-docx).

Article 4 of the convention: « En cas de reversement, le Préfet de département en informe le
Président de l'EPCI par lettre recommandée avec accusé de réception. Le Président de l'EPCI
dispose d'un délai d'un mois pour y répondre. À l'issue de ce délai, le Préfet de département
émet un titre de reversement, pour paiement au plus tard 6 mois après son émission. »

The letter is written from the recorded decision (amount, justification, dates) and the
proposal it relied on (rule, threshold, per-action terms). What the database does not know (the
département, the signatory's name, the service's references) is left as a bracketed field to
complete in Word: the préfecture edits and signs the letter, the app only drafts it.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from lda_dash import fmt
from lda_dash.domain.year_report import ExecutionReportData
from lda_dash.exports import ExportError
from lda_dash.words import decision as words
from lda_dash.words.texts import threshold_words


def _money(value) -> str:
    """An amount that never breaks before its euro sign at the end of a line."""
    return fmt.money(value).replace(" €", "\u00a0€")


def _paragraph(document, text: str = "", *, bold=False, size=11, align=None, after=6):
    paragraph = document.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        run.font.size = Pt(size)
    paragraph.paragraph_format.space_after = Pt(after)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _labelled(document, label: str, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(text)
    paragraph.paragraph_format.space_after = Pt(2)


def _setup(document) -> None:
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(1.8), Cm(1.8)
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)


def _letterhead(document, data: ExecutionReportData) -> None:
    """The State's block on the left, the place and date on the right."""
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(9), Cm(7.6)
    head = left.paragraphs[0]
    run = head.add_run("PRÉFET\nDE [DÉPARTEMENT]")
    run.bold = True
    run.font.size = Pt(12)
    motto = left.add_paragraph()
    motto_run = motto.add_run("Liberté\nÉgalité\nFraternité")
    motto_run.italic = True
    motto_run.font.size = Pt(9)
    service = left.add_paragraph()
    service.add_run("[Service instructeur]\nAffaire suivie par : [nom]\nRéférence : [référence]")
    service.runs[0].font.size = Pt(9)
    decision = data.decision
    sent = decision.get("letter_date") or decision["decided_on"]
    place = right.paragraphs[0]
    place.add_run(f"[Ville], le {fmt.long_day(sent)}")
    place.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _paragraph(document, after=10)


def _addressee(document, data: ExecutionReportData) -> None:
    territory = data.convention["territory_name"]
    for text, bold in (
        ("LETTRE RECOMMANDÉE AVEC ACCUSÉ DE RÉCEPTION", True),
        ("Le préfet de [département]", False),
        ("à", False),
        (f"Monsieur le Président de {territory}", True),
        ("[adresse]", False),
    ):
        paragraph = _paragraph(document, text, bold=bold, after=2)
        paragraph.paragraph_format.left_indent = Cm(8.5)
    _paragraph(document, after=8)


def _terms_table(document, data: ExecutionReportData) -> None:
    """The actions below the threshold: allocation, attainment, amount (the objective base)."""
    proposal = data.proposal
    below = [t for t in proposal.actions if t.objective_base > 0]
    if not below:
        return
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(
        table.rows[0].cells,
        ("Action", f"Part du versement {data.year}", "Atteinte", "Montant"),
        strict=True,
    ):
        cell.paragraphs[0].add_run(text).bold = True
    for term in below:
        cells = table.add_row().cells
        cells[0].text = f"n° {term.action} · {data.titles.get(term.action, '')}"
        cells[1].text = _money(term.allocation)
        cells[2].text = fmt.percent(term.attainment, 1)
        cells[3].text = _money(term.objective_base)
        for cell in cells[1:]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    widths = (Cm(8.4), Cm(3.4), Cm(2.2), Cm(2.6))
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(9)
    _paragraph(document, after=4)


def _body(document, data: ExecutionReportData) -> None:
    convention, decision, proposal, year = data.convention, data.decision, data.proposal, data.year
    territory = convention["territory_name"]
    payment = data.payments.get(year)
    decided = decision["decided_amount"]
    letter_date = decision.get("letter_date")
    _labelled(
        document,
        "Objet : ",
        f"reversement de la subvention « Logement d'abord » versée au titre de {year}",
    )
    _labelled(
        document,
        "Références : ",
        f"{convention['title']}, article 4 ; programme {convention['programme']} "
        f"« {convention['programme_label']} »",
    )
    _labelled(document, "Pièce jointe : ", f"rapport d'exécution {year}")
    _paragraph(document, after=8)
    _paragraph(document, "Monsieur le Président,", after=8)
    amount_words = _money(payment) if payment is not None else "[montant]"
    text = (
        f"Au titre de l'année {year}, l'État a versé à {territory} une subvention de "
        f"{amount_words} pour la mise en œuvre accélérée du plan « Logement d'abord », dans le "
        f"cadre de la convention citée en référence. Conformément à son article 4, j'ai examiné "
        f"le rapport d'exécution de l'année {year}, établi à partir des chiffres validés par la "
        "coordination du plan, afin de vérifier l'atteinte des objectifs prévus."
    )
    _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    rule = (
        "La règle appliquée est la suivante : pour chaque action dont le taux d'atteinte des "
        f"objectifs est inférieur au seuil de {threshold_words(proposal.threshold)}, la part non "
        "atteinte de la somme répartie sur l'action est reversée (part × (1 − atteinte)) ; le "
        "montant retenu est le plus élevé de ce total et des crédits non consommés, sans "
        f"dépasser le versement {year}. Les actions concernées sont les suivantes :"
    )
    _paragraph(document, rule, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _terms_table(document, data)
    unspent = proposal.unspent_base
    summary = (
        f"Le total au titre des objectifs s'élève à {_money(proposal.objective_base_total)}"
        + (f" et les crédits non consommés à {_money(unspent)}" if unspent is not None else "")
        + f" ; la proposition qui en résulte est de {_money(proposal.proposed_total)}."
    )
    _paragraph(document, summary, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    decision_text = (
        f"Par décision du {fmt.long_day(decision['decided_on'])}, j'ai arrêté le montant du "
        f"reversement dû par {territory} au titre de {year} à "
    )
    paragraph = _paragraph(document, after=6, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.add_run(decision_text)
    paragraph.add_run(_money(decided)).bold = True
    paragraph.add_run(f", pour les motifs suivants : {decision['justification'].strip()}")
    reply = (
        "Vous disposez d'un délai d'un mois à compter de la présente lettre pour me faire "
        "part de vos observations"
        + (f", soit jusqu'au {fmt.long_day(words.reply_due(decision))}" if letter_date else "")
        + ". À l'issue de ce délai, un titre de reversement sera émis à l'encontre de "
        f"{territory}, pour un paiement au plus tard six mois après son émission."
    )
    _paragraph(document, reply, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _paragraph(
        document,
        "Je vous prie d'agréer, Monsieur le Président, l'expression de ma considération "
        "distinguée.",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        after=18,
    )


def _signature(document) -> None:
    for text in ("Le préfet,", "", "", "[Prénom NOM]"):
        paragraph = _paragraph(document, text, after=2)
        paragraph.paragraph_format.left_indent = Cm(9.5)


def article4_letter_docx(data: ExecutionReportData) -> bytes:
    """The letter's bytes; refused without a recorded decision to clawback."""
    decision = data.decision
    if decision is None or data.proposal is None:
        raise ExportError(
            f"aucune décision de reversement enregistrée pour {data.year} : la lettre de "
            "l'article 4 s'écrit après la décision (page Contrôle et reversement)"
        )
    if not decision["decided_amount"]:
        raise ExportError(
            f"la décision {data.year} ne demande aucun reversement : l'article 4 ne prévoit "
            "de lettre qu'en cas de reversement"
        )
    document = Document()
    _setup(document)
    _letterhead(document, data)
    _addressee(document, data)
    _body(document, data)
    _signature(document)
    if data.demo:
        _paragraph(document, "Données de démonstration : ce courrier est fictif.", bold=True)
    document.core_properties.title = f"Notification du reversement {data.year}"
    document.core_properties.author = "LDA Dash"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
