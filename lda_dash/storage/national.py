"""Reads across conventions, for progress at national scale: aggregated in SQL, a few years only.

A year's progress needs, per indicator, the year and the year before summed up the way its mode
says (DOMAIN.md 4): DuckDB does that in one grouped scan instead of Python reading every quarter
of every year of every territory.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from lda_dash.domain.model import SPENDING_CODE, IndicatorSpec, Mode, QuarterFigure
from lda_dash.domain.progress import YearAggregate
from lda_dash.storage.base import Connection

__all__ = [
    "ProgressInput",
    "annex_budgets",
    "convention_actions",
    "decided_by_convention",
    "figures_of_years",
    "inputs_of_rows",
    "overrides_of_year",
    "payments_by_convention",
    "progress_input_rows",
    "progress_inputs",
    "spending_by_action",
    "spending_by_convention_year",
]

FIGURES_OF_YEARS = """
SELECT action_number, code, year, quarter, value, numerator, denominator, comment, status
FROM figure
WHERE convention_id = $1 AND year BETWEEN $2 AND $3 AND list_contains($4::VARCHAR[], status)
ORDER BY action_number, code, year, quarter
"""
# Exact numbers travel as whole millionths in BIGINT: converting DuckDB DECIMALs (or HUGEINTs)
# to Python objects cost more than the whole grouped scan (measured at N=460). Every stored
# number has at most 6 decimals; a sum beyond 9.2 × 10^12 would stop with an overflow error.
SCALE = 1_000_000
PROGRESS_INPUTS = """
WITH sums AS (
    SELECT convention_id, action_number, code, year,
        bit_or(1 << (quarter - 1))::INTEGER AS quarters,
        CAST(sum(value) * 1000000 AS BIGINT) AS total,
        CAST(arg_max(value, quarter) * 1000000 AS BIGINT) AS latest,
        CAST(max(value) * 1000000 AS BIGINT) AS highest,
        sum(numerator)::BIGINT AS numerators, sum(denominator)::BIGINT AS denominators
    FROM figure
    WHERE year BETWEEN $1 - 1 AND $1 AND list_contains($2::VARCHAR[], status)
        AND ($3::VARCHAR[] IS NULL OR list_contains($3::VARCHAR[], convention_id))
    GROUP BY convention_id, action_number, code, year
),
-- An indicator's weight for the year set by an amendment (DOMAIN.md 13), the latest one as
-- the stored targets are: the same weights `reversement` reads.
amended AS (
    SELECT a.convention_id, c.action_number, c.code, c.after_value AS weight
    FROM amendment_change c JOIN amendment a ON a.id = c.amendment_id
    WHERE c.kind = 'weight' AND a.year = $1
    QUALIFY row_number() OVER (PARTITION BY a.convention_id, c.action_number, c.code
        ORDER BY a.amended_on DESC, a.created_at DESC, a.id DESC) = 1
)
SELECT i.convention_id, i.action_number, i.code, i.label, i.unit, i.mode,
    CAST(i.baseline * 1000000 AS BIGINT), CAST(coalesce(w.weight, i.weight) * 1000000 AS BIGINT),
    CAST(t.target * 1000000 AS BIGINT),
    cur.quarters, cur.total, cur.latest, cur.highest, cur.numerators, cur.denominators,
    prev.quarters, prev.total, prev.latest, prev.highest, prev.numerators, prev.denominators
FROM indicator i
LEFT JOIN target t ON t.convention_id = i.convention_id AND t.action_number = i.action_number
    AND t.code = i.code AND t.year = $1
LEFT JOIN amended w ON w.convention_id = i.convention_id AND w.action_number = i.action_number
    AND w.code = i.code
LEFT JOIN sums cur ON cur.convention_id = i.convention_id
    AND cur.action_number = i.action_number AND cur.code = i.code AND cur.year = $1
LEFT JOIN sums prev ON prev.convention_id = i.convention_id
    AND prev.action_number = i.action_number AND prev.code = i.code AND prev.year = $1 - 1
    AND list_contains($4::VARCHAR[], i.mode)
