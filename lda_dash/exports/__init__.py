"""Execution report files (xlsx, pdf) as bytes, and the guard every CSV/XLSX writer uses.

Writers are looked up by format name and imported on first use, so the app and the command line
load fpdf2 or kaleido only when a PDF is asked for. A new format (the pptx deck) is one more
entry in `FORMATS`: a module exposing `function(data: ExecutionReportData) -> bytes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from lda_dash.exports.safety import safe_cell, safe_row

__all__ = ["FORMATS", "ExportError", "ExportFormat", "render", "safe_cell", "safe_row"]


class ExportError(RuntimeError):
    """The file cannot be produced on this machine (a font missing); the message says why."""


@dataclass(frozen=True)
class ExportFormat:
    """How to produce one kind of file: its writer, extension and MIME type (for downloads)."""

    name: str
    label: str
    extension: str
    mime: str
    module: str
    function: str

    def writer(self):
        return getattr(import_module(self.module), self.function)


FORMATS: dict[str, ExportFormat] = {
    "xlsx": ExportFormat(
        "xlsx",
        "classeur Excel",
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "lda_dash.exports.xlsx",
        "execution_report_xlsx",
    ),
    "pdf": ExportFormat(
        "pdf",
        "document PDF",
        ".pdf",
        "application/pdf",
        "lda_dash.exports.pdf",
        "execution_report_pdf",
    ),
    "pptx": ExportFormat(
        "pptx",
        "présentation PowerPoint",
        ".pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "lda_dash.exports.pptx",
        "presentation_pptx",
    ),
    "docx": ExportFormat(
        "docx",
        "lettre de notification de l'article 4 (Word)",
        ".docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "lda_dash.exports.letter_docx",
        "article4_letter_docx",
    ),
}


def render(format_name: str, data) -> bytes:
    """The report's bytes in `format_name` (one of FORMATS)."""
    return FORMATS[format_name].writer()(data)
