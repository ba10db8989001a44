"""What each page needs, read in one unit of work per rerun (no Streamlit here, so it is testable).

The command line may write to the database while the app serves it, so nothing is kept open or
cached between reruns: each rerun opens `database.connect()` once, reads, and closes. The loaders of
the other ui modules open it the same way: `unit_of_work`, `page_unit_of_work`, `read_context`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from lda_dash import config, storage
from lda_dash.domain.forecast import ForecastReport
from lda_dash.domain.model import SPENDING_CODE, QuarterFigure
from lda_dash.domain.progress import year_value
from lda_dash.domain.progress_report import ProgressReport, group_figures
from lda_dash.domain.workflow import COUNTED_STATUSES, FigureStatus
from lda_dash.services import calendar, setup
from lda_dash.services.control import ControlRefused, load_allocation
from lda_dash.services.forecast import open_year_forecast
from lda_dash.services.progress import load_progress
from lda_dash.storage import database


class SetupNeeded(RuntimeError):
    """The database does not exist yet, or holds no convention."""


@dataclass(frozen=True)
class Selection:
    """What the person asked for; any part may be missing or stale, the loader resolves it."""

    convention_id: str | None = None
    year: int | None = None
    action: int | None = None


@dataclass(frozen=True)
class Context:
    """What every page shows around its content: the convention and year chosen, demo or not."""

    conventions: list[dict]
    convention: dict
    years: list[int]
    year: int
    demo: bool
    as_of: date
    # year → its lock record (locked, changed_by, changed_at, reason), for every page to show a
    # locked year read-only before any click (issue 12).
    locks: dict[int, dict] = field(default_factory=dict)
    demo_day: date | None = None  # the demonstration date, said in the banner

    @property
    def convention_id(self) -> str:
        return self.convention["id"]

    def lock_of(self, year: int) -> dict | None:
        """The lock record of a locked year, else None."""
        lock = self.locks.get(year)
        return lock if lock and lock["locked"] else None


@dataclass(frozen=True)
class DashboardData:
    """The year's progress of a convention, with its payment and freshness."""

    context: Context
    report: ProgressReport
    actions: list[dict]
    payment: Decimal | None
    last_update: datetime | None
    unvalidated: dict[tuple[int, str], tuple[int, ...]]
    forecast: ForecastReport | None = None  # an open year's forecast « à rythme constant »


@dataclass(frozen=True)
class ActionData:
    """One action of the annex: its text, budget, and the year's figures of its indicators."""

    context: Context
    report: ProgressReport
    actions: list[dict]
    action: dict
    budget: dict[int, dict[str, Decimal | None]]
    allocation: Decimal | None
    allocation_overridden: bool
    figures: dict[str, dict[int, QuarterFigure]] = field(default_factory=dict)
    previous_values: dict[str, Fraction | None] = field(default_factory=dict)


def convention_label(convention: Mapping) -> str:
    """`Dijon Métropole · 2021-2022`: the long signed title does not fit a selector."""
    return f"{convention['territory_name']} · {convention['first_year']}-{convention['last_year']}"


def load_dashboard(
    path: Path | str | None, wanted: Selection, as_of: date | None = None
) -> DashboardData:
    """Everything the dashboard shows, in one unit of work."""
    with page_unit_of_work(path, wanted, as_of) as (con, context, figures):
        cid, year = context.convention_id, context.year
        unvalidated: dict[tuple[int, str], list[int]] = {}
        for fig in figures:
            if fig.year == year and fig.status != FigureStatus.VALIDATED:
                unvalidated.setdefault((fig.action, fig.code), []).append(fig.quarter)
        return DashboardData(
            context=context,
            report=load_progress(con, cid, year, context.as_of),
            actions=storage.actions(con, cid),
            payment=storage.payments(con, cid).get(year),
            last_update=calendar.data_date(con, cid),
            unvalidated={key: tuple(sorted(q)) for key, q in unvalidated.items()},
            forecast=open_year_forecast(con, cid, year, context.as_of),
        )


