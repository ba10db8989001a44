"""Seeded synthetic conventions for scale: N territories shaped like Dijon, Y years of figures.

The same plan (territories, years, quarters reported in the last year, seed) always gives the same
frames, so a benchmark or a test can rebuild exactly the same database. Nothing here touches the
database: `repository.load_synthetic` inserts the frames in a few set-based statements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from lda_dash.scale.catalogue import (
    ACTIONS,
    CATEGORIES,
    EXTRA_CATEGORY_WEIGHTS,
    MODE_FILLERS,
    SPENDING,
    IndicatorTemplate,
    city_name,
)
from lda_dash.scale.figures import IndicatorYears, quarterly_figures
from lda_dash.scale.yearly import AUTHOR as AUTHOR  # the author of every synthetic row
from lda_dash.scale.yearly import decisions
from lda_dash.scale.yearly import payments as yearly_payments
from lda_dash.scale.yearly import targets as yearly_targets
from lda_dash.services.accounts import slug

ID_PREFIX = "syn-"  # every synthetic territory and convention id starts with it
MODES = ("somme", "cumul_annuel", "stock", "taux", "jalon")


@dataclass(frozen=True)
class SyntheticPlan:
    """What to generate; `reported_quarters` is how far the last year has been reported (0-4)."""

    territories: int
    years: tuple[int, ...]
    reported_quarters: int = 4
    seed: int = 1


def default_plan(territories: int, years: int, seed: int = 1, today: date | None = None):
    """Y years ending with the current one, reported up to the last quarter that has ended."""
    today = today or date.today()
    span = tuple(range(today.year - years + 1, today.year + 1))
    return SyntheticPlan(territories, span, (today.month - 1) // 3, seed)


@dataclass
class SyntheticData:
    """One frame per table, with the table's column names."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {name: len(frame) for name, frame in self.tables.items()}


@dataclass
class _Collected:
    """Rows gathered territory by territory before they become frames and arrays."""

    territory: list = field(default_factory=list)
    convention: list = field(default_factory=list)
    payment: list = field(default_factory=list)
    action: list = field(default_factory=list)
    budget_line: list = field(default_factory=list)
    annex_total: list = field(default_factory=list)
    indicator: list = field(default_factory=list)
    allocation: list = field(default_factory=list)  # per indicator: State funding per year
    skill: list = field(default_factory=list)  # per indicator: how well its action performs


def territory_ids(number: int, name: str, first: int, last: int) -> tuple[str, str]:
    """`syn-0007-…`: the first 8 characters tell conventions apart (DuckDB's string min/max)."""
    return f"{ID_PREFIX}{number:04d}-{slug(name)}", f"{ID_PREFIX}{number:04d}-{first}-{last}"


def generate(plan: SyntheticPlan) -> SyntheticData:
    """Every table's rows for the plan, figures included."""
    rng = np.random.default_rng(plan.seed)
    rows = _Collected()
    for number in range(1, plan.territories + 1):
        _territory(rng, number, plan.years, rows)
    tables = {
        "territory": pd.DataFrame(rows.territory, columns=["id", "name", "siret"]),
        "convention": pd.DataFrame(rows.convention),
        "payment": pd.DataFrame(rows.payment, columns=["convention_id", "year", "amount", "note"]),
        "action": pd.DataFrame(rows.action),
        "budget_line": pd.DataFrame(
            rows.budget_line,
            columns=["convention_id", "action_number", "year", "cost", "ami", "cofunding"],
        ),
        "annex_total": pd.DataFrame(rows.annex_total),
    }
    indicators = pd.DataFrame(rows.indicator)
    targets = yearly_targets(indicators, plan.years)
    tables["indicator"] = indicators.drop(columns=["level", "has_target"])
    tables["target"] = targets.dropna(subset=["target"]).reset_index(drop=True)
    matrix = targets.pivot_table(
        index="row", columns="year", values="target", dropna=False, sort=True
    ).to_numpy(dtype=float)
    tables["figure"] = quarterly_figures(
        IndicatorYears(
            convention_id=indicators["convention_id"].to_numpy(),
            action=indicators["action_number"].to_numpy(),
            code=indicators["code"].to_numpy(),
            mode=indicators["mode"].to_numpy(),
            level=indicators["level"].to_numpy(dtype=float),
            target=matrix,
            skill=np.array(rows.skill),
            allocation=np.array(rows.allocation, dtype=float),
            years=plan.years,
        ),
        plan.reported_quarters,
        rng,
    )
    tables["clawback_decision"], tables["year_lock"] = decisions(tables, plan.years)
    return SyntheticData(tables)


