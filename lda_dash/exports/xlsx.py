"""The execution report as an XLSX workbook: summary, IPTT, actions, finances, clawback, history."""

from __future__ import annotations

import io

from openpyxl import Workbook

from lda_dash import fmt
from lda_dash.domain.model import STATUS_LABELS, Status
from lda_dash.domain.progress_report import action_status
from lda_dash.domain.year_report import ExecutionReportData
from lda_dash.exports.evidence_report import evidence_sheet
from lda_dash.exports.xlsx_decision import decision_sheet
from lda_dash.exports.xlsx_layout import (
    BOLD,
    EURO,
    PERCENT,
    PERCENT_1,
    Column,
    count_format,
    pairs,
    paragraph,
    put,
    table,
    title,
)
from lda_dash.words import texts
from lda_dash.words.history import history_line


def execution_report_xlsx(data: ExecutionReportData) -> bytes:
    """The workbook's bytes; every text cell is safe against formula injection."""
    book = Workbook()
    summary_sheet(book.active, data)
    for name, writer in (
        ("Indicateurs", indicators_sheet),
        ("Actions", actions_sheet),
        ("Finances", finances_sheet),
        ("Reversement", clawback_sheet),
        ("Décision", decision_sheet),
        ("Historique", history_sheet),
        ("Pièces justificatives", evidence_sheet),
    ):
        writer(book.create_sheet(name), data)
    book.properties.title = texts.report_title(data.year)
    book.properties.creator = "LDA Dash"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _subtitle(data: ExecutionReportData) -> str:
    demo = " — DONNÉES DE DÉMONSTRATION (fictives)" if data.demo else ""
    return f"{data.convention['territory_name']} · {texts.validated_on(data)}{demo}"


def summary_sheet(ws, data: ExecutionReportData) -> None:
    ws.title = "Synthèse"
    top = title(ws, texts.report_title(data.year), _subtitle(data))
    ws.freeze_panes = "A3"
    ws.column_dimensions["A"].width = 44
    ws.column_dimensions["B"].width = 70
    items = [(label, value, None) for label, value in texts.references(data)]
    items.append(("Versements", texts.payments_line(data), None))
    line = pairs(ws, top, items)
    for year, amount in data.payments.items():
        put(ws, line, 1, f"Versement {year}", font=BOLD)
        put(ws, line, 2, amount, EURO)
        line += 1
    due = data.convention.get("payment_due")
    line = pairs(
        ws,
        line,
        [
            ("Échéance du versement", f"le {due} de chaque année" if due else fmt.DASH, None),
            ("Données au (dernière modification des chiffres)", data.data_date, None),
            ("Date de référence", data.as_of, None),
            ("Dernière validation d'un chiffre de l'année", data.last_validated, None),
            ("Rapport produit le", data.generated_at, None),
        ],
    )
    put(ws, line + 1, 1, f"Chiffres clés {data.year}", font=BOLD)
    line = pairs(ws, line + 2, key_figures(data))
    put(ws, line + 1, 1, "Indicateurs par statut", font=BOLD)
    pairs(ws, line + 2, [(label, count, None) for label, count in texts.status_counts(data)])


def key_figures(data: ExecutionReportData) -> list[tuple[str, object, str | None]]:
    report, totals = data.progress, data.finances.totals
    numbers = sorted(report.action_attainments)
    achieved = [n for n in numbers if action_status(report, n) == Status.ACHIEVED]
    proposal = data.proposal
    return [
        (f"Versement {data.year}", data.payments.get(data.year), EURO),
        ("Actions", len(numbers), None),
        ("Actions atteintes", len(achieved), None),
        (f"Dépenses AMI validées {data.year}", totals.spending, EURO),
        ("Taux de consommation du versement", totals.consumption, PERCENT_1),
        ("Seuil de reversement", data.threshold, PERCENT),
        (
            "Reversement proposé",
            proposal.proposed_total if proposal else data.no_proposal_reason,
            EURO,
        ),
        (
            "Reversement décidé",
            data.decision["decided_amount"] if data.decision else "pas encore décidé",
            EURO,
        ),
    ]


