"""The PDF report's last section: the Prefect's recorded decision with its Article 4 dates, and a
signature block, so the report can be filed as the record of the decision (issue 12)."""

from __future__ import annotations

from lda_dash.domain.year_report import ExecutionReportData
from lda_dash.exports.pdf_layout import NOTE_FILL, boxed, heading, key_values, paragraph
from lda_dash.words import decision as words

DECISION = "7. Décision du préfet (article 4)"  # after the evidence: the signature ends the report


def decision_section(pdf, data: ExecutionReportData) -> None:
    """The decision, else a note that none is recorded; then the signature block."""
    pdf.add_page(orientation="P")
    heading(pdf, DECISION)
    lines = words.decision_lines(data)
    if lines:
        key_values(pdf, lines, label_width=95, size=9.5)
    else:
        boxed(pdf, words.NO_DECISION, fill=NOTE_FILL)
    pdf.ln(6)
    paragraph(pdf, words.SIGNATURE_TITLE, size=11, style="B", gap=2)
    signature = words.signature_lines(data)
    for text in signature[:-1]:
        paragraph(pdf, text, size=10, gap=3)
    paragraph(pdf, signature[-1], size=10, gap=1)
    # A framed box to sign in.
    x, y = pdf.get_x(), pdf.get_y()
    pdf.rect(x, y, 90, 35)
    pdf.set_y(y + 38)
