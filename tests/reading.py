"""Reads the tests make to check what the product stored (tests may run SQL; the product may not
outside storage)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from lda_dash import storage
from lda_dash.domain.year_report import ExecutionReportData
from lda_dash.services.report_data import read_report_data
from lda_dash.storage import database


def figure_frame(con, convention_id: str) -> pd.DataFrame:
    """Every stored figure with its indicator's label, unit and mode."""
    return con.execute(
        "SELECT f.*, i.label, i.unit, i.mode FROM figure f "
        "LEFT JOIN indicator i USING (convention_id, action_number, code) "
        "WHERE f.convention_id = ? ORDER BY year, action_number, code, quarter",
        [convention_id],
    ).df()


def figure_versions(con, convention_id: str) -> dict[tuple[int, str, int, int], int]:
    """The stored version of every figure."""
    rows = con.execute(
        "SELECT action_number, code, year, quarter, version FROM figure WHERE convention_id = ?",
        [convention_id],
    ).fetchall()
    return {(a, c, y, q): v for a, c, y, q, v in rows}


def load_report_data(
    path: Path | str | None,
    year: int,
    *,
    convention_id: str | None = None,
    as_of: date | None = None,
) -> ExecutionReportData:
    """The year's report data in one read-only unit of work; the first convention unless named."""
    with database.connect(path, read_only=True) as con:
        if convention_id is None:
            convention_id = storage.conventions(con)[0]["id"]
        return read_report_data(con, convention_id, year, as_of)