def indicators_sheet(ws, data: ExecutionReportData) -> None:
    top = title(
        ws,
        f"Indicateurs {data.year} : tableau de suivi",
        f"{texts.VALIDATED_ONLY} {texts.NOT_IN_IPTT}",
    )
    columns = [
        Column("N° action", 9),
        Column("Action", 34),
        Column("Indicateur", 44),
        Column("Code", 11),
        Column("Unité", 14),
        Column("Mode", 13),
        Column(f"Cible {data.year}", 10),
        *(Column(f"T{q}", 9) for q in (1, 2, 3, 4)),
        Column("Valeur annuelle", 11),
        Column("Atteinte", 10, PERCENT_1),
        Column("Statut", 20),
    ]
    rows, formats = [], []
    for row in texts.indicator_rows(data):
        spec = row.spec
        figures = data.quarters.get((spec.action, spec.code), {})
        quarters = [figures.get(q) for q in (1, 2, 3, 4)]
        values = [
            texts.milestone(spec, row.target, target=True),
            *(texts.milestone(spec, value) for value in quarters),
            texts.milestone(spec, row.value),
        ]
        rows.append(
            [spec.action, data.titles.get(spec.action, ""), spec.label, spec.code, spec.unit,
             texts.MODE_SHORT[spec.mode], *values, row.attainment, STATUS_LABELS[row.status]]
        )  # fmt: skip
        formats.append([None] * 6 + [count_format(v) for v in values] + [None, None])
    ws.freeze_panes = ws.cell(row=top + 1, column=4)
    table(ws, top, columns, rows, formats=formats)


def actions_sheet(ws, data: ExecutionReportData) -> None:
    top = title(ws, f"Actions {data.year}", texts.VALIDATED_ONLY)
    columns = [
        Column("N°", 6),
        Column("N° signé (annexe)", 10),
        Column("Action", 50),
        Column("Catégorie", 32),
        Column("Atteinte", 10, PERCENT_1),
        Column("Statut", 22),
    ]
    report = data.progress
    rows = [
        [a["number"], a["signed_number"] or fmt.DASH, a["title"], a["category"],
         report.action_attainments.get(a["number"]),
         STATUS_LABELS[action_status(report, a["number"])]]
        for a in data.actions
    ]  # fmt: skip
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    table(ws, top, columns, rows)


def finances_sheet(ws, data: ExecutionReportData) -> None:
    finances = data.finances
    subtitle = texts.VALIDATED_ONLY
    if finances.allocation_missing:
        subtitle += f" Pas de répartition : {finances.allocation_missing}."
    top = title(ws, f"Finances {data.year}", subtitle)
    columns = [
        Column("N°", 6),
        Column("Action", 36),
        Column("Coût prévu (annexe)", 13, EURO),
        Column("Financement AMI (annexe)", 13, EURO),
        Column("Cofinancement (annexe)", 13, EURO),
        Column("Répartition du versement", 13, EURO),
        Column("Dépenses AMI validées", 13, EURO),
        Column("Taux de consommation", 12, PERCENT),
        Column("Indicateur de résultat", 34),
        Column("Valeur annuelle", 10),
        Column("Coût par résultat (répartition)", 14, EURO),
        Column("Coût par résultat (dépenses)", 14, EURO),
    ]
    rows, formats = [], []
    for line in finances.actions:
        label = f"{line.result.label} ({line.result.unit})" if line.result else fmt.DASH
        rows.append(
            [line.action, data.titles.get(line.action, ""), line.budget.cost, line.budget.ami,
             line.budget.cofunding, line.allocation, line.spending, line.consumption, label,
             line.result_value, line.allocation_per_result, line.spending_per_result]
        )  # fmt: skip
        formats.append([None] * 9 + [count_format(line.result_value), None, None])
    t = finances.totals
    total = ["", "Total", t.cost, t.ami, t.cofunding, t.allocation, t.spending, t.consumption,
             "", None, None, None]  # fmt: skip
    ws.freeze_panes = ws.cell(row=top + 1, column=3)
    line = table(ws, top, columns, rows, formats=formats, total=total)

    put(ws, line + 1, 1, "Solde de la convention (cumulé)", font=BOLD)
    balance_columns = [
        Column("Année", 6),
        Column("Versement", 13, EURO),
        Column("Dépenses AMI validées", 13, EURO),
        Column("Reversement décidé", 13, EURO),
        Column("Solde reporté", 13, EURO),
    ]
    balance_rows = [
        [b.year, b.payment, b.spending, b.decided_clawback, b.balance] for b in finances.balance
    ]
    end = table(ws, line + 2, balance_columns, balance_rows, set_widths=False)
    paragraph(
        ws,
        end + 1,
        "Solde reporté : versements cumulés − dépenses AMI validées cumulées − reversements "
        "décidés cumulés, à la fin de chaque année.",
        8,
        150,
    )