def _territory(rng: np.random.Generator, number: int, years: tuple[int, ...], rows) -> None:
    name = city_name(lambda n: int(rng.integers(n)))
    first, last = years[0], years[-1]
    territory_id, convention_id = territory_ids(number, name, first, last)
    label = f"Territoire {number:03d} – {name}"
    rows.territory.append((territory_id, label, None))
    rows.convention.append(_convention_row(convention_id, territory_id, label, first, last))
    # A territory's skill: most reach their targets, some struggle, a few do better.
    skill = float(rng.choice([0.72, 0.97, 1.08], p=[0.15, 0.7, 0.15]) + rng.normal(0, 0.04))
    templates = _actions_of(rng)
    indicators: list[tuple[dict, float, int | None]] = []  # row, skill, action it spends for
    ami, needs = [], []
    for action, (category, template) in enumerate(templates, start=1):
        effect = float(rng.normal(0, 0.08)) - (0.3 if rng.random() < 0.08 else 0.0)
        cost = int(rng.integers(5, 81)) * 1000
        ami_y1 = int(round(cost * rng.uniform(0.5, 1.0), -3))
        cost_y2 = int(round(cost * rng.uniform(0.9, 1.3), -3))
        cofunding_y2 = min(cost_y2, int(round((cost - ami_y1) * rng.uniform(0.8, 1.2), -3)))
        ami.append(ami_y1)
        needs.append(max(0, cost_y2 - cofunding_y2))
        rows.action.append(_action_row(convention_id, action, category, template, ami_y1 == cost))
        rows.budget_line.append((convention_id, action, first, cost, ami_y1, cost - ami_y1))
        rows.budget_line.append((convention_id, action, first + 1, cost_y2, None, cofunding_y2))
        for indicator in template.indicators:
            indicators.append(
                (_indicator_row(rng, convention_id, action, indicator), skill + effect, None)
            )
        indicators.append(
            (_indicator_row(rng, convention_id, action, SPENDING), skill + effect, action)
        )
    indicators += _missing_modes(rng, convention_id, templates, skill)
    payments = yearly_payments(rng, years, ami, needs)
    for year, amount in payments.items():
        rows.payment.append((convention_id, year, amount, "Versement (données synthétiques)"))
    shares = np.array(needs, dtype=float) / max(1, sum(needs))
    for position, (row, performance, spends_for) in enumerate(indicators):
        rows.indicator.append({**row, "position": position})
        rows.skill.append(performance)
        rows.allocation.append(
            [0.0] * len(years)
            if spends_for is None
            else [
                float(ami[spends_for - 1])
                if year == first
                else payments[year] * shares[spends_for - 1]
                for year in years
            ]
        )
    lines = rows.budget_line[-2 * len(templates) :]
    rows.annex_total.append(
        {
            "convention_id": convention_id,
            "signed_number": "",
            "cost_y1": sum(r[3] for r in lines[::2]),
            "ami_y1": sum(ami),
            "cofunding_y1": sum(r[5] for r in lines[::2]),
            "cost_y2": sum(r[3] for r in lines[1::2]),
            "cofunding_y2": sum(r[5] for r in lines[1::2]),
        }
    )


def _actions_of(rng: np.random.Generator) -> list[tuple[int, object]]:
    """10 to 20 actions: one per category first, then more, mostly social intervention."""
    count = int(rng.integers(10, 21))
    categories = list(range(6)) + list(
        rng.choice(6, size=count - 6, p=np.array(EXTRA_CATEGORY_WEIGHTS))
    )
    chosen, used = [], set()
    for category in sorted(int(c) for c in categories):
        pool = ACTIONS[category]
        fresh = [t for t in pool if t.title not in used] or list(pool)
        template = fresh[int(rng.integers(len(fresh)))]
        used.add(template.title)
        chosen.append((category, template))
    return chosen


def _missing_modes(rng, convention_id: str, templates, skill: float) -> list:
    """Every territory tracks all five modes: a filler joins its first social action."""
    present = {t.mode for _, template in templates for t in template.indicators}
    action = next(n for n, (category, _) in enumerate(templates, start=1) if category == 2)
    return [
        (_indicator_row(rng, convention_id, action, MODE_FILLERS[mode]), skill, None)
        for mode in MODES
        if mode not in present
    ]


def _convention_row(convention_id, territory_id, label, first, last) -> dict:
    return {
        "id": convention_id,
        "territory_id": territory_id,
        "title": f"Convention « Logement d'abord » {first}-{last} · {label} (données synthétiques)",
        "programme": "177",
        "programme_label": "Hébergement, parcours vers le logement et insertion des personnes "
        "vulnérables",
        "chorus_activity": "177-01-06-12-17",
        "chorus_activity_label": "Autres actions hébergement et logement adapté",
        "functional_domain": "0177-12-17",
        "programming_activity": "217",
        "first_year": first,
        "last_year": last,
        "payment_due": "30/11",
    }


def _action_row(convention_id, number, category, template, fully_funded: bool) -> dict:
    return {
        "convention_id": convention_id,
        "number": number,
        "annex_row": number,
        "signed_number": str(number),
        "title": template.title,
        "category": CATEGORIES[category],
        "description": template.description,
        "objective": template.description,
        "leverage": "financement intégral par l'AMI" if fully_funded else "cofinancement local",
        "expected_results": "; ".join(i.label for i in template.indicators),
        "calendar": "chaque année",
        "deliverables": "bilan annuel",
    }


def _indicator_row(rng, convention_id: str, action: int, template: IndicatorTemplate) -> dict:
    low, high = template.target or (1, 3)
    baseline = None
    if template.baseline is not None:
        baseline = float(rng.integers(template.baseline[0], template.baseline[1] + 1))
    return {
        "convention_id": convention_id,
        "action_number": action,
        "code": template.code,
        "label": template.label,
        "unit": template.unit,
        "mode": template.mode,
        "baseline": baseline,
        "weight": 1.0,
        "position": 0,
        "level": float(rng.integers(low, high + 1)),
        "has_target": template.target is not None,
    }
