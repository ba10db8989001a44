"""One slide of the presentation drawn with Streamlit, lettered for a 1920×1080 projector.

The style sheet is written by the Présentation page only, so it applies there and nowhere else;
its rules also name the slide's container (`st-key-lda-slide`). Statuses always show their icon
and words, never a colour alone.
"""

from __future__ import annotations

import streamlit as st

from lda_dash.charts.slides import ACCENT, INK, MUTED, story_figure
from lda_dash.story import Chart, KeyFigure, Slide, SlideKind
from lda_dash.tables.chart_data import story_table
from lda_dash.ui import chart_table, widgets
from lda_dash.ui.chart_png import plotly_config
from lda_dash.ui.safe_text import md

SLIDE_KEY = "lda-slide"
STYLE = f"""
<style>
.block-container {{ padding-top: 4rem; padding-bottom: 1rem; }}
.st-key-{SLIDE_KEY} {{
    min-height: 80vh; padding: 1.8rem 2.8rem 1rem; background: #FFFFFF;
    border-top: 12px solid {ACCENT}; box-shadow: 0 0 0 1px #D0D0D0; border-radius: 2px;
}}
.st-key-{SLIDE_KEY} h1 {{
    font-size: 3.1rem; line-height: 1.15; font-weight: 700; color: {INK}; padding: 0 0 .2rem;
}}
/* Keyed containers sit in a layout wrapper: the wrapper is what the slide's column places. */
[data-testid="stLayoutWrapper"]:has(> .st-key-lda-cover),
[data-testid="stLayoutWrapper"]:has(> .st-key-lda-body) {{ margin: auto 0; }}
.st-key-lda-cover h1 {{ font-size: 4.4rem; }}
.st-key-lda-subtitle p {{ font-size: 1.6rem; color: {MUTED}; line-height: 1.35; }}
.st-key-{SLIDE_KEY} [data-testid="stMetricValue"] {{
    font-size: 4.4rem; font-weight: 700; color: {INK}; line-height: 1.1;
}}
/* A long figure ("91 % → 86 %") wraps rather than being cut with an ellipsis. */
.st-key-{SLIDE_KEY} [data-testid="stMetricValue"] * {{ white-space: normal; overflow: visible; }}
.st-key-{SLIDE_KEY} [data-testid="stMetricLabel"] p {{ font-size: 1.4rem; color: {MUTED}; }}
.st-key-lda-bullets {{ margin-top: 4vh; }}
.st-key-lda-bullets li, .st-key-lda-bullets p {{ font-size: 1.8rem; line-height: 1.45; }}
.st-key-lda-bullets-small li, .st-key-lda-bullets-small p {{ font-size: 1.35rem; }}
[class*="st-key-lda-figure-note"] p {{ font-size: 1.25rem; color: {MUTED}; }}
[class*="st-key-lda-status"] p, [class*="st-key-lda-status"] span {{
    font-size: 1.45rem !important; font-weight: 600;
}}
[data-testid="stLayoutWrapper"]:has(> .st-key-lda-footer) {{ margin-top: auto; }}
.st-key-lda-footer {{ border-top: 1px solid #D0D0D0; padding-top: .4rem; }}
.st-key-lda-footer p {{ font-size: 1.05rem; color: {MUTED}; }}
.st-key-lda-nav button {{ font-size: 1.2rem; min-height: 3rem; }}
/* Below a projector's width (1366 × 768 laptops), the figures go above the chart, which then
   has the slide's whole width for its wrapped labels (issue 12). */
@media (max-width: 1600px) {{
  .st-key-lda-split [data-testid="stHorizontalBlock"] {{ flex-wrap: wrap; }}
  .st-key-lda-split [data-testid="stColumn"] {{ flex: 1 1 100% !important; width: 100%; }}
  .st-key-lda-split [data-testid="stColumn"]:first-child [data-testid="stVerticalBlock"] {{
    flex-direction: row; flex-wrap: wrap; column-gap: 3rem;
  }}
}}
.st-key-lda-nav button[kind="primary"]:enabled {{ background: {ACCENT}; border-color: {ACCENT}; }}
.st-key-lda-nav button:focus-visible {{ outline: 4px solid {INK}; outline-offset: 2px; }}
</style>
"""


def plain(text: str) -> str:
    """Text from the annex or the story shown as written: markdown signs must not format it."""
    return md(text)


def style() -> None:
    st.html(STYLE)


def show(slide: Slide, *, chart_key: str, footer: str) -> None:
    """The slide in its frame: title, subtitle, figures, chart and bullets, then the footer."""
    with st.container(key=SLIDE_KEY):
        if slide.kind == SlideKind.TITLE:
            _cover(slide)
        else:
            st.title(plain(slide.title), anchor=False)
            if slide.subtitle:
                with st.container(key="lda-subtitle"):
                    st.markdown(plain(slide.subtitle))
            with st.container(key="lda-body"):
                _body(slide, chart_key)
        with st.container(key="lda-footer"):
            st.markdown(plain(footer))


def _cover(slide: Slide) -> None:
    with st.container(key="lda-cover"):
        st.title(plain(slide.title), anchor=False)
        with st.container(key="lda-subtitle"):
            st.markdown(plain(slide.subtitle))
        _bullets(slide.bullets, small=False)


def _body(slide: Slide, chart_key: str) -> None:
    if slide.chart is None:
        if slide.figures:
            with st.container(key="lda-figures"):
                columns = st.columns(len(slide.figures), gap="large")
                for index, (column, figure) in enumerate(zip(columns, slide.figures, strict=True)):
                    with column:
                        _figure(figure, index)
        _bullets(slide.bullets, small=False)
        return
    figure_chart = story_figure(slide.chart)
    if slide.figures:
        split = st.container(key="lda-split")
        left, right = split.columns([1.25, 3.4], gap="large")
        with left:
            for index, figure in enumerate(slide.figures):
                _figure(figure, index)
    else:
        right = st.container()
    with right:
        st.plotly_chart(
            figure_chart,
            config=plotly_config(slide.file_stem),
            theme=None,
            key=chart_key,
            alt=chart_alt(slide.chart),
        )
        _bullets(slide.bullets, small=True)


def chart_alt(chart: Chart) -> str:
    """What the slide's chart shows, for a screen reader; its values follow in a table."""
    reference = f", face à la ligne « {chart.reference_label} »" if chart.reference_label else ""
    return f"Barres horizontales : {chart.title}{reference}."


def chart_data(slide: Slide) -> None:
    """The slide chart's values on demand, under the slide rather than on the projected frame."""
    if slide.chart is None:
        return
    rows = "Indicateur" if slide.kind == SlideKind.ACTION else "Action"
    chart_table.data_table(
        lambda: story_table(slide.chart, rows), alt=chart_alt(slide.chart), key="slide"
    )


def _figure(figure: KeyFigure, index: int) -> None:
    st.metric(md(figure.label), figure.value)
    if figure.status is not None:
        with st.container(key=f"lda-status-{index}"):
            widgets.status_badge(figure.status)
    if figure.note:
        with st.container(key=f"lda-figure-note-{index}"):
            st.markdown(plain(figure.note))


def _bullets(bullets: tuple[str, ...], *, small: bool) -> None:
    if not bullets:
        return
    with st.container(key="lda-bullets-small" if small else "lda-bullets"):
        st.markdown("\n".join(f"- {plain(line)}" for line in bullets))