WHERE $3::VARCHAR[] IS NULL OR list_contains($3::VARCHAR[], i.convention_id)
ORDER BY i.convention_id, i.action_number, i.position, i.code
"""
ACTIONS = "SELECT convention_id, number, title, category FROM action ORDER BY convention_id, number"
# Amounts in whole cents (DECIMAL(14, 2)), sums of figures in millionths: see SCALE above.
PAYMENTS = """
SELECT convention_id, year, CAST(amount * 100 AS BIGINT) FROM payment
ORDER BY convention_id, year
"""
SPENDING_OF_YEAR = f"""
SELECT convention_id, action_number, CAST(sum(value) * 1000000 AS BIGINT) FROM figure
WHERE code = '{SPENDING_CODE}' AND year = $1 AND list_contains($2::VARCHAR[], status)
GROUP BY convention_id, action_number
"""
SPENDING_BY_YEAR = f"""
SELECT convention_id, year, CAST(sum(value) * 1000000 AS BIGINT) FROM figure
WHERE code = '{SPENDING_CODE}' AND year <= $1 AND list_contains($2::VARCHAR[], status)
GROUP BY convention_id, year
"""
DECIDED = """
SELECT convention_id, year, CAST(decided_amount * 100 AS BIGINT) FROM clawback_decision
"""
OVERRIDES = """
SELECT convention_id, action_number, CAST(amount * 100 AS BIGINT) FROM allocation
WHERE year = $1
"""
# Keyed like control.stored_annex: the annex row, with the amounts of the action it holds.
ANNEX_BUDGETS = """
SELECT a.convention_id, c.first_year, a.annex_row, CAST(y1.ami * 100 AS BIGINT),
    CAST(y2.cost * 100 AS BIGINT), CAST(y2.cofunding * 100 AS BIGINT)
FROM action a JOIN convention c ON c.id = a.convention_id
LEFT JOIN budget_line y1 ON y1.convention_id = a.convention_id
    AND y1.action_number = a.number AND y1.year = c.first_year
LEFT JOIN budget_line y2 ON y2.convention_id = a.convention_id
    AND y2.action_number = a.number AND y2.year = c.first_year + 1
ORDER BY a.convention_id, a.number
"""


def figures_of_years(
    con: Connection, convention_id: str, statuses: Iterable[str], years: Sequence[int]
) -> list[QuarterFigure]:
    """The convention's figures of the years from min(years) to max(years) with these statuses."""
    rows = con.execute(
        FIGURES_OF_YEARS, [convention_id, min(years), max(years), list(statuses)]
    ).fetchall()
    return [
        QuarterFigure(a, c, y, q, v, n, d, comment, status)
        for a, c, y, q, v, n, d, comment, status in rows
    ]


class ProgressInput(NamedTuple):
    """One indicator of a convention with its sums for the year and the year before."""

    spec: IndicatorSpec
    current: YearAggregate | None
    previous: YearAggregate | None


def progress_inputs(
    con: Connection,
    year: int,
    statuses: Iterable[str],
    convention_ids: Sequence[str] | None = None,
    previous_for: Iterable[str] = tuple(mode.value for mode in Mode),
) -> dict[str, list[ProgressInput]]:
    """convention → its indicators in catalogue order, each with the sums of `year` and `year-1`.

    Reads only those two years (older ones never change a year's progress) and only the
    figures with these statuses; every convention, or those named. The year before is given
    only to indicators whose mode is in `previous_for` (the others never look at it).
    """
    rows = progress_input_rows(con, year, statuses, convention_ids, previous_for)
    return {cid: inputs_of_rows(found, year) for cid, found in rows.items()}


def progress_input_rows(
    con: Connection,
    year: int,
    statuses: Iterable[str],
    convention_ids: Sequence[str] | None = None,
    previous_for: Iterable[str] = tuple(mode.value for mode in Mode),
) -> dict[str, list[tuple]]:
    """What `progress_inputs` reads, as plain rows per convention, for `inputs_of_rows`: the
    caller may build them where it computes (a forked share of a national progress)."""
    only = None if convention_ids is None else list(convention_ids)
    rows = con.execute(PROGRESS_INPUTS, [year, list(statuses), only, list(previous_for)]).fetchall()
    return {cid: list(found) for cid, found in itertools.groupby(rows, key=_first)}


