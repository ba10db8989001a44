"""Progress of one year for many conventions: SQL sums the quarters, the domain rules decide.

`reports.load_progress` reads one convention's figures and builds each year value in Python;
here DuckDB sums up each (convention, action, indicator, year) in one grouped scan of the two
years a progress needs, and the very same rules (`progress_of_value`, `assemble_report`) run on
the result, with exact fractions. Results equal `compute_progress` on the same data (tested).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from fractions import Fraction

from lda_dash import storage
from lda_dash.domain.model import Mode
from lda_dash.domain.progress import aggregate_year_value, progress_of_value
from lda_dash.domain.progress_report import ProgressReport, assemble_report
from lda_dash.domain.workflow import COUNTED_STATUSES, counted_statuses
from lda_dash.services import cores
from lda_dash.services.progress import progress_records
from lda_dash.services.settings import watch_threshold
from lda_dash.storage import ProgressInput

# Only these modes start their expected pace from last year's value (DOMAIN.md 5).
_STARTS_FROM_LAST_YEAR = (Mode.STOCK, Mode.TAUX)
_PREVIOUS_FOR = tuple(mode.value for mode in _STARTS_FROM_LAST_YEAR)


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Building tens of thousands of small acyclic objects (fractions, rows) triggers Python's
    cycle collector again and again for nothing: measured, a third of a national progress."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def reports_from_inputs(
    inputs: Mapping[str, Sequence[ProgressInput]],
    year: int,
    as_of: date,
    *,
    validated_only: bool = False,
    threshold: Fraction,
) -> dict[str, ProgressReport]:
    """Pure: each convention's report for `year` from its indicators' sums of `year`, `year-1`."""
    reports = {}
    for cid, indicators in inputs.items():
        rows = []
        for spec, current, previous in indicators:
            start = None
            if spec.mode in _STARTS_FROM_LAST_YEAR:
                start = aggregate_year_value(spec.mode, previous)
            rows.append(
                progress_of_value(
                    spec,
                    year,
                    aggregate_year_value(spec.mode, current),
                    current.quarters if current is not None else (),
                    as_of,
                    start,
                    threshold,
                )
            )
        reports[cid] = assemble_report(cid, year, as_of, validated_only, threshold, rows)
    return reports


def load_reports(
    con,
    year: int,
    as_of: date,
    *,
    validated_only: bool = False,
    convention_ids: Sequence[str] | None = None,
) -> dict[str, ProgressReport]:
    """Every convention's progress for `year` (or those named), in the caller's unit of work."""
    statuses = counted_statuses(validated_only)
    with cycle_collection_paused():
        inputs = storage.progress_inputs(con, year, statuses, convention_ids, _PREVIOUS_FOR)
        return reports_from_inputs(
            inputs, year, as_of, validated_only=validated_only, threshold=watch_threshold(con)
        )


def rows_of_year(
    con, year: int, *, validated_only: bool = False
) -> tuple[dict[str, list[tuple]], Fraction]:
    """What every convention's progress of `year` needs, as read in the caller's unit of work
    (rows still to build: see `rendered_shares`), and the watch threshold."""
    statuses = counted_statuses(validated_only)
    with cycle_collection_paused():  # hundreds of thousands of Python objects: see above
        rows = storage.progress_input_rows(con, year, statuses, None, _PREVIOUS_FOR)
    return rows, watch_threshold(con)


def rendered_shares(
    rows: Mapping[str, Sequence[tuple]],
    year: int,
    as_of: date,
    render: Callable[[dict[str, ProgressReport]], str],
    *,
    validated_only: bool = False,
    threshold: Fraction,
) -> list[str]:
    """The conventions' reports rendered as text in shares, in order, one share per core.

    Building the inputs and running the rules are pure Python, bound to one core:
    `cores.map_text` computes the shares in forked children. Call it with no database open:
    a child must not inherit a connection.
    """

    def work(share: Mapping[str, Sequence[tuple]]) -> str:
        with cycle_collection_paused():
            inputs = {cid: storage.inputs_of_rows(found, year) for cid, found in share.items()}
            reports = reports_from_inputs(
                inputs, year, as_of, validated_only=validated_only, threshold=threshold
            )
            return render(reports)

    return cores.map_text(work, split_evenly(rows, cores.available()))


def split_evenly(inputs: Mapping[str, Sequence], parts: int) -> list[dict[str, Sequence]]:
    """Consecutive shares of the conventions with about as many indicators each (order kept)."""
    total = sum(len(indicators) for indicators in inputs.values())
    parts = max(1, min(parts, len(inputs)))
    shares: list[dict[str, Sequence]] = [{} for _ in range(parts)]
    done = 0
    for cid, indicators in inputs.items():
        index = min(parts - 1, done * parts // total) if total else 0
        shares[index][cid] = indicators
        done += len(indicators)
    return [share for share in shares if share] or [{}]


def reports_over_years(
    con, years: Sequence[int], as_of: date, convention_ids: Sequence[str]
) -> dict[int, dict[str, ProgressReport]]:
    """Several years of a few conventions (for the comparison over years)."""
    threshold = watch_threshold(con)
    with cycle_collection_paused():
        return {
            year: reports_from_inputs(
                storage.progress_inputs(con, year, COUNTED_STATUSES, convention_ids, _PREVIOUS_FOR),
                year,
                as_of,
                threshold=threshold,
            )
            for year in years
        }


def national_records(reports: Mapping[str, ProgressReport]) -> list[dict]:
    """`progress --all-territories` rows: the single-convention rows with a "convention" key."""
    with cycle_collection_paused():
        return [
            record
            for cid, report in reports.items()
            for record in progress_records(report, convention=cid)
        ]
