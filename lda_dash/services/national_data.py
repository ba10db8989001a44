"""What the national view shows: at most one unit of work per rerun, none while data is unchanged.

What is costly (a year's progress of every convention, the clawback proposals, the years of the
shown territories) is computed once per database state (db_stamp) and reused by later reruns,
other filters and other sessions. Any committed write, from the app or the command line, changes
the state, so nothing stale is shown. No Streamlit here, so it is testable.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from lda_dash import config, storage
from lda_dash.domain.clawback import ClawbackProposal
from lda_dash.domain.model import Status
from lda_dash.domain.progress_report import action_status
from lda_dash.services import calendar, setup
from lda_dash.services.context import SetupNeeded, unit_of_work
from lda_dash.services.national import load_reports, reports_over_years
from lda_dash.services.national_money import load_clawbacks, load_money
from lda_dash.services.rerun_cache import RerunCache
from lda_dash.storage.stamp import database_stamp

ORDERS = {
    "late": "les plus en retard d'abord",
    "ahead": "les plus avancés d'abord",
    "name": "par ordre alphabétique",
}
SHOWN_CHOICES = (10, 20, 50, 100)


@dataclass(frozen=True)
class NationalSelection:
    """What the person asked for; categories empty means every category."""

    year: int | None = None
    categories: tuple[str, ...] = ()
    order: str = "late"
    shown: int = 20


@dataclass(frozen=True)
class Territory:
    """One convention's standing for the year, over the chosen categories of actions."""

    convention_id: str
    name: str
    attainment: Fraction | None
    statuses: Counter
    allocated: Decimal | None
    spent: Decimal | None
    # False while the territory has no figure for the year: « pas encore de chiffres », left
    # out of the averages and of the clawback ranking instead of counting as 0 % (issue 12).
    has_figures: bool = True


@dataclass(frozen=True)
class NationalData:
    year: int
    years: list[int]
    as_of: date
    demo: bool
    categories: list[str]
    selection: NationalSelection
    territories: list[Territory]  # every convention, in the chosen order
    trend: dict[str, dict[int, Fraction | None]]  # shown conventions → year → attainment
    clawback_year: int | None
    clawbacks: list[tuple[str, ClawbackProposal]]  # largest proposals first
    # Territories left out of the ranking: no figure in the clawback year.
    without_figures_clawback: tuple[str, ...] = ()
    demo_day: date | None = None  # the demonstration date, said in the banner

    @property
    def without_figures(self) -> list[Territory]:
        """Territories with no figure for the year: shown apart, never averaged."""
        return [t for t in self.territories if not t.has_figures]


@dataclass(frozen=True)
class _YearFacts:
    """Per convention, per action: attainment, status, allocation and spending of the year."""

    attainments: dict[str, dict[int, Fraction | None]]
    statuses: dict[str, dict[int, Status]]
    allocations: dict[str, dict[int, Decimal]]
    spending: dict[str, dict[int, Decimal]]
    reported: frozenset[str] = frozenset()  # conventions with at least one figure in the year


PARTS = RerunCache(size=24)  # costly parts, shared by the selections of one database state


def load_national(
    path: Path | str | None, wanted: NationalSelection, as_of: date | None = None
) -> NationalData:
    """Everything the national view shows, read in one unit of work; the costly parts come
    from the cache while the database is unchanged."""
    target = config.db_path(path)
    return _load(target, database_stamp(target), wanted, as_of)


