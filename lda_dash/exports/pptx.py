"""The presentation of a year as a PowerPoint deck (16:9), the same story as the Présentation page.

`export --format pptx` and the page's download button both call `presentation_pptx`. Titles,
texts and speaker notes are in French; charts are native, editable bar charts.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.util import Inches

from lda_dash.charts.slides import MUTED
from lda_dash.domain.model import STATUS_LABELS
from lda_dash.domain.year_report import ExecutionReportData
from lda_dash.exports.pptx_layout import (
    accent_stripe,
    add_bar_chart,
    figures_column,
    figures_row,
    style_title,
    text_box,
)
from lda_dash.story import Slide, SlideKind, build_story
from lda_dash.story.basis import data_date_words

SLIDE_WIDTH, SLIDE_HEIGHT = Inches(13.333), Inches(7.5)
TITLE_ONLY = 5  # the default template's "Title Only" layout: a real title, read by screen readers
BODY_TOP, BODY_BOTTOM = 1.85, 6.85


def presentation_pptx(data: ExecutionReportData, *, hide_partners: bool = False) -> bytes:
    """The deck's bytes: one slide per slide of the story, with speaker notes."""
    return deck_pptx(build_story(data, hide_partners=hide_partners), footer_text(data))


def footer_text(data: ExecutionReportData) -> str:
    parts = [
        data.convention["territory_name"],
        f"Bilan {data.year}",
        data_date_words(data),
    ]
    if data.amendment_source:
        parts.append(data.amendment_source)
    if data.demo:
        parts.append("données de démonstration (fictives)")
    return " · ".join(parts)


def deck_pptx(slides: list[Slide], footer: str) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    deck.core_properties.title = slides[0].title if slides else "Présentation"
    deck.core_properties.language = "fr-FR"
    for number, story_slide in enumerate(slides, start=1):
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY])
        accent_stripe(slide, SLIDE_WIDTH)
        if story_slide.kind == SlideKind.TITLE:
            _title_slide(slide, story_slide)
        else:
            _content_slide(slide, story_slide)
        text_box(slide, 0.6, 7.0, 10.8, 0.35, [footer], size=11, colour=MUTED)
        text_box(slide, 11.4, 7.0, 1.3, 0.35, [f"{number} / {len(slides)}"], size=11,
                 colour=MUTED, align=2)  # fmt: skip  # 2: right aligned
        slide.notes_slide.notes_text_frame.text = story_slide.notes
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _status_words(status) -> str:
    return f"statut : {STATUS_LABELS[status]}"


def _title_slide(slide, story: Slide) -> None:
    style_title(slide.shapes.title, story.title, size=40, top=1.7)
    text_box(slide, 0.6, 2.75, 12.1, 1.0, [story.subtitle], size=20, colour=MUTED)
    text_box(slide, 0.6, 4.0, 12.1, 2.8, list(story.bullets), size=20)


def _content_slide(slide, story: Slide) -> None:
    """Title and subtitle; then big figures in a row, or beside the chart when there is one."""
    style_title(slide.shapes.title, story.title)
    if story.subtitle:
        text_box(slide, 0.6, 1.3, 12.1, 0.45, [story.subtitle], size=16, colour=MUTED)
    bullets = list(story.bullets)
    if story.chart is None:
        top = BODY_TOP
        if story.figures:
            figures_row(slide, story.figures, top, _status_words)
            top += 1.7
        text_box(slide, 0.6, top, 12.1, BODY_BOTTOM - top, bullets, size=20, bullet=True)
        return
    left, width = 0.6, 12.1
    if story.figures:
        figures_column(slide, story.figures, 0.6, BODY_TOP, 3.0, _status_words)
        left, width = 3.8, 8.9
    notes_height = 0.0 if not bullets else min(1.3, 0.34 * len(bullets) + 0.1)
    chart_height = BODY_BOTTOM - BODY_TOP - notes_height
    add_bar_chart(slide, story.chart, left, BODY_TOP, width, chart_height)
    if bullets:
        text_box(slide, left, BODY_TOP + chart_height, width, notes_height, bullets, size=13,
                 bullet=True)  # fmt: skip
