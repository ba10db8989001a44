"""Drawing blocks of the PowerPoint deck: text boxes, big figures and native bar charts.

Charts are python-pptx chart objects, not pictures, so that the coordinator can edit their data
in PowerPoint or LibreOffice. Status colours are the Okabe-Ito ones of the app, and every bar's
data label says its value and its status in words.
"""

from __future__ import annotations

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from lda_dash.charts.progress import STATUS_COLOURS
from lda_dash.charts.slides import ACCENT, GRID, INK, MUTED, NEUTRAL_BAR, SERIES_COLOURS
from lda_dash.story.model import Chart, ChartUnit, KeyFigure

BODY_HEIGHT = 5.0  # inches between the subtitle and the footer
FONT_NAME = "Arial"  # LibreOffice substitutes its metric-compatible Liberation Sans
# The data stay the exact attainments (1.05); the `%` of the format shows them as 105 %.
# The French locale (0x40C) in the format itself: thousands grouped the French way (« 10 000 € »)
# whatever the language of the PowerPoint or LibreOffice that opens the deck (not « 10,000 € »).
NUMBER_FORMATS = {ChartUnit.ATTAINMENT: "0 %", ChartUnit.EUROS: '[$-40C]#,##0" €"'}


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def text_box(
    slide,
    left: float,
    top: float,
    width: float,
    height: float,
    lines: list[str] | tuple[str, ...],
    *,
    size: int = 18,
    bold: bool = False,
    colour: str = INK,
    align=PP_ALIGN.LEFT,
    bullet: bool = False,
    anchor=MSO_ANCHOR.TOP,
):
    """A text box in inches; one paragraph per line, `•` before each when `bullet`."""
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = align
        paragraph.space_after = Pt(size * 0.45)
        run = paragraph.add_run()
        run.text = f"•  {line}" if bullet else line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = FONT_NAME
        run.font.color.rgb = rgb(colour)
    return shape


def style_title(shape, text: str, *, size: int = 30, top: float = 0.35) -> None:
    """The layout's title placeholder, moved to the 16:9 grid and lettered like the page."""
    shape.left, shape.top = Inches(0.6), Inches(top)
    shape.width, shape.height = Inches(12.1), Inches(0.95)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    frame.text = text
    if len(text) > 52:  # two lines must stay under the stripe
        size = min(size, 24)
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    for run in paragraph.runs:
        run.font.size, run.font.bold, run.font.name = Pt(size), True, FONT_NAME
        run.font.color.rgb = rgb(INK)


def accent_stripe(slide, width: Emu) -> None:
    """A thin band across the top: the deck's only ornament."""
    stripe = slide.shapes.add_shape(1, 0, 0, width, Inches(0.14))  # 1: rectangle
    stripe.fill.solid()
    stripe.fill.fore_color.rgb = rgb(ACCENT)
    stripe.line.fill.background()


def figures_row(slide, figures: tuple[KeyFigure, ...], top: float, status_words) -> None:
    """Big numbers side by side, each with its label and, for a status, its words."""
    width = 12.1 / len(figures)
    for index, figure in enumerate(figures):
        left = 0.6 + index * width
        text_box(slide, left, top, width - 0.2, 0.8, [figure.value], size=36, bold=True)
        note = figure.note or (status_words(figure.status) if figure.status else "")
        lines = [figure.label] + ([note] if note else [])
        text_box(slide, left, top + 0.8, width - 0.2, 0.7, lines, size=14, colour=MUTED)


def figures_column(slide, figures, left: float, top: float, width: float, status_words) -> None:
    """Big numbers one under the other, beside a chart."""
    step = min(1.55, (BODY_HEIGHT - 0.1) / len(figures))
    for index, figure in enumerate(figures):
        y = top + index * step
        text_box(slide, left, y, width, 0.65, [figure.value], size=32, bold=True)
        note = figure.note or (status_words(figure.status) if figure.status else "")
        lines = [figure.label] + ([note] if note else [])
        text_box(slide, left, y + 0.62, width, step - 0.62, lines, size=13, colour=MUTED)


def label_lines(text: str) -> list[str]:
    """A bar's label on two lines: what was counted, then the attainment and status."""
    first, _, rest = text.partition(" · ")
    return [first, rest] if rest else [first]


