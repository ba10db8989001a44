"""The XLSX report's « Décision » sheet: the Prefect's recorded decision with its Article 4 dates,
and a signature block, so the workbook can be filed as the record of the decision (issue 12)."""

from __future__ import annotations

from lda_dash.domain.year_report import ExecutionReportData
from lda_dash.exports.xlsx_layout import BOLD, pairs, paragraph, put, title
from lda_dash.words import decision as words


def decision_sheet(ws, data: ExecutionReportData) -> None:
    top = title(
        ws,
        f"Décision de reversement {data.year}",
        "Article 4 de la convention : décision du préfet, lettre, titre de reversement.",
    )
    ws.freeze_panes = "A3"
    ws.column_dimensions["A"].width = 52
    ws.column_dimensions["B"].width = 70
    lines = words.decision_lines(data)
    if lines:
        line = pairs(ws, top, [(label, value, None) for label, value in lines])
    else:
        paragraph(ws, top, words.NO_DECISION, 2, 120)
        line = top + 1
    line += 1
    put(ws, line, 1, words.SIGNATURE_TITLE, font=BOLD)
    for offset, text in enumerate(words.signature_lines(data), start=1):
        paragraph(ws, line + offset, text, 2, 120)
    # Room to sign by hand under the last line.
    ws.row_dimensions[line + len(words.signature_lines(data))].height = 60
