"""What the Validation page reads and writes, one unit of work each (no Streamlit here): the
submitted figures per partner organisation, who has reported, targets and weights."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from lda_dash import storage
from lda_dash.domain.completeness import Reporting, quarter_reporting
from lda_dash.domain.entry import FigureKey, latest_ended_quarter
from lda_dash.domain.model import IndicatorSpec
from lda_dash.domain.numbers import normalised
from lda_dash.domain.permissions import Actor
from lda_dash.domain.workflow import FigureStatus
from lda_dash.services import notify
from lda_dash.services.context import Context, Selection, page_unit_of_work, unit_of_work
from lda_dash.words.workflow import earlier_quarters

UNASSIGNED = "Actions confiées à aucune organisation"


@dataclass(frozen=True)
class PendingFigure:
    """A submitted figure waiting for the coordination, with what helps judge it."""

    key: FigureKey
    spec: IndicatorSpec
    record: dict
    earlier: str

    @property
    def label(self) -> str:
        action, _code, year, quarter = self.key
        return f"n° {action} · {self.spec.label} · T{quarter} {year}"


@dataclass(frozen=True)
class ReportingCell:
    state: Reporting
    transmitted: int
    expected: int


@dataclass(frozen=True)
class ReviewData:
    """Submitted figures by organisation and quarter (every year), and the chosen year's
    reporting grid."""

    context: Context
    titles: dict[int, str]
    pending: dict[tuple[str, int, int], list[PendingFigure]]  # (organisation, year, quarter)
    grid: dict[str, dict[int, ReportingCell]]
    specs: dict[tuple[int, str], IndicatorSpec]


def load_review(
    path: Path | str | None, wanted: Selection, today: date | None = None
) -> ReviewData:
    with page_unit_of_work(path, wanted, today) as (con, context, _):
        cid, year = context.convention_id, context.year
        specs = storage.indicator_specs(con, cid)
        records = storage.figure_records(con, cid)
        assignments = storage.assignments(con, cid)
        titles = {a["number"]: a["title"] for a in storage.actions(con, cid)}
        organisations = [o["name"] for o in storage.organisations(con)]
    owners: dict[int, list[str]] = {}
    for row in assignments:
        owners.setdefault(row["action_number"], []).append(row["organisation"])
    by_series: dict[tuple[int, str, int], dict[int, dict]] = {}
    for record in records:
        series = (record["action"], record["code"], record["year"])
        by_series.setdefault(series, {})[record["quarter"]] = record
    pending: dict[tuple[str, int, int], list[PendingFigure]] = {}
    for record in records:
        spec = specs.get((record["action"], record["code"]))
        if record["status"] != FigureStatus.SUBMITTED or spec is None:
            continue
        key = (record["action"], record["code"], record["year"], record["quarter"])
        quarters = by_series[key[:3]]
        owner = ", ".join(owners.get(record["action"], [])) or UNASSIGNED
        pending.setdefault((owner, key[2], key[3]), []).append(
            PendingFigure(key, spec, record, earlier_quarters(spec, quarters, key[3]))
        )
    statuses = {(r["action"], r["code"], r["year"], r["quarter"]): r["status"] for r in records}
    ended = latest_ended_quarter(context.as_of)
    grid: dict[str, dict[int, ReportingCell]] = {}
    for organisation in organisations:
        actions = {
            row["action_number"] for row in assignments if row["organisation"] == organisation
        }
        indicators = [key for key in specs if key[0] in actions]
        if not indicators:
            continue
        grid[organisation] = {}
        for quarter in (1, 2, 3, 4):
            state, transmitted = quarter_reporting(
                indicators, statuses, year, quarter, (year, quarter) <= ended
            )
            grid[organisation][quarter] = ReportingCell(state, transmitted, len(indicators))
    return ReviewData(context, titles, dict(sorted(pending.items())), grid, specs)


def review(
    path: Path | str | None, convention_id: str, actor: Actor, keys: Iterable[FigureKey],
    decision: str, reason: str = "",
) -> int:  # fmt: skip
    """Validate, or return with the reason the partner will read (storage checks the role);
    a send-back is then mailed to the partner (after the save, never undoing it)."""
    keys = list(keys)
    with unit_of_work(path) as con:
        count = storage.review_figures(con, convention_id, keys, actor, decision, reason)
    if decision == FigureStatus.RETURNED and count:
        notify.after_return(path, convention_id, keys, reason, actor)
    return count


def change_indicator(
    path: Path | str | None, convention_id: str, actor: Actor, key: tuple[int, str], year: int,
    target: Decimal | None, weight: Decimal, reason: str,
) -> list[str]:  # fmt: skip
    """Store a new target and/or weight with its reason; returns what changed, in French."""
    changed = []
    target, weight = _plain(target), _plain(weight)
    with unit_of_work(path) as con:
        spec = storage.indicator_specs(con, convention_id)[key]
        before, weight_before = _plain(spec.target(year)), _plain(spec.weight)
        if _differs(before, target):
            storage.set_target(con, convention_id, key, year, target, before, actor, reason)
            changed.append(f"cible {year}")
        if _differs(weight_before, weight):
            storage.set_weight(con, convention_id, key, weight, weight_before, actor, reason)
            changed.append("poids")
    return changed


def _plain(number: Decimal | None) -> Decimal | None:
    """`40.000000` as stored, `45.0` as typed: both read `40` and `45` in the history."""
    return None if number is None else normalised(Decimal(number))


def _differs(before: Decimal | None, after: Decimal | None) -> bool:
    if before is None or after is None:
        return before is not after
    return Decimal(before) != Decimal(after)
