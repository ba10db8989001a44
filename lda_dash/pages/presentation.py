"""Présentation: the year's story as slides for a projector, and the same deck for PowerPoint."""

from __future__ import annotations

import streamlit as st

from lda_dash import config
from lda_dash.charts.slides import png_name, story_figure
from lda_dash.exports import FORMATS
from lda_dash.exports.pptx import footer_text, presentation_pptx
from lda_dash.services.presentation import load_presentation
from lda_dash.story import build_story
from lda_dash.ui import slide_view, state
from lda_dash.ui.chart_png import png_button

SLIDE_KEY = "slide_index"
HIDE_KEY = "hide_partners"
HELP = (
    "Plein écran : touche F11 du navigateur, et repliez le menu latéral (flèche en haut à "
    "gauche). Les flèches ← et → du clavier passent d'une diapositive à l'autre ; les boutons "
    "s'atteignent aussi avec la touche Tab."
)


def move(step: int, count: int) -> None:
    """Go `step` slides further, never past the first or the last."""
    current = st.session_state.get(SLIDE_KEY, 0)
    st.session_state[SLIDE_KEY] = min(max(current + step, 0), count - 1)


def jump() -> None:
    st.session_state[SLIDE_KEY] = st.session_state["_w_slide"]


def main() -> None:
    data = state.load_or_stop(load_presentation, config.db_path(), state.wanted_selection())
    context, report = data.context, data.report
    state.remember(context)
    state.context_selectors(context)
    with st.sidebar:
        hide = st.toggle(
            "Masquer les noms des partenaires",
            key=HIDE_KEY,
            help="Pour une salle où les partenaires ne doivent pas être nommés : les "
            "diapositives et le fichier PowerPoint les omettent.",
        )
        st.download_button(
            "Télécharger la présentation (PowerPoint)",
            data=lambda: presentation_pptx(report, hide_partners=hide),
            file_name=f"presentation-{context.convention_id}-{context.year}.pptx",
            mime=FORMATS["pptx"].mime,
            icon=":material/slideshow:",
            on_click="ignore",
            help="Le même déroulé, avec des graphiques modifiables et des notes pour l'orateur.",
        )
        st.caption(HELP)
    slides = build_story(report, hide_partners=hide)
    count = len(slides)
    index = min(st.session_state.get(SLIDE_KEY, 0), count - 1)
    st.session_state[SLIDE_KEY] = index
    slide = slides[index]
    slide_view.style()
    slide_view.show(slide, chart_key=f"slide_chart_{index}", footer=footer_text(report))
    navigation(slides, index)
    if slide.chart is not None:
        png_button(story_figure(slide.chart), key=f"slide_{index}",
                   file_name=png_name(slide.file_stem), width=1700)  # fmt: skip
        slide_view.chart_data(slide)
    with st.expander("Notes pour l'orateur"):
        st.markdown(slide_view.plain(slide.notes))


def navigation(slides, index: int) -> None:
    """Previous and next buttons around the slide counter, then a list to jump anywhere."""
    count = len(slides)
    with st.container(key="lda-nav", horizontal=True, vertical_alignment="center", gap="medium"):
        st.button(
            "Précédente",
            icon=":material/arrow_back:",
            key="slide_previous",
            on_click=move,
            args=(-1, count),
            disabled=index == 0,
            shortcut="Left",
        )
        st.markdown(f"**Diapositive {index + 1} / {count}**")
        st.button(
            "Suivante",
            icon=":material/arrow_forward:",
            key="slide_next",
            on_click=move,
            args=(1, count),
            disabled=index == count - 1,
            shortcut="Right",
            type="primary",
        )
        st.session_state["_w_slide"] = index
        st.selectbox(
            "Aller à la diapositive",
            range(count),
            format_func=lambda i: f"{i + 1}. {slides[i].title}",
            key="_w_slide",
            on_change=jump,
            label_visibility="collapsed",
            width=520,
        )


main()
