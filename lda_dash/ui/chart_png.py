"""A plotly chart with its data on demand and a button that downloads it as a PNG image, drawn
on the server by kaleido.

The image is only drawn when the button is pressed (a deferred download), so a page with many
charts does not start Chromium on every rerun. The chart's own toolbar keeps its camera button,
set to PNG at twice the screen's resolution, for people who prefer it.
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from lda_dash.exports.images import figure_png
from lda_dash.ui import chart_table

PNG_WIDTH = 1600  # pixels of layout; the image is drawn at twice that
PNG_LABEL = "Télécharger l'image (PNG)"


class ImageNotDrawn(RuntimeError):
    """Chromium could not draw the chart on this server."""


def plotly_config(file_stem: str) -> dict:
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
        "toImageButtonOptions": {"format": "png", "filename": file_stem, "scale": 2},
    }


def chart_png(figure: go.Figure, width: int = PNG_WIDTH) -> bytes:
    """The figure as PNG bytes, at its own height."""
    height = int(figure.layout.height or 500)
    png = figure_png(figure, width, height)
    if png is None:
        raise ImageNotDrawn("l'image n'a pas pu être dessinée sur le serveur (Chromium absent)")
    return png


def png_button(figure: go.Figure, *, key: str, file_name: str, width: int = PNG_WIDTH) -> None:
    st.download_button(
        PNG_LABEL,
        data=lambda: chart_png(figure, width),
        file_name=file_name,
        mime="image/png",
        key=f"{key}_png",
        icon=":material/download:",
        type="tertiary",
        on_click="ignore",
    )


def chart_with_png(
    figure: go.Figure,
    *,
    alt: str,
    key: str,
    file_name: str,
    rows: str | None = None,
    width: int = PNG_WIDTH,
) -> None:
    """The chart with its data on demand (see ui.chart_table), then its PNG button."""
    stem = file_name.removesuffix(".png")
    chart_table.chart(figure, alt=alt, rows=rows, key=key, config=plotly_config(stem))
    png_button(figure, key=key, file_name=file_name, width=width)
