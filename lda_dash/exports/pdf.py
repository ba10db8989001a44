"""The execution report as a PDF in French: title page, summary with the chart, IPTT, actions,
finances, and the clawback rule with its proposal. Never any bank details.
"""

from __future__ import annotations

from lda_dash import fmt
from lda_dash.charts import progress as progress_charts
from lda_dash.domain.model import STATUS_LABELS, Status
from lda_dash.domain.progress_report import action_status
from lda_dash.domain.year_report import ExecutionReportData
from lda_dash.exports.evidence_report import evidence_section
from lda_dash.exports.images import figure_png
from lda_dash.exports.pdf_decision import DECISION, decision_section
from lda_dash.exports.pdf_finances import clawback_section, finances_section
from lda_dash.exports.pdf_layout import (
    GREY,
    INK,
    NOTE_FILL,
    ReportPDF,
    attainment_bars,
    boxed,
    data_table,
    heading,
    key_values,
    paragraph,
)
from lda_dash.words import texts

CHART_WIDTH_PX = 1000
BELOW_TARGET = (Status.NOT_ACHIEVED, Status.PARTIALLY_ACHIEVED, Status.LATE, Status.WATCH)
SECTIONS = (
    "1. Synthèse et atteinte des actions",
    "2. Indicateurs (tableau de suivi)",
    "3. Actions",
    "4. Finances",
    "5. Reversement (article 4)",
    "6. Pièces justificatives",
    DECISION,
)


def execution_report_pdf(data: ExecutionReportData) -> bytes:
    """The PDF's bytes; the chart is a kaleido PNG, or drawn bars when Chromium cannot run."""
    convention = data.convention
    pdf = ReportPDF(
        f"{texts.report_title(data.year)} · {convention['territory_name']} · "
        f"{texts.validated_on(data)}"
    )
    pdf.set_title(f"{texts.report_title(data.year)} – {convention['territory_name']}")
    pdf.set_author(convention["territory_name"])
    pdf.set_creator("LDA Dash")
    title_page(pdf, data)
    summary_section(pdf, data)
    indicators_section(pdf, data)
    actions_section(pdf, data)
    finances_section(pdf, data)
    clawback_section(pdf, data)
    evidence_section(pdf, data)
    decision_section(pdf, data)
    return bytes(pdf.output())


def title_page(pdf: ReportPDF, data: ExecutionReportData) -> None:
    convention = data.convention
    pdf.add_page()
    pdf.set_y(30)
    paragraph(pdf, "AMI 2 « Territoire de mise en œuvre accélérée du plan Logement d'abord »",
              size=10, gap=8)  # fmt: skip
    heading(pdf, texts.report_title(data.year), size=28)
    paragraph(pdf, convention["title"], size=13, gap=6)
    paragraph(pdf, convention["territory_name"], size=16, style="B", gap=8)
    references = texts.references(data)[2:]  # title and territory are above
    due = convention.get("payment_due")
    payments = texts.payments_line(data)
    if due:
        payments += f" ; versement dû au plus tard le {due} de chaque année"
    key_values(pdf, [*references, ("Versements de l'État", payments)], label_width=55)
    pdf.ln(4)
    paragraph(
        pdf,
        f"Rapport établi sur les {texts.validated_on(data)}, date de référence "
        f"{fmt.day(data.as_of)}.",
        size=12,
        style="B",
    )
    paragraph(pdf, texts.VALIDATED_ONLY, size=10)
    if data.proposal is None:
        boxed(pdf, f"Pas de proposition de reversement : {data.no_proposal_reason}.",
              fill=NOTE_FILL)  # fmt: skip
    if data.demo:
        boxed(pdf, "Données de démonstration : les chiffres de ce rapport sont fictifs.")
    pdf.ln(6)
    paragraph(pdf, "Sommaire", size=11, style="B", gap=1)
    for section in SECTIONS:
        paragraph(pdf, section, size=10, gap=0.5)
    pdf.set_y(-30)
    pdf.set_text_color(*GREY)
    paragraph(pdf, f"Produit par LDA Dash le {fmt.moment(data.generated_at)}.", size=8)
    pdf.set_text_color(*INK)


def summary_section(pdf: ReportPDF, data: ExecutionReportData) -> None:
    report, totals, proposal = data.progress, data.finances.totals, data.proposal
    pdf.add_page()
    heading(pdf, SECTIONS[0])
    numbers = sorted(report.action_attainments)
    achieved = sum(action_status(report, n) == Status.ACHIEVED for n in numbers)
    proposed = (
        fmt.money(proposal.proposed_total) if proposal else texts.sentence(data.no_proposal_reason)
    )
    key_values(
        pdf,
        [
            (f"Versement {data.year}", fmt.money(data.payments.get(data.year))),
            ("Actions atteintes", f"{achieved} sur {len(numbers)}"),
            (f"Dépenses AMI validées {data.year}", fmt.money(totals.spending)),
            ("Consommation du versement", fmt.percent(totals.consumption)),
            ("Reversement proposé", proposed),
        ],
    )
    paragraph(pdf, f"Atteinte des actions en {data.year}", size=11, style="B", gap=1)
    chart = progress_charts.attainment_chart(report, data.titles)
    # Denser rows than on screen so that the page holds it all; labels clear of the bars and
    # room on the right for the longest words ("pas encore de chiffre · non renseigné").
    height = 90 + 28 * len(numbers)
    chart.update_layout(height=height, margin={"r": 300})
    chart.update_yaxes(ticklabelstandoff=6)
    png = figure_png(chart, CHART_WIDTH_PX, height)
    if png is None:
        attainment_bars(pdf, _bar_items(data))
    else:
        width = pdf.epw
        if pdf.will_page_break(width * height / CHART_WIDTH_PX):
            pdf.add_page()
        pdf.image(png, w=width, alt_text=f"Atteinte des actions en {data.year}")
        pdf.ln(3)
    indicator_summary(pdf, data)


