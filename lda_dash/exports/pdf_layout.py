"""The PDF page and its building blocks with fpdf2: fonts, running header, page numbers, tables.

French text needs a Unicode TrueType font: DejaVu, from Debian's fonts-dejavu-core package.
Tables use its condensed cut, so that long French labels wrap less.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

from fpdf import FPDF, FontFace
from fpdf.enums import TableCellFillMode, XPos, YPos

from lda_dash.exports import ExportError

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {
    ("sans", ""): "DejaVuSans.ttf",
    ("sans", "B"): "DejaVuSans-Bold.ttf",
    ("sans", "I"): "DejaVuSans-Oblique.ttf",
    ("narrow", ""): "DejaVuSansCondensed.ttf",
    ("narrow", "B"): "DejaVuSansCondensed-Bold.ttf",
    ("narrow", "I"): "DejaVuSansCondensed-Oblique.ttf",
}
INK = (30, 30, 30)
GREY = (100, 100, 100)
STATE_BLUE = (0, 0, 145)
HEADER_FILL = (220, 227, 242)
STRIPE_FILL = (246, 246, 246)
WARNING_FILL = (253, 236, 234)
NOTE_FILL = (232, 240, 252)


class ReportPDF(FPDF):
    """A4 pages with a running title and « Page n / N » (the title page shows neither)."""

    def __init__(self, running_title: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.running_title = running_title
        self.set_margins(15, 18, 15)
        self.set_auto_page_break(True, margin=18)
        for (family, style), name in FONTS.items():
            path = FONT_DIR / name
            if not path.is_file():
                raise ExportError(
                    f"police {path} introuvable : installez le paquet fonts-dejavu-core"
                )
            self.add_font(family, style, str(path))
        self.set_font("sans", size=10)
        self.set_text_color(*INK)
        self.set_lang("fr-FR")

    def header(self):
        if self.page_no() == 1:
            return
        self.set_xy(self.l_margin, 8)
        self.set_font("sans", size=8)
        self.set_text_color(*GREY)
        self.cell(0, 5, self.running_title)
        self.set_text_color(*INK)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_y(-12)
        self.set_font("sans", size=8)
        self.set_text_color(*GREY)
        self.cell(0, 5, f"Page {self.page_no()} / {{nb}}", align="C")
        self.set_text_color(*INK)


def heading(pdf: FPDF, text: str, size: float = 15) -> None:
    """A section title in the State's blue."""
    pdf.set_font("sans", "B", size)
    pdf.set_text_color(*STATE_BLUE)
    pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.ln(2)


def paragraph(pdf: FPDF, text: str, size: float = 10, style: str = "", gap: float = 2) -> None:
    pdf.set_font("sans", style, size)
    pdf.multi_cell(0, size * 0.5, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(gap)


def boxed(pdf: FPDF, text: str, fill=WARNING_FILL, size: float = 10) -> None:
    """A highlighted note across the page (demo data, no proposal yet)."""
    pdf.set_font("sans", "B", size)
    pdf.set_fill_color(*fill)
    pdf.multi_cell(0, size * 0.55, text, border=1, fill=True, padding=2, align="L",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # fmt: skip
    pdf.set_fill_color(255, 255, 255)
    pdf.ln(3)


def data_table(
    pdf: FPDF,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    aligns: Sequence[str],
    *,
    size: float = 8,
    total: Sequence[str] | None = None,
) -> None:
    """A table with a shaded header repeated on every page; numbers right-aligned by `aligns`."""
    pdf.set_font("narrow", size=size)
    # fpdf2 paints striped cells with the current fill colour too: set it to the stripes' own.
    pdf.set_fill_color(*STRIPE_FILL)
    bold = FontFace(emphasis="BOLD")
    with pdf.table(
        col_widths=tuple(widths),
        width=sum(widths),
        align="LEFT",
        text_align=tuple(aligns),
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADER_FILL),
        cell_fill_color=STRIPE_FILL,
        cell_fill_mode=TableCellFillMode.EVEN_ROWS,
        line_height=size * 0.48,
        padding=(0.8, 1),
        repeat_headings=1,
    ) as table:
        table.row(list(headers))
        for values in rows:
            table.row([str(v) for v in values])
        if total is not None:
            row = table.row()
            for value in total:
                row.cell(str(value), style=bold)
    pdf.ln(4)


def key_values(
    pdf: FPDF, items: Sequence[tuple[str, str]], label_width: float = 70, size: float = 9.5
) -> None:
    """Label / value lines without a header, labels in bold."""
    pdf.set_font("sans", size=size)
    pdf.set_fill_color(255, 255, 255)
    bold = FontFace(emphasis="BOLD")
    width = pdf.epw
    with pdf.table(
        col_widths=(label_width, width - label_width),
        width=width,
        align="LEFT",
        text_align=("LEFT", "LEFT"),
        first_row_as_headings=False,
        borders_layout="HORIZONTAL_LINES",
        cell_fill_mode=TableCellFillMode.NONE,
        line_height=size * 0.52,
        padding=(1, 1),
    ) as table:
        for label, value in items:
            row = table.row()
            row.cell(label, style=bold)
            row.cell(value)
    pdf.ln(4)


def attainment_bars(pdf: FPDF, items: Sequence[tuple[str, Fraction | None, str, str]]) -> None:
    """Drawn bars of attainment (0 to 120 %) with their words, when no image can be rendered.

    `items` are (label, attainment, words shown after the bar, colour as #RRGGBB).
    """
    label_w, bar_w, row_h = 70.0, 70.0, 6.0
    x0 = pdf.l_margin
    pdf.set_font("narrow", size=7.5)
    top = pdf.get_y()
    for index, (label, attained, words, colour) in enumerate(items):
        y = top + index * row_h
        pdf.set_xy(x0, y)
        pdf.cell(label_w - 2, row_h, label, align="R")
        share = 0.0 if attained is None else min(float(attained), 1.2) / 1.2
        pdf.set_fill_color(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))
        pdf.rect(x0 + label_w, y + 1, max(bar_w * share, 0.3), row_h - 2, style="F")
        pdf.set_xy(x0 + label_w + bar_w + 2, y)
        pdf.cell(0, row_h, words)
    target_x = x0 + label_w + bar_w / 1.2
    pdf.set_draw_color(*INK)
    pdf.set_dash_pattern(dash=1, gap=1)
    pdf.line(target_x, top, target_x, top + row_h * len(items))
    pdf.set_dash_pattern()
    pdf.set_xy(target_x - 10, top + row_h * len(items))
    pdf.cell(20, 5, "100 % : objectif", align="C")
    pdf.set_xy(x0, top + row_h * len(items) + 8)
