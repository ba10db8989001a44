"""The execution report's list of evidence (issue 16): one row per document attached to a
figure of the year, with its file name, size, who attached it and when. Never the bytes."""

from __future__ import annotations

from lda_dash.domain.year_report import ExecutionReportData
from lda_dash.exports.pdf_layout import ReportPDF, data_table, heading, paragraph
from lda_dash.exports.xlsx_layout import Column, table, title

HEADERS = ("Action", "Indicateur", "Chiffre", "Fichier", "Taille", "Déposé par", "Le")
NONE_YET = "Aucune pièce justificative n'est jointe aux chiffres de l'année."
TITLE = "Pièces justificatives"


def evidence_rows(data: ExecutionReportData) -> list[list[str]]:
    return [[str(line[h]) for h in HEADERS] for line in data.evidence]


def evidence_sheet(ws, data: ExecutionReportData) -> None:
    top = title(ws, f"{TITLE} {data.year}", None if data.evidence else NONE_YET)
    widths = (8, 12, 10, 40, 10, 20, 17)
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    table(ws, top, [Column(h, w) for h, w in zip(HEADERS, widths, strict=True)],
          evidence_rows(data))  # fmt: skip


def evidence_section(pdf: ReportPDF, data: ExecutionReportData) -> None:
    pdf.add_page(orientation="P")
    heading(pdf, f"6. {TITLE}")
    if not data.evidence:
        paragraph(pdf, NONE_YET)
        return
    data_table(
        pdf,
        list(HEADERS),
        evidence_rows(data),
        widths=(13, 20, 17, 58, 16, 30, 26),
        aligns=("RIGHT", "LEFT", "LEFT", "LEFT", "RIGHT", "LEFT", "LEFT"),
        size=8.5,
    )
