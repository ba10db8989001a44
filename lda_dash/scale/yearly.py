"""Synthetic conventions, year by year: targets, payments, and the Prefect's yearly decisions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lda_dash.domain.workflow import FigureStatus

AUTHOR = "synthetique"
SPENDING_CODE = "DEP_AMI"


def targets(indicators: pd.DataFrame, years: tuple[int, ...]) -> pd.DataFrame:
    """Yearly targets: counts grow a little each year, stocks more, rates by a point a year."""
    out = []
    for step, year in enumerate(years):
        level = indicators["level"].to_numpy(dtype=float)
        mode = indicators["mode"].to_numpy()
        target = np.select(
            [mode == "jalon", mode == "stock", mode == "taux"],
            [
                np.ones_like(level),
                np.maximum(1, np.round(level * (1 + 0.08 * step))),
                np.minimum(95, level + step),
            ],
            np.round(level * (1 + 0.03 * step)),
        )
        target = np.where(indicators["has_target"].to_numpy(), target, np.nan)
        out.append(
            pd.DataFrame(
                {
                    "row": np.arange(len(indicators)),
                    "convention_id": indicators["convention_id"],
                    "action_number": indicators["action_number"],
                    "code": indicators["code"],
                    "year": year,
                    "target": target,
                }
            )
        )
    return pd.concat(out, ignore_index=True)


def payments(rng, years, ami: list[int], needs: list[int]) -> dict[int, int]:
    """Year 1 pays the annex's AMI column; later years a share of the year-2 needs."""
    out = {years[0]: sum(ami)}
    for year in years[1:]:
        out[year] = round(sum(needs) * rng.uniform(0.85, 1.0))
    return out


def decisions(tables: dict[str, pd.DataFrame], years: tuple[int, ...]):
    """The Prefect claws back each year's unspent money once the year is reviewed.

    Every year but the last two (the year under review and the current one) has a decision:
    the payment minus the validated spending, so the unspent base does not pile up over ten
    years. Decided years are locked, as a recorded decision does (DOMAIN.md 8).
    """
    figures = tables["figure"]
    spent = (
        figures[(figures["code"] == SPENDING_CODE) & (figures["status"] == FigureStatus.VALIDATED)]
        .groupby(["convention_id", "year"], observed=True)["value"]
        .sum()
    )
    decided = tables["payment"][tables["payment"]["year"] <= years[-1] - 2].copy()
    keys = pd.MultiIndex.from_frame(decided[["convention_id", "year"]])
    unspent = decided["amount"].to_numpy() - spent.reindex(keys).fillna(0).to_numpy()
    decided["amount"] = np.maximum(0, np.round(unspent))
    when = pd.to_datetime(decided["year"].astype(str) + "-06-30") + pd.DateOffset(years=1)
    decisions = pd.DataFrame(
        {
            "convention_id": decided["convention_id"],
            "year": decided["year"],
            "proposed_amount": decided["amount"],
            "decided_amount": decided["amount"],
            "threshold": 1.0,
            "justification": "Reversement des crédits non consommés (données synthétiques)",
            "author": AUTHOR,
            "decided_on": when.dt.date,
            "recorded_at": when,
            "letter_date": when.dt.date,
            "title_date": None,
            "paid_date": None,
        }
    )
    locks = pd.DataFrame(
        {
            "convention_id": decided["convention_id"],
            "year": decided["year"],
            "locked": True,
            "changed_by": AUTHOR,
            "changed_at": when,
            "reason": "Décision enregistrée",
        }
    )
    return decisions, locks
