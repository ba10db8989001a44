"""Quarterly figures of synthetic indicators, drawn for all indicators and years at once (numpy).

Each (indicator, year) gets a performance around its territory's and action's skill; quarters are
then shaped by the indicator's mode so every figure is valid input (DOMAIN.md section 4): counts
are whole, year-to-date counts never go down, rates have numerator ≤ denominator, milestones are 0
or 1, euros have 2 decimals. Variety: some quarters missing, the last year only partly reported,
mostly validated figures, spending below the State funding.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

SPENDING_CODE = "DEP_AMI"


@dataclass(frozen=True)
class IndicatorYears:
    """Per indicator (rows) and per year (columns of `target` and `allocation`)."""

    convention_id: np.ndarray
    action: np.ndarray
    code: np.ndarray
    mode: np.ndarray
    level: np.ndarray  # the first year's target, or a usual level when there is no target
    target: np.ndarray  # (indicators, years), NaN without target
    skill: np.ndarray
    allocation: np.ndarray  # (indicators, years): State funding the DEP_AMI line spends from
    years: tuple[int, ...]


def quarterly_figures(
    ind: IndicatorYears, reported_quarters: int, rng: np.random.Generator
) -> pd.DataFrame:
    """Rows of the figure table (without author and timestamps columns the loader adds)."""
    count, span = ind.target.shape
    perf = np.clip(
        ind.skill[:, None] + rng.normal(0, 0.07, (count, span)) + 0.01 * np.arange(span), 0.05, 1.5
    )
    level = np.where(np.isnan(ind.target), ind.level[:, None], ind.target)
    spending = ind.code == SPENDING_CODE
    mode = ind.mode
    goal = np.where(mode[:, None] == "stock", level * perf, np.round(level * perf))
    consumption = np.clip(
        0.8 + 0.12 * np.minimum(perf, 1) + rng.normal(0, 0.04, perf.shape), 0.3, 0.99
    )
    goal = np.where(spending[:, None], ind.allocation * consumption, goal)
    start = np.concatenate([level[:, :1] * rng.uniform(0.3, 0.7, (count, 1)), goal[:, :-1]], 1)

    flat = count * span
    share = rng.gamma(6.0, size=(flat, 4))
    cumulated = np.cumsum(share, axis=1) / share.sum(axis=1, keepdims=True)
    row_mode = np.repeat(mode, span)
    row_spending = np.repeat(spending, span)
    g = goal.reshape(flat, 1)
    ytd = np.round(g * cumulated)
    counts = np.diff(ytd, axis=1, prepend=0)
    cents = np.diff(np.round(g * 100 * cumulated), axis=1, prepend=0) / 100
    quarter = np.arange(1, 5)
    s = start.reshape(flat, 1)
    stock = np.maximum(0, np.round(s + (g - s) * quarter / 4 + rng.normal(0, 0.3, (flat, 4))))
    produced_at = np.where(rng.random(flat) < 0.2, 3, 4)[:, None]
    milestone = ((perf.reshape(flat, 1) >= 0.55) & (quarter >= produced_at)).astype(float)
    value = np.select(
        [
            row_spending[:, None] & np.ones((1, 4), bool),
            (row_mode == "cumul_annuel")[:, None],
            (row_mode == "stock")[:, None],
            (row_mode == "jalon")[:, None],
        ],
        [cents, ytd, stock, milestone],
        counts,
    )

    denominator = rng.integers(30, 91, (flat, 4))
    rate_goal = np.where(np.isnan(ind.target), 70.0, ind.target) / 100 * np.minimum(perf, 1.1)
    rate = np.clip(rate_goal.reshape(flat, 1) + rng.normal(0, 0.04, (flat, 4)), 0.02, 0.99)
    numerator = np.minimum(denominator, np.round(denominator * rate)).astype(np.int64)

    keep, status = _reporting(rng, count, span, reported_quarters)
    # Element r * 4 + (q - 1) of a raveled (rows, 4) array is quarter q of row r. Rows are put
    # in the order figures arrive in real life: quarter after quarter, every territory.
    kept = np.flatnonzero(keep.ravel())
    indicator = np.repeat(np.repeat(np.arange(count), span), 4)[kept]
    years = np.repeat(np.tile(np.array(ind.years), count), 4)[kept]
    quarters = np.tile(quarter, flat)[kept]
    take = kept[np.lexsort((indicator, quarters, years))]
    picked = np.repeat(np.repeat(np.arange(count), span), 4)[take]
    rate_rows = np.repeat(row_mode == "taux", 4)[take]
    frame = pd.DataFrame(
        {
            "convention_id": pd.Categorical(ind.convention_id[picked]),
            "action_number": ind.action[picked].astype(np.int32),
            "code": pd.Categorical(ind.code[picked]),
            "year": np.repeat(np.tile(np.array(ind.years), count), 4)[take].astype(np.int32),
            "quarter": np.tile(quarter, flat)[take].astype(np.int32),
            "value": np.where(rate_rows, np.nan, value.ravel()[take]),
            "numerator": pd.array(numerator.ravel()[take], "Int64"),
            "denominator": pd.array(denominator.ravel()[take], "Int64"),
            "status": pd.Categorical(status.ravel()[take]),
        }
    )
    frame.loc[~rate_rows, ["numerator", "denominator"]] = pd.NA
    frame["created_at"] = _reported_on(frame["year"], frame["quarter"], rng)
    return frame


def _reporting(rng, count: int, span: int, reported: int) -> tuple[np.ndarray, np.ndarray]:
    """Which quarters are reported, and their workflow status.

    Closed years: a few quarters and a few whole years missing, nearly all validated. The last
    year: quarters up to `reported`, the latest one not yet sent by some and mostly waiting for
    validation.
    """
    flat = count * span
    last = (np.tile(np.arange(span), count) == span - 1)[:, None]
    quarter = np.arange(1, 5)[None, :]
    draw = rng.random((flat, 4))
    whole_year_missing = (rng.random(flat) < 0.012)[:, None]
    keep = np.where(
        last,
        (quarter < reported) | ((quarter == reported) & (draw < 0.7)),
        (draw < 0.975) & ~whole_year_missing,
    )
    pick = rng.random((flat, 4))
    closed_status = np.select([pick < 0.007, pick < 0.01], ["submitted", "returned"], "validated")
    latest = np.select([pick < 0.6, pick < 0.95], ["submitted", "validated"], "draft")
    earlier = np.where(pick < 0.08, "submitted", "validated")
    status = np.where(last, np.where(quarter == reported, latest, earlier), closed_status)
    return keep, status


def _reported_on(year: pd.Series, quarter: pd.Series, rng) -> pd.Series:
    """Figures arrive two to six weeks after their quarter ends."""
    quarter_end = pd.to_datetime(pd.DataFrame({"year": year, "month": 3 * quarter, "day": 1}))
    return quarter_end + pd.to_timedelta(rng.integers(45, 75, len(year)), unit="D")
