"""The decision form's list of what the year still lacks, as a French table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from lda_dash.domain.pending_work import PendingIndicator


def _quarters(quarters: tuple[int, ...]) -> str:
    return ", ".join(f"T{q}" for q in quarters) or "—"


def pending_table(pending: Iterable[PendingIndicator], titles: Mapping[int, str]) -> pd.DataFrame:
    """One row per indicator not wholly validated: its quarters waiting, its quarters missing."""
    rows = [
        {
            "Action": f"n° {p.action} · {titles.get(p.action, '')}",
            "Indicateur": p.label,
            "Soumis, pas encore validés": _quarters(p.submitted),
            "Jamais transmis": _quarters(p.missing),
        }
        for p in pending
    ]
    columns = ["Action", "Indicateur", "Soumis, pas encore validés", "Jamais transmis"]
    return pd.DataFrame(rows, columns=columns)