def clawback_sheet(ws, data: ExecutionReportData) -> None:
    proposal = data.proposal
    top = title(ws, f"Proposition de reversement {data.year}", texts.VALIDATED_ONLY)
    for index, width in enumerate((6, 44, 14, 11, 12, 14), start=1):
        ws.column_dimensions["ABCDEF"[index - 1]].width = width
    if proposal is None:
        ws.freeze_panes = "A3"
        paragraph(ws, top, f"Aucune proposition : {data.no_proposal_reason}.", 6, 100)
        line = top + 2
    else:
        columns = [
            Column("N°", 6),
            Column("Action", 44),
            Column("Répartition", 14, EURO),
            Column("Atteinte", 11, PERCENT_1),
            Column("Sous le seuil ?", 12),
            Column("Base objectifs", 14, EURO),
        ]
        rows = [
            [term.action, data.titles.get(term.action, ""), term.allocation, term.attainment,
             texts.yes_no(term.below_threshold), term.objective_base]
            for term in proposal.actions
        ]  # fmt: skip
        ws.freeze_panes = ws.cell(row=top + 1, column=1)
        line = table(ws, top, columns, rows)
        line = pairs(ws, line + 1, clawback_terms(data))
        line += 1
    put(ws, line, 1, "Règle de calcul", font=BOLD)
    for offset, text in enumerate(texts.clawback_rule(data), start=1):
        paragraph(ws, line + offset, text, 6, 100)


def clawback_terms(data: ExecutionReportData) -> list[tuple[str, object, str | None]]:
    """Every term of the proposal, in the order the rule uses them."""
    p, year = data.proposal, data.year
    unspent = p.unspent_base if p.unspent_base is not None else texts.unspent_text(p)
    return [
        ("Base objectifs (somme des actions)", p.objective_base_total, EURO),
        (f"Versements cumulés jusqu'en {year}", p.payments_to_date, EURO),
        (f"Dépenses AMI validées cumulées jusqu'en {year}", p.spending_to_date, EURO),
        ("Reversements déjà décidés (années précédentes)", p.decided_before, EURO),
        ("Base non-consommation", unspent, EURO),
        (f"Versement {year} (plafond)", p.payment, EURO),
        ("Seuil", p.threshold, PERCENT),
        ("Montant proposé", p.proposed_total, EURO),
    ]


def history_sheet(ws, data: ExecutionReportData) -> None:
    top = title(
        ws,
        f"Historique {data.year}",
        "Modifications concernant l'année, les plus anciennes d'abord.",
    )
    columns = [
        Column("Date", 17),
        Column("Auteur", 16),
        Column("Objet", 12),
        Column("Élément", 30),
        Column("Ancienne valeur", 18),
        Column("Nouvelle valeur", 18),
        Column("Motif", 50),
    ]
    specs = {(row.spec.action, row.spec.code): row.spec for row in data.progress.rows}
    lines = [(h, history_line(h, specs)) for h in data.history]
    rows = [
        [h["changed_at"], h["author"], line["entity"], line["item"], line["old"], line["new"],
         h["reason"]]
        for h, line in lines
    ]  # fmt: skip
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    table(ws, top, columns, rows)
