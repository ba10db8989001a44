"""What a year still lacks before its decision: figures submitted but not validated, and
figures never transmitted (DOMAIN.md sections 8 and 9: control counts validated figures only).

A decision locks the year: after it, neither can count any more. The decision form lists them
so that the Prefect decides knowingly (issue 12).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lda_dash.domain.model import IndicatorSpec, QuarterFigure
from lda_dash.domain.workflow import FigureStatus

QUARTERS = (1, 2, 3, 4)


@dataclass(frozen=True)
class PendingIndicator:
    """One indicator of the year with quarters submitted-not-validated or missing."""

    action: int
    code: str
    label: str
    submitted: tuple[int, ...]  # quarters waiting for the coordination's validation
    missing: tuple[int, ...]  # quarters with no figure transmitted (drafts count as none)


def pending_work(
    specs: Mapping[tuple[int, str], IndicatorSpec], figures: Iterable[QuarterFigure], year: int
) -> list[PendingIndicator]:
    """Every indicator of the catalogue whose year is not wholly validated, in action order."""
    status: dict[tuple[int, str, int], str] = {}
    for fig in figures:
        if fig.year == year:
            status[(fig.action, fig.code, fig.quarter)] = fig.status
    out = []
    for (action, code), spec in sorted(specs.items()):
        submitted = tuple(
            q for q in QUARTERS if status.get((action, code, q)) == FigureStatus.SUBMITTED
        )
        missing = tuple(
            q
            for q in QUARTERS
            if status.get((action, code, q)) not in (FigureStatus.SUBMITTED, FigureStatus.VALIDATED)
        )
        if submitted or missing:
            out.append(PendingIndicator(action, code, spec.label, submitted, missing))
    return out


def pending_counts(pending: Iterable[PendingIndicator]) -> tuple[int, int]:
    """(figures submitted but not validated, figures missing)."""
    items = list(pending)
    return sum(len(p.submitted) for p in items), sum(len(p.missing) for p in items)