def _bar_items(data: ExecutionReportData):
    items = []
    for number, attained in sorted(data.progress.action_attainments.items()):
        status = action_status(data.progress, number)
        words = STATUS_LABELS[status]
        if attained is not None:
            words = f"{fmt.percent(attained)} · {words}"
        label = f"n° {number} · {progress_charts.short_title(data.titles.get(number, ''))}"
        items.append((label, attained, words, progress_charts.STATUS_COLOURS[status]))
    return items


def indicator_summary(pdf: ReportPDF, data: ExecutionReportData) -> None:
    """How many indicators have each status, and which ones stay below their target."""
    counts = " ; ".join(f"{label} : {count}" for label, count in texts.status_counts(data))
    paragraph(pdf, "Indicateurs par statut", size=11, style="B", gap=1)
    paragraph(pdf, counts, size=10)
    below = [row for row in texts.indicator_rows(data) if row.status in BELOW_TARGET]
    if not below:
        return
    paragraph(pdf, "Indicateurs sous leur cible", size=11, style="B", gap=1)
    rows = [
        [str(r.spec.action), r.spec.label, fmt.number(r.value), fmt.number(r.target),
         fmt.percent(r.attainment, 1), STATUS_LABELS[r.status]]
        for r in below
    ]  # fmt: skip
    data_table(
        pdf,
        ["N°", "Indicateur", "Valeur", "Cible", "Atteinte", "Statut"],
        rows,
        widths=(10, 86, 18, 16, 16, 34),
        aligns=("RIGHT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"),
        size=8.5,
    )


def shown(value) -> str:
    """A cell of the indicators table: words as they are (a milestone), numbers the French way."""
    return value if isinstance(value, str) else fmt.number(value)


def indicators_section(pdf: ReportPDF, data: ExecutionReportData) -> None:
    pdf.add_page(orientation="L")
    heading(pdf, SECTIONS[1])
    paragraph(pdf, f"{texts.VALIDATED_ONLY} {texts.NOT_IN_IPTT} T1 à T4 : chiffres saisis "
              "pour chaque trimestre (cumul depuis le 1er janvier ou niveau en fin de trimestre "
              "selon le mode ; pour un taux, le taux du trimestre).", size=9)  # fmt: skip
    rows = []
    for row in texts.indicator_rows(data):
        spec = row.spec
        quarters = data.quarters.get((spec.action, spec.code), {})
        rows.append(
            [str(spec.action), spec.label, spec.unit, texts.MODE_SHORT[spec.mode],
             shown(texts.milestone(spec, row.target, target=True)),
             *(shown(texts.milestone(spec, quarters.get(q))) for q in (1, 2, 3, 4)),
             shown(texts.milestone(spec, row.value)), fmt.percent(row.attainment, 1),
             STATUS_LABELS[row.status]]
        )  # fmt: skip
    data_table(
        pdf,
        ["N°", "Indicateur", "Unité", "Mode", f"Cible {data.year}", "T1", "T2", "T3", "T4",
         "Valeur annuelle", "Atteinte", "Statut"],
        rows,
        widths=(9, 75, 25, 21, 15, 14, 14, 14, 14, 17, 16, 33),
        aligns=("RIGHT", "LEFT", "LEFT", "LEFT", *("RIGHT",) * 7, "LEFT"),
        size=8.5,
    )  # fmt: skip


def actions_section(pdf: ReportPDF, data: ExecutionReportData) -> None:
    pdf.add_page(orientation="P")
    heading(pdf, SECTIONS[2])
    paragraph(pdf, "Atteinte d'une action : moyenne pondérée, sur ses indicateurs ayant une "
              "cible, de l'atteinte de chacun plafonnée à 100 %. Une fois l'année terminée, un "
              "indicateur sans chiffre compte 0.", size=9)  # fmt: skip
    report = data.progress
    rows = [
        [str(a["number"]), a["title"], a["category"] or fmt.DASH,
         fmt.percent(report.action_attainments.get(a["number"]), 1),
         STATUS_LABELS[action_status(report, a["number"])]]
        for a in data.actions
    ]  # fmt: skip
    data_table(
        pdf,
        ["N°", "Action", "Catégorie", "Atteinte", "Statut"],
        rows,
        widths=(9, 78, 47, 16, 30),
        aligns=("RIGHT", "LEFT", "LEFT", "RIGHT", "LEFT"),
        size=8.5,
    )