def add_bar_chart(slide, chart: Chart, left: float, top: float, width: float, height: float):
    """A native clustered bar chart of the story's chart, first category on top.

    One series: each bar in its status colour, labelled with its value and status. Several
    series (the comparison): one colour per year, the values written after each category.
    """
    single = len(chart.series) == 1
    categories = chart.categories
    if not single:
        # The comparison: `n° 6 · title : 80 % → 55 %`, the values in the category (labels
        # would overlap on thin bars); the whole title, which PowerPoint wraps (issue 12).
        categories = [
            f"{category} : {' → '.join(s.bars[i].text for s in chart.series)}"
            for i, category in enumerate(categories)
        ]
    data = CategoryChartData(number_format=_number_format(chart))
    data.categories = categories
    for series in chart.series:
        data.add_series(series.name, [bar.value for bar in series.bars])
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.BAR_CLUSTERED, Inches(left), Inches(top), Inches(width), Inches(height), data
    )
    graph = frame.chart
    graph.has_title = False
    graph.font.size, graph.font.name = Pt(13), FONT_NAME
    graph.font.color.rgb = rgb(INK)
    plot = graph.plots[0]
    plot.gap_width = 55 if single else 35
    plot.vary_by_categories = False
    _axes(graph, chart)
    # Room left of the bars for the categories, and right of them for labels of ~2.7 inches.
    x = 0.3 if single else 0.2
    _plot_area(graph, x=x, w=1 - x - (2.7 / width if single else 0.04))
    graph.has_legend = not single
    if graph.has_legend:
        graph.legend.position = XL_LEGEND_POSITION.TOP
        graph.legend.include_in_layout = False
        graph.legend.font.size = Pt(14)
    for position, (series, story_series) in enumerate(zip(plot.series, chart.series, strict=True)):
        series.invert_if_negative = False
        if not single:
            series.format.fill.solid()
            series.format.fill.fore_color.rgb = rgb(SERIES_COLOURS[position % 2])
            continue
        for index, bar in enumerate(story_series.bars):
            point = series.points[index]
            point.format.fill.solid()
            colour = STATUS_COLOURS[bar.status] if bar.status else NEUTRAL_BAR
            point.format.fill.fore_color.rgb = rgb(colour)
            point.format.line.color.rgb = rgb(INK)
            label = point.data_label
            label.position = XL_LABEL_POSITION.OUTSIDE_END
            frame_ = label.text_frame
            frame_.word_wrap = False
            for number, line in enumerate(label_lines(bar.text)):
                paragraph = frame_.paragraphs[0] if number == 0 else frame_.add_paragraph()
                run = paragraph.add_run()
                run.text = line
                run.font.size, run.font.name = Pt(13), FONT_NAME
                run.font.bold = number == 0
                run.font.color.rgb = rgb(INK)
    return frame


def _plot_area(graph, x: float, w: float, y: float = 0.1, h: float = 0.76) -> None:
    """Place the inner plot area by hand (fractions of the chart), which python-pptx cannot."""
    plot_area = graph._chartSpace.chart.plotArea
    layout = plot_area.find(qn("c:layout"))
    if layout is None:
        layout = etree.SubElement(plot_area, qn("c:layout"))
        plot_area.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    for tag, value in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge")):
        etree.SubElement(manual, qn(f"c:{tag}")).set("val", value)
    for tag, value in (("x", x), ("y", y), ("w", w), ("h", h)):
        etree.SubElement(manual, qn(f"c:{tag}")).set("val", f"{value:.3f}")


def _number_format(chart: Chart) -> str:
    return NUMBER_FORMATS[chart.unit]


def _axes(graph, chart: Chart) -> None:
    categories = graph.category_axis
    categories.reverse_order = True  # the first category on top, as on the page
    categories.tick_labels.font.size = Pt(13 if len(chart.categories) <= 8 else 11)
    # Every category named, none skipped when they are many.
    skip = etree.Element(qn("c:tickLblSkip"))
    skip.set("val", "1")
    categories._element.find(qn("c:noMultiLvlLbl")).addprevious(skip)
    categories.format.line.color.rgb = rgb(INK)
    values = graph.value_axis
    # With the categories reversed, the value axis must cross them at their maximum (the
    # bottom) to stay under the bars; python-pptx sets that crossing on the other axis only.
    values._element.find(qn("c:crosses")).set("val", "max")
    highest = max(
        [bar.value or 0 for series in chart.series for bar in series.bars] + [chart.reference or 0]
    )
    values.minimum_scale = 0
    if chart.unit == ChartUnit.ATTAINMENT:
        values.maximum_scale = max(1.0, round(highest + 0.05, 1))
        values.major_unit = 0.25
    else:
        values.maximum_scale = max(1.0, highest * 1.05)
    values.has_major_gridlines = True
    values.major_gridlines.format.line.color.rgb = rgb(GRID)
    values.tick_labels.font.size = Pt(12)
    values.tick_labels.font.color.rgb = rgb(MUTED)
    values.tick_labels.number_format = _number_format(chart)
    values.tick_labels.number_format_is_linked = False
    values.has_title = True
    title = chart.title
    if chart.reference_label:
        title += f" · {chart.reference_label}"
    values.axis_title.text_frame.text = title
    for run in values.axis_title.text_frame.paragraphs[0].runs:
        run.font.size, run.font.bold, run.font.name = Pt(13), False, FONT_NAME
        run.font.color.rgb = rgb(MUTED)