def inputs_of_rows(rows: Iterable[tuple], year: int) -> list[ProgressInput]:
    """One convention's rows of `progress_input_rows` as specs with their year sums."""
    modes = {mode.value: mode for mode in Mode}
    out = []
    for row in rows:
        _, action, code, label, unit, mode, baseline, weight, target = row[:9]
        spec = IndicatorSpec(
            action,
            code,
            label,
            unit,
            modes[mode],
            _decimal(baseline),
            _decimal(weight),
            {year: _decimal(target)} if target is not None else {},
        )
        current = None if row[9] is None else YearAggregate(_QUARTERS[row[9]], *row[10:15], SCALE)
        previous = None if row[15] is None else YearAggregate(_QUARTERS[row[15]], *row[16:], SCALE)
        out.append(ProgressInput(spec, current, previous))
    return out


_first = operator.itemgetter(0)
_QUARTERS = {mask: tuple(q for q in (1, 2, 3, 4) if mask & (1 << (q - 1))) for mask in range(16)}


@functools.lru_cache(maxsize=8192)  # targets and weights repeat: Decimals are immutable
def _decimal(scaled: int | None) -> Decimal | None:
    return None if scaled is None else Decimal(scaled).scaleb(-6)


def convention_actions(con: Connection) -> dict[str, dict[int, tuple[str, str | None]]]:
    """convention → action number → (title, category)."""
    out: dict[str, dict[int, tuple[str, str | None]]] = {}
    for cid, number, title, category in con.execute(ACTIONS).fetchall():
        out.setdefault(cid, {})[number] = (title, category)
    return out


def payments_by_convention(con: Connection) -> dict[str, dict[int, Decimal]]:
    out: dict[str, dict[int, Decimal]] = {}
    for cid, year, cents in con.execute(PAYMENTS).fetchall():
        out.setdefault(cid, {})[year] = _cents(cents)
    return out


def spending_by_action(
    con: Connection, year: int, statuses: Iterable[str]
) -> dict[str, dict[int, Decimal]]:
    """convention → action → Σ DEP_AMI of `year` (actions without any absent)."""
    out: dict[str, dict[int, Decimal]] = {}
    for cid, action, total in con.execute(SPENDING_OF_YEAR, [year, list(statuses)]).fetchall():
        if total is not None:
            out.setdefault(cid, {})[action] = _decimal(total)
    return out


def spending_by_convention_year(
    con: Connection, up_to_year: int, statuses: Iterable[str]
) -> dict[str, dict[int, Decimal]]:
    """convention → year → Σ DEP_AMI, for the years up to `up_to_year`."""
    out: dict[str, dict[int, Decimal]] = {}
    rows = con.execute(SPENDING_BY_YEAR, [up_to_year, list(statuses)]).fetchall()
    for cid, year, total in rows:
        if total is not None:
            out.setdefault(cid, {})[year] = _decimal(total)
    return out


def decided_by_convention(con: Connection) -> dict[str, dict[int, Decimal]]:
    out: dict[str, dict[int, Decimal]] = {}
    for cid, year, cents in con.execute(DECIDED).fetchall():
        out.setdefault(cid, {})[year] = _cents(cents)
    return out


def overrides_of_year(con: Connection, year: int) -> dict[str, dict[int, Decimal]]:
    """convention → the coordination's allocation of `year` (absent: the default rule)."""
    out: dict[str, dict[int, Decimal]] = {}
    for cid, action, cents in con.execute(OVERRIDES, [year]).fetchall():
        out.setdefault(cid, {})[action] = _cents(cents)
    return out


def annex_budgets(con: Connection) -> dict[str, tuple[int, dict[int, tuple]]]:
    """convention → (first year, annex row → (AMI year 1, cost year 2, cofunding year 2))."""
    out: dict[str, tuple[int, dict[int, tuple]]] = {}
    for cid, first_year, row, *amounts in con.execute(ANNEX_BUDGETS).fetchall():
        out.setdefault(cid, (first_year, {}))[1][row] = tuple(_cents(a) for a in amounts)
    return out


@functools.lru_cache(maxsize=8192)
def _cents(cents: int | None) -> Decimal | None:
    return None if cents is None else Decimal(cents).scaleb(-2)
