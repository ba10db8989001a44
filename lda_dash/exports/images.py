"""Plotly figures as PNG through kaleido and Debian's Chromium, for the PDF report.

One kaleido server per process, started on first use (starting Chromium takes seconds; each
image after that is quick). The server answers one request at a time, so concurrent app
sessions take turns behind a lock. When Chromium cannot run, the caller draws the chart itself.
"""

from __future__ import annotations

import logging
import threading

import plotly.graph_objects as go

_LOCK = threading.Lock()
log = logging.getLogger(__name__)


def figure_png(figure: go.Figure, width: int, height: int, scale: float = 2) -> bytes | None:
    """PNG bytes of `figure` at `width` × `height` layout pixels; None if kaleido cannot run."""
    try:
        import kaleido

        with _LOCK:
            # MathJax is never used here; without it no page asks the network for a script.
            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            return kaleido.calc_fig_sync(
                figure.to_dict(),
                opts={"format": "png", "width": width, "height": height, "scale": scale},
            )
    except Exception as exc:  # kaleido and choreographer raise many kinds when Chromium fails
        log.warning("graphique non rendu par kaleido : %s", exc)
        return None
