"""What a slide of the presentation holds, independent of how it is drawn.

The Présentation page (Streamlit and plotly) and the PowerPoint deck (python-pptx) draw the same
slides, so the story is written once, as plain values: titles, big figures, bullets, a chart's
data, and the speaker notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from lda_dash.domain.model import Status


class SlideKind(StrEnum):
    TITLE = "title"
    KEY_FIGURES = "key_figures"
    CATEGORY = "category"
    ACTION = "action"
    COMPARISON = "comparison"
    CLAWBACK = "clawback"
    FORECAST = "forecast"
    NEXT = "next"


class ChartUnit(StrEnum):
    """Attainments are fractions (1.05 is 105 %); money is in euros."""

    ATTAINMENT = "attainment"
    EUROS = "euros"


@dataclass(frozen=True)
class KeyFigure:
    """A big number with what it counts; `status` when the number is a status count."""

    label: str
    value: str
    note: str = ""
    status: Status | None = None


@dataclass(frozen=True)
class Bar:
    """One bar: its category, its value (None: nothing to draw) and the label at its end."""

    label: str
    value: float | None
    text: str
    status: Status | None = None


@dataclass(frozen=True)
class Series:
    name: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart: one series coloured by status, or several series side by side."""

    title: str
    unit: ChartUnit
    series: tuple[Series, ...]
    reference: float | None = None  # a dashed line, e.g. 1.0 for the 100 % objective
    reference_label: str = ""

    @property
    def categories(self) -> list[str]:
        return [bar.label for bar in self.series[0].bars]

    @property
    def by_status(self) -> bool:
        return len(self.series) == 1 and any(bar.status for bar in self.series[0].bars)


@dataclass(frozen=True)
class Slide:
    """One slide: title, subtitle, big figures, a chart, bullets, and what the speaker says."""

    kind: SlideKind
    title: str
    subtitle: str = ""
    figures: tuple[KeyFigure, ...] = ()
    chart: Chart | None = None
    bullets: tuple[str, ...] = ()
    notes: str = ""
    file_stem: str = "diapositive"  # a name for the chart's PNG
