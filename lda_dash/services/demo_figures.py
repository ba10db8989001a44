"""Synthetic, clearly labelled demonstration figures for 2021-2022, from a seeded generator.

The story they tell, on the demonstration date (15 October 2022, services/calendar.py): 2021 is
over and validated; 2022 is open, reported up to its third quarter. Most actions progress and
reach their targets, a few are late; the third quarter is still being reported (some figures are
submitted and wait for validation; Habitat Solidaire, the CCAS and action 11, médiation
sociale, have not reported it yet: a quarter to report); State-funded spending stays below
budget. Figures are flagged `is_demo` and written by the author `demo`.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from lda_dash.domain.model import SPENDING_CODE, IndicatorSpec, Mode, QuarterFigure
from lda_dash.domain.rounding import cents
from lda_dash.domain.workflow import FigureStatus

SEED = 2021
DEMO_AUTHOR = "demo"
YEARS = (2021, 2022)
LATE_ACTIONS = {6: 0.55, 12: 0.7, 9: 0.0}  # share of the target reached by late actions
SILENT = (11, 2022, 4)  # (action, year, quarter) a partner has not reported
OPEN_YEAR, LAST_QUARTER = 2022, 3  # the demonstration date falls in the fourth quarter of 2022
# Actions whose third quarter of 2022 is still to report, two weeks after it ended: those of
# Habitat Solidaire and the CCAS (the first demo partners), and action 11.
NOT_YET_REPORTED = {2, 3, 4, 5, 6, 7, 8, 9, 11}
QUARTER_SHARES = (0.2, 0.25, 0.25, 0.3)


def _performance(rng: random.Random, action: int, year: int) -> float:
    if action in LATE_ACTIONS and year == 2022:
        return LATE_ACTIONS[action]
    if action in LATE_ACTIONS:
        return max(0.0, LATE_ACTIONS[action] + 0.25)
    return rng.uniform(0.92, 1.18)


def _status(year: int, quarter: int, rng: random.Random) -> str:
    if year == 2022 and quarter == 4:
        return FigureStatus.SUBMITTED if rng.random() < 0.35 else FigureStatus.VALIDATED
    return FigureStatus.VALIDATED


def _series(spec: IndicatorSpec, year: int, perf: float, rng: random.Random) -> list[Decimal]:
    """Four quarterly values whose year value (in the indicator's mode) is about perf × target."""
    target = float(spec.target(year) or 0)
    if spec.mode == Mode.SOMME:
        goal = round(target * perf)
        values = [int(goal * share) for share in QUARTER_SHARES]
        values[-1] += goal - sum(values)
        return [Decimal(max(0, v)) for v in values]
    if spec.mode == Mode.CUMUL_ANNUEL:
        goal = round(target * perf)
        running, out = 0, []
        for share in QUARTER_SHARES:
            running += int(goal * share)
            out.append(running)
        out[-1] = max(out[-1], goal)
        return [Decimal(v) for v in out]
    if spec.mode == Mode.STOCK:
        start = float(spec.target(year - 1) or 0) if year > YEARS[0] else 0.0
        goal = target * perf
        return [Decimal(round(start + (goal - start) * q / 4)) for q in (1, 2, 3, 4)]
    if spec.mode == Mode.JALON:
        return [Decimal(0), Decimal(0), Decimal(0), Decimal(1 if perf >= 0.5 else 0)]
    raise ValueError(spec.mode)


def _rate(spec: IndicatorSpec, year: int, quarter: int, perf: float, rng: random.Random):
    if spec.code == "REPIT_OCC":
        denominator = 91
        return round(denominator * rng.uniform(0.55, 0.9)), denominator
    target = float(spec.target(year) or 50)
    baseline = float(spec.baseline or 0)
    start = baseline + (target - baseline) * (0.5 if year == YEARS[0] else 0.85)
    rate = min(99.0, (start + (target - start) * quarter / 4) * min(perf, 1.05)) / 100
    denominator = rng.randint(55, 70)
    return min(denominator, round(denominator * rate)), denominator


def demo_figures(
    specs: dict[tuple[int, str], IndicatorSpec], budgets: dict[tuple[int, int], Decimal]
) -> list[QuarterFigure]:
    """Every demo figure; `budgets` maps (action, year) to the State funding to spend from."""
    rng = random.Random(SEED)
    out: list[QuarterFigure] = []
    for (action, code), spec in sorted(specs.items()):
        for year in YEARS:
            perf = _performance(rng, action, year)
            if code == SPENDING_CODE:
                values = _spending(budgets.get((action, year), Decimal(0)), perf, rng)
            elif spec.mode == Mode.TAUX:
                values = None
            elif spec.target(year) is None:
                values = [Decimal(rng.randint(0, 1)) for _ in range(4)]
            else:
                values = _series(spec, year, perf, rng)
            for quarter in (1, 2, 3, 4):
                if (action, year, quarter) == SILENT:
                    continue
                status = _status(year, quarter, rng)
                if values is None:
                    num, den = _rate(spec, year, quarter, perf, rng)
                    out.append(
                        QuarterFigure(action, code, year, quarter, None, num, den, "", status)
                    )
                else:
                    value = values[quarter - 1]
                    out.append(
                        QuarterFigure(action, code, year, quarter, value, None, None, "", status)
                    )
    return _as_on_demo_date(out)


def _as_on_demo_date(figures: list[QuarterFigure]) -> list[QuarterFigure]:
    """The figures as they stand on the demonstration date: nothing after the third quarter of
    2022, that quarter missing for the actions still to report and partly submitted elsewhere.

    The series above are drawn for the whole years first, so the values shown stay the same
    whatever is cut here; the submitted share draws from its own generator for the same reason.
    """
    rng = random.Random(SEED + 1)
    kept = []
    for fig in figures:
        if fig.year == OPEN_YEAR and fig.quarter > LAST_QUARTER:
            continue
        if (fig.year, fig.quarter) == (OPEN_YEAR, LAST_QUARTER):
            if fig.action in NOT_YET_REPORTED:
                continue
            submitted = rng.random() < 0.35
            status = FigureStatus.SUBMITTED if submitted else FigureStatus.VALIDATED
            fig = replace(fig, status=status)
        kept.append(fig)
    return kept


def _spending(budget: Decimal, perf: float, rng: random.Random) -> list[Decimal]:
    share = min(0.97, 0.72 + 0.2 * min(perf, 1.0)) * rng.uniform(0.95, 1.0)
    total = Decimal(str(float(budget) * share))
    parts = [total * Decimal(str(s)) for s in QUARTER_SHARES]
    return [cents(p) for p in parts]


DEMO_TIME = datetime(2022, 10, 10, 9, 0)  # before the demonstration date
