"""The money pages of the PDF report: finances per action and for the convention, the clawback."""

from __future__ import annotations

from lda_dash import fmt
from lda_dash.domain.year_report import ExecutionReportData
from lda_dash.exports.pdf_layout import (
    ReportPDF,
    boxed,
    data_table,
    heading,
    key_values,
    paragraph,
)
from lda_dash.words import texts

FINANCES = "4. Finances"
CLAWBACK = "5. Reversement (article 4)"


def finances_section(pdf: ReportPDF, data: ExecutionReportData) -> None:
    finances = data.finances
    pdf.add_page(orientation="L")
    heading(pdf, FINANCES)
    note = (
        f"{texts.VALIDATED_ONLY} Budget : annexe 1 de la convention (pour la 2e année, "
        "estimations ; l'annexe n'y précise pas le financement AMI). Consommation : dépenses "
        "AMI validées / part du versement répartie sur l'action. Résultat : valeur annuelle du "
        "premier indicateur de comptage de l'action (somme, cumul ou stock ; aucun pour une "
        "action suivie par des jalons ou des taux) ; le coût par résultat divise la répartition "
        "ou les dépenses par ce résultat."
    )
    if finances.allocation_missing:
        note += f" Pas de répartition : {finances.allocation_missing}."
    elif finances.allocation_is_override:
        note += " Répartition fixée par la coordination."
    paragraph(pdf, note, size=9)
    rows = []
    for line in finances.actions:
        result = fmt.DASH
        if line.result is not None and line.result_value is not None:
            result = texts.quantity(line.result_value, line.result.unit)
        rows.append(
            [str(line.action), data.titles.get(line.action, ""), fmt.money(line.budget.cost),
             fmt.money(line.budget.ami), fmt.money(line.budget.cofunding),
             fmt.money(line.allocation), fmt.money(line.spending),
             fmt.percent(line.consumption), result, fmt.money(line.allocation_per_result),
             fmt.money(line.spending_per_result)]
        )  # fmt: skip
    t = finances.totals
    total = ["", "Total", fmt.money(t.cost), fmt.money(t.ami), fmt.money(t.cofunding),
             fmt.money(t.allocation), fmt.money(t.spending), fmt.percent(t.consumption),
             "", "", ""]  # fmt: skip
    data_table(
        pdf,
        ["N°", "Action", "Coût prévu", "Finan\u00adcement AMI", "Cofinan\u00adcement",
         "Répartition", "Dépenses AMI validées", "Consom\u00admation", "Résultat",
         "Coût par résultat (répartition)", "Coût par résultat (dépenses)"],
        rows,
        widths=(8, 80, 19, 19, 19, 19, 20, 16, 25, 21, 21),
        aligns=("RIGHT", "LEFT", *("RIGHT",) * 9),
        size=8,
        total=total,
    )  # fmt: skip
    if pdf.will_page_break(22 + 5 * len(finances.balance)):
        pdf.add_page(orientation="L")
    paragraph(pdf, "Solde de la convention", size=11, style="B", gap=1)
    paragraph(pdf, "Solde reporté à la fin de chaque année : versements cumulés − dépenses AMI "
              "validées cumulées − reversements décidés cumulés.", size=9)  # fmt: skip
    data_table(
        pdf,
        ["Année", "Versement", "Dépenses AMI validées", "Reversement décidé", "Solde reporté"],
        [
            [str(b.year), fmt.money(b.payment), fmt.money(b.spending),
             fmt.money(b.decided_clawback), fmt.money(b.balance)]
            for b in finances.balance
        ],
        widths=(16, 30, 36, 34, 30),
        aligns=("LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT"),
        size=8.5,
    )  # fmt: skip


def clawback_section(pdf: ReportPDF, data: ExecutionReportData) -> None:
    proposal = data.proposal
    pdf.add_page(orientation="P")
    heading(pdf, CLAWBACK)
    paragraph(pdf, "Règle de calcul", size=11, style="B", gap=1)
    for text in texts.clawback_rule(data):
        paragraph(pdf, text, size=9, gap=1.2)
    pdf.ln(2)
    if proposal is None:
        boxed(pdf, f"Aucune proposition de reversement : {data.no_proposal_reason}.")
        return
    year = data.year
    paragraph(pdf, "Les deux bases et le montant proposé", size=11, style="B", gap=1)
    key_values(
        pdf,
        [
            ("Base objectifs", fmt.money(proposal.objective_base_total)),
            (f"Versements cumulés jusqu'en {year}", fmt.money(proposal.payments_to_date)),
            (f"Dépenses AMI validées cumulées jusqu'en {year}",
             fmt.money(proposal.spending_to_date)),
            ("Reversements déjà décidés (années précédentes)",
             fmt.money(proposal.decided_before)),
            ("Base non-consommation", texts.unspent_text(proposal)),
            (f"Plafond : versement {year}", fmt.money(proposal.payment)),
            ("Seuil", texts.threshold_words(proposal.threshold)),
            ("Montant proposé", fmt.money(proposal.proposed_total)),
        ],
        label_width=110,
        size=9,
    )  # fmt: skip
    paragraph(pdf, f"Proposition {data.year}, action par action", size=11, style="B", gap=1)
    rows = [
        [str(term.action), data.titles.get(term.action, ""), fmt.money(term.allocation),
         fmt.percent(term.attainment, 1), texts.yes_no(term.below_threshold),
         fmt.money(term.objective_base)]
        for term in proposal.actions
    ]  # fmt: skip
    total = ["", "Base objectifs (somme)", fmt.money(sum(t.allocation for t in proposal.actions)),
             "", "", fmt.money(proposal.objective_base_total)]  # fmt: skip
    data_table(
        pdf,
        ["N°", "Action", "Répartition", "Atteinte", "Sous le seuil", "Base objectifs"],
        rows,
        widths=(9, 81, 24, 18, 22, 26),
        aligns=("RIGHT", "LEFT", "RIGHT", "RIGHT", "LEFT", "RIGHT"),
        size=8.5,
        total=total,
    )