def _load(path: Path, stamp: tuple, wanted: NationalSelection, as_of: date | None) -> NationalData:
    with unit_of_work(path) as con:
        as_of = as_of or calendar.today(con)
        conventions = storage.conventions(con)
        if not conventions:
            raise SetupNeeded("aucune convention")
        # The conventions' calendars (services/calendar.py), read once per database state.
        years = PARTS.get(
            (stamp, "years"),
            lambda: sorted(
                {y for found in storage.every_convention_years(con).values() for y in found}
                | {c["first_year"] for c in conventions}
            ),
        )
        current = [y for y in years if y <= as_of.year] or years
        year = wanted.year if wanted.year in years else current[-1]
        key = (stamp, as_of)
        actions = PARTS.get((*key, "actions"), lambda: storage.convention_actions(con))
        facts = PARTS.get((*key, "year", year), lambda: _year_facts(con, year, as_of))
        chosen = set(wanted.categories) or {
            category for by_number in actions.values() for _, category in by_number.values()
        }
        names = {c["id"]: c["territory_name"] for c in conventions}
        territories = _ordered(
            [_territory(cid, names[cid], actions.get(cid, {}), facts, chosen) for cid in names],
            wanted.order,
        )
        shown = [t.convention_id for t in territories[: wanted.shown]]
        trend_years = tuple(y for y in years if y <= year)
        by_year = PARTS.get(
            (*key, "trend", trend_years, tuple(sorted(shown))),
            lambda: _action_attainments_over(con, trend_years, shown, as_of),
        )
        claw_year = year if as_of > date(year, 12, 31) else year - 1
        claw_year = claw_year if claw_year in years else None
        clawbacks, silent = {}, ()
        if claw_year is not None:
            clawbacks = PARTS.get(
                (*key, "clawback", claw_year), lambda: load_clawbacks(con, claw_year, as_of)
            )
            claw_facts = PARTS.get(
                (*key, "year", claw_year), lambda: _year_facts(con, claw_year, as_of)
            )
            # No figure at all is not a 100 % clawback: the territory has not reported yet.
            silent = tuple(sorted(cid for cid in clawbacks if cid not in claw_facts.reported))
            clawbacks = {c: p for c, p in clawbacks.items() if c not in silent}
        demo = setup.is_demo(con)
        demo_day = calendar.demo_date(con)
    return NationalData(
        year=year,
        years=years,
        as_of=as_of,
        demo=demo,
        categories=sorted({c for a in actions.values() for _, c in a.values() if c}),
        selection=wanted,
        territories=territories,
        trend={
            cid: {
                y: _mean(by_year[y].get(cid, {}), actions.get(cid, {}), chosen) for y in trend_years
            }
            for cid in shown
        },
        clawback_year=claw_year,
        clawbacks=sorted(clawbacks.items(), key=lambda item: -item[1].proposed_total),
        without_figures_clawback=tuple(names[cid] for cid in silent),
        demo_day=demo_day,
    )


def _year_facts(con, year: int, as_of: date) -> _YearFacts:
    reports = load_reports(con, year, as_of)
    money = load_money(con, year)
    return _YearFacts(
        attainments={cid: dict(r.action_attainments) for cid, r in reports.items()},
        statuses={
            cid: {n: action_status(r, n) for n in r.action_attainments}
            for cid, r in reports.items()
        },
        allocations=money.allocations,
        spending=money.spending,
        reported=frozenset(
            cid for cid, r in reports.items() if any(row.value is not None for row in r.rows)
        ),
    )


def _action_attainments_over(con, years, convention_ids, as_of):
    reports = reports_over_years(con, years, as_of, convention_ids)
    # A year without any figure has no attainment (not 0 %): « pas encore de chiffres ».
    return {
        year: {
            cid: dict(r.action_attainments) if any(row.value is not None for row in r.rows) else {}
            for cid, r in by_cid.items()
        }
        for year, by_cid in reports.items()
    }


def _in(actions: dict[int, tuple], chosen: set[str]) -> list[int]:
    return [number for number, (_, category) in actions.items() if category in chosen]


def _mean(attainments: dict[int, Fraction | None], actions, chosen) -> Fraction | None:
    """A territory's attainment: the plain mean of its chosen actions' attainments (our reading)."""
    known = [attainments[n] for n in _in(actions, chosen) if attainments.get(n) is not None]
    return sum(known, Fraction(0)) / len(known) if known else None


def _territory(cid, name, actions, facts: _YearFacts, chosen) -> Territory:
    if cid not in facts.reported:
        allocation = facts.allocations.get(cid)
        numbers = _in(actions, chosen)
        allocated = (
            None if allocation is None else sum((allocation.get(n, 0) for n in numbers), Decimal(0))
        )
        return Territory(cid, name, None, Counter(), allocated, None, has_figures=False)
    numbers = _in(actions, chosen)
    statuses = facts.statuses.get(cid, {})
    allocation = facts.allocations.get(cid)
    spending = facts.spending.get(cid, {})
    return Territory(
        convention_id=cid,
        name=name,
        attainment=_mean(facts.attainments.get(cid, {}), actions, chosen),
        statuses=Counter(statuses[n] for n in numbers if n in statuses),
        allocated=None
        if allocation is None
        else sum((allocation.get(n, 0) for n in numbers), Decimal(0)),
        spent=sum((spending[n] for n in numbers if n in spending), Decimal(0))
        if spending
        else None,
    )


def _ordered(territories: list[Territory], order: str) -> list[Territory]:
    if order == "name":
        return sorted(territories, key=lambda t: t.name)
    known = [t for t in territories if t.attainment is not None]
    unknown = [t for t in territories if t.attainment is None]
    known.sort(key=lambda t: (t.attainment, t.name), reverse=order == "ahead")
    # Without any attainment yet a territory has nothing to compare: listed last.
    return known + sorted(unknown, key=lambda t: t.name)