def load_action(
    path: Path | str | None, wanted: Selection, as_of: date | None = None
) -> ActionData:
    """Everything the action sheet shows, in one unit of work; the first action by default."""
    with page_unit_of_work(path, wanted, as_of) as (con, context, figures):
        cid, year = context.convention_id, context.year
        actions = storage.actions(con, cid)
        numbers = [a["number"] for a in actions]
        number = wanted.action if wanted.action in numbers else numbers[0]
        action = next(a for a in actions if a["number"] == number)
        grouped = group_figures(figures)
        report = load_progress(con, cid, year, context.as_of)
        codes = [row.spec.code for row in report.rows_of(number)]
        try:
            allocation, overridden = load_allocation(con, cid, year, context.as_of)
        except ControlRefused:  # no payment recorded for the year: nothing to share
            allocation, overridden = {}, False
        return ActionData(
            context=context,
            report=report,
            actions=actions,
            action=action,
            budget=_budgets(storage.budget_lines(con, cid)).get(number, {}),
            allocation=allocation.get(number),
            allocation_overridden=overridden,
            figures={code: grouped.get((number, code, year), {}) for code in codes},
            previous_values={
                code: _previous_value(report, number, code, grouped, year) for code in codes
            },
        )


@contextmanager
def unit_of_work(path: Path | str | None) -> Iterator[storage.Connection]:
    """The one door of every page loader and writer to the database: one `database.connect()`.

    A missing database or schema raises SetupNeeded, for the page to explain: the app creates
    nothing, `init` does.
    """
    target = config.db_path(path)
    if not target.exists():
        raise SetupNeeded(str(target))
    try:
        with database.connect(target) as con:
            yield con
    except database.SchemaMissing as exc:
        raise SetupNeeded(str(target)) from exc


@contextmanager
def page_unit_of_work(
    path: Path | str | None, wanted: Selection, as_of: date | None = None
) -> Iterator[tuple[storage.Connection, Context, list[QuarterFigure]]]:
    """How a page loader starts: `unit_of_work`, then `read_context` (as of the calendar's
    « today » by default: the demonstration date in a demo database)."""
    with unit_of_work(path) as con:
        context, figures = read_context(con, wanted, as_of or calendar.today(con))
        yield con, context, figures


def read_context(con, wanted: Selection, as_of: date) -> tuple[Context, list[QuarterFigure]]:
    """Resolve the convention and year asked for; also return the convention's counted figures.

    A missing or stale part of `wanted` falls back to the first convention, and to the latest
    year with figures, else the latest begun by `as_of`. Raises SetupNeeded without convention.
    """
    conventions = storage.conventions(con)
    if not conventions:
        raise SetupNeeded("aucune convention")
    convention = next((c for c in conventions if c["id"] == wanted.convention_id), conventions[0])
    cid = convention["id"]
    years = calendar.convention_years(con, convention)
    figures = storage.figures(con, cid, COUNTED_STATUSES)
    if wanted.year in years:
        year = wanted.year
    else:
        with_figures = [y for y in years if any(f.year == y for f in figures)]
        year = (with_figures or [y for y in years if y <= as_of.year] or years)[-1]
    demo = setup.is_demo(con)
    locks = storage.year_locks(con, cid)
    demo_day = calendar.demo_date(con)
    return Context(conventions, convention, years, year, demo, as_of, locks, demo_day), figures


def _budgets(lines) -> dict[int, dict[int, dict[str, Decimal | None]]]:
    """action → year → {cost, ami, cofunding}, as the annex states them (None when blank)."""
    out: dict[int, dict[int, dict[str, Decimal | None]]] = {}
    for line in lines.itertuples():
        out.setdefault(int(line.action_number), {})[int(line.year)] = {
            name: _amount(getattr(line, name)) for name in ("cost", "ami", "cofunding")
        }
    return out


def _previous_value(report: ProgressReport, action: int, code: str, grouped, year: int):
    """Start of the pace line for stock and taux: last year's value, else the baseline."""
    spec = next(row.spec for row in report.rows_of(action) if row.spec.code == code)
    previous = year_value(spec.mode, grouped.get((action, code, year - 1), {}))
    if previous is None and spec.baseline is not None and code != SPENDING_CODE:
        return Fraction(spec.baseline)
    return previous


def _amount(value) -> Decimal | None:
    if value is None or value != value:  # NaN from a NULL in a float column
        return None
    return Decimal(str(value))
