"""Bare Streamlit pages of the benchmark, and the precomputed content they draw.

The bench process fills `FLOOR` before AppTest runs `floor.py` in the same process: the page
then spends nothing on data, only on what Streamlit itself costs to draw the same elements.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass
class FloorContent:
    """Everything the dashboard draws, already computed."""

    title: str = ""
    captions: tuple[str, ...] = ()
    demo_banner: str | None = None
    metrics: list[tuple[str, str]] = field(default_factory=list)
    summary: str = ""
    figure: object = None
    links: list[tuple[str, str]] = field(default_factory=list)
    table: pd.DataFrame | None = None
    guide: str = ""
    selectors: list[tuple[str, list]] = field(default_factory=list)


FLOOR = FloorContent()
