"""The Historique page's data (no Streamlit here): the append-only history of a convention in
French, its filters, and its CSV export (DOMAIN.md section 9)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from lda_dash import storage
from lda_dash.exports.tables import csv_bytes
from lda_dash.services.context import Context, Selection, page_unit_of_work
from lda_dash.words.history import Specs, history_line

COLUMNS = ["Date", "Auteur", "Objet", "Élément", "Ancienne valeur", "Nouvelle valeur", "Motif"]


@dataclass(frozen=True)
class HistoryData:
    """Every change kept for the convention (and its accounts), newest first, in French."""

    context: Context
    entries: pd.DataFrame

    @property
    def entities(self) -> list[str]:
        return sorted(self.entries["Objet"].unique())

    @property
    def authors(self) -> list[str]:
        return sorted(self.entries["Auteur"].unique())


def load_history(
    path: Path | str | None, wanted: Selection, today: date | None = None
) -> HistoryData:
    with page_unit_of_work(path, wanted, today) as (con, context, _):
        raw = storage.history(con, context.convention_id)
        specs = storage.indicator_specs(con, context.convention_id)
    return HistoryData(context, french_history(raw, specs))


def french_history(raw: pd.DataFrame, specs: Specs | None = None) -> pd.DataFrame:
    """The stored rows in words: French column and entity names, indicator labels instead of
    codes, values the French way with the workflow's words (words/history.py)."""
    records = raw.astype(object).where(raw.notna(), None).to_dict("records")
    lines = [history_line(record, specs or {}) for record in records]
    return pd.DataFrame(
        {
            "Date": pd.to_datetime(raw["changed_at"]),
            "Auteur": raw["author"].astype(str),
            "Objet": [line["entity"] for line in lines],
            "Élément": [line["item"] for line in lines],
            "Ancienne valeur": [line["old"] for line in lines],
            "Nouvelle valeur": [line["new"] for line in lines],
            "Motif": raw["reason"].fillna("").astype(str),
        },
        columns=COLUMNS,
    )


def filter_history(
    entries: pd.DataFrame,
    *,
    entities: Collection[str] = (),
    authors: Collection[str] = (),
    text: str = "",
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """The entries matching every filter given; an empty filter keeps everything."""
    keep = pd.Series(True, index=entries.index)
    if entities:
        keep &= entries["Objet"].isin(list(entities))
    if authors:
        keep &= entries["Auteur"].isin(list(authors))
    if text.strip():
        words = text.strip().casefold()
        searched = entries[["Élément", "Ancienne valeur", "Nouvelle valeur", "Motif", "Auteur"]]
        keep &= searched.apply(lambda row: words in " ".join(row).casefold(), axis=1)
    if start is not None:
        keep &= entries["Date"] >= pd.Timestamp(start)
    if end is not None:
        keep &= entries["Date"] < pd.Timestamp(end + timedelta(days=1))  # the whole last day
    return entries[keep]


def history_csv(entries: pd.DataFrame) -> bytes:
    """The entries as French Excel opens them: `;`, UTF-8 with BOM, formulas made inert."""
    rows = (
        [when.to_pydatetime(), *rest]
        for when, *rest in entries[COLUMNS].itertuples(index=False, name=None)
    )
    return csv_bytes(COLUMNS, rows)
