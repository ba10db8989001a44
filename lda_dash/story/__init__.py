"""The presentation of a year as slides: one story, drawn by the page and by the PowerPoint deck."""

from lda_dash.story.build import build_story
from lda_dash.story.model import Bar, Chart, ChartUnit, KeyFigure, Series, Slide, SlideKind

__all__ = ["Bar", "Chart", "ChartUnit", "KeyFigure", "Series", "Slide", "SlideKind", "build_story"]
