"""What the Saisie trimestrielle page reads and writes, one unit of work each (no Streamlit here).

A partner sees and writes the indicators of the actions entrusted to its organisation only; the
storage layer checks it again on every write (storage.save_figures).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from lda_dash import storage
from lda_dash.domain.entry import (
    FieldInput,
    FieldKey,
    FigureKey,
    FormCheck,
    check_form,
    default_period,
)
from lda_dash.domain.model import SPENDING_CODE, IndicatorSpec
from lda_dash.domain.permissions import Actor
from lda_dash.domain.workflow import PARTNER_EDITABLE, FigureStatus
from lda_dash.services import calendar, notify
from lda_dash.services.context import Context, Selection, read_context, unit_of_work

EDIT_REASON = {
    FigureStatus.DRAFT: "Saisie trimestrielle (brouillon)",
    FigureStatus.SUBMITTED: "Saisie trimestrielle",
}


def accepted_years(con, convention: dict) -> range:
    """Years a figure may carry: the convention's years, as for the command line's import."""
    return calendar.accepted_years(con, convention)


@dataclass(frozen=True)
class EntryIndicator:
    """One indicator the partner reports, with the chosen year's stored figures by quarter."""

    spec: IndicatorSpec
    action_title: str
    quarters: dict[int, dict]  # quarter → figure record with its workflow state
    last_year_end: dict | None = None  # the previous year's T4, shown beside a T1

    @property
    def key(self) -> FieldKey:
        return (self.spec.action, self.spec.code)

    @property
    def label(self) -> str:
        return self.spec.label + (" (€)" if self.spec.unit == "€" else "")


@dataclass(frozen=True)
class EntryData:
    """The partner's indicators for one quarter, and the versions read with them."""

    context: Context
    organisation: str | None
    actions: list[int]
    years: list[int]
    year: int
    quarter: int
    indicators: list[EntryIndicator]

    def record(self, indicator: EntryIndicator) -> dict | None:
        """The stored figure of the chosen quarter, if any."""
        return indicator.quarters.get(self.quarter)

    def editable(self, indicator: EntryIndicator) -> bool:
        record = self.record(indicator)
        return (None if record is None else record["status"]) in PARTNER_EDITABLE

    @property
    def editable_indicators(self) -> list[EntryIndicator]:
        return [i for i in self.indicators if self.editable(i)]

    def versions(self) -> dict[FigureKey, int | None]:
        """What the form was built from: saving refuses if any of these changed meanwhile."""
        versions: dict[FigureKey, int | None] = {}
        for indicator in self.indicators:
            record = self.record(indicator)
            key = (*indicator.key, self.year, self.quarter)
            versions[key] = None if record is None else record["version"]
        return versions

    @property
    def returned(self) -> list[tuple[EntryIndicator, dict]]:
        """Figures of the quarter the coordination sent back, with their reason."""
        out = []
        for indicator in self.indicators:
            record = self.record(indicator)
            if record is not None and record["status"] == FigureStatus.RETURNED:
                out.append((indicator, record))
        return out


def load_entry(
    path: Path | str | None,
    wanted: Selection,
    organisation_id: str | None,
    period: tuple[int, int] | None = None,
    today: date | None = None,
) -> EntryData:
    """The organisation's indicators for the quarter asked for (the latest ended one by default)."""
    with unit_of_work(path) as con:
        today = today or calendar.today(con)
        if wanted.convention_id is None:  # the partner's own convention, when several exist
            wanted = replace(wanted, convention_id=_convention_of(con, organisation_id))
        context, _ = read_context(con, wanted, today)
        cid = context.convention_id
        years = context.years  # the convention's calendar, as every other year menu
        year, quarter = period if period and period[0] in years else default_period(years, today)
        names = {o["id"]: o["name"] for o in storage.organisations(con)}
        actions = storage.actions_of(con, cid, organisation_id)
        titles = {a["number"]: a["title"] for a in storage.actions(con, cid)}
        specs = storage.indicator_specs(con, cid)
        records: dict[FieldKey, dict[int, dict]] = {}
        last_year_end: dict[FieldKey, dict] = {}
        returns = _return_reasons(storage.history(con, cid))
        for record in storage.figure_records(con, cid):
            field = (record["action"], record["code"])
            if record["year"] == year:
                if record["status"] == FigureStatus.DRAFT and not record["return_reason"]:
                    item = f"action {field[0]} · {field[1]} · {year} T{record['quarter']}"
                    record["return_reason"] = returns.get(item)
                records.setdefault(field, {})[record["quarter"]] = record
            elif (record["year"], record["quarter"]) == (year - 1, 4):
                last_year_end[field] = record
    ordered = sorted(
        (spec for spec in specs.values() if spec.action in actions),
        key=lambda spec: (spec.action, spec.code == SPENDING_CODE),
    )
    indicators = []
    for spec in ordered:
        field = (spec.action, spec.code)
        indicators.append(
            EntryIndicator(
                spec, titles.get(spec.action, ""), records.get(field, {}), last_year_end.get(field)
            )
        )
    return EntryData(context, names.get(organisation_id), actions, years, year, quarter, indicators)


def _return_reasons(history) -> dict[str, str]:
    """The latest reason the coordination gave for returning each figure (by history item).

    Saving a returned figure as a draft clears its reason in the figure's row; the partner
    still needs it until the figure is submitted again, so it is read back from the history.
    """
    returned = history[
        (history["entity"] == "figure")
        & history["new_value"].fillna("").str.endswith("(returned)")
        & history["reason"].notna()
    ]
    reasons: dict[str, str] = {}
    for item, reason in zip(returned["item"], returned["reason"], strict=True):
        reasons.setdefault(item, reason)  # newest first
    return reasons


def _convention_of(con, organisation_id: str | None) -> str | None:
    """The first convention in which the organisation has actions to report."""
    for convention in storage.conventions(con):
        if storage.actions_of(con, convention["id"], organisation_id):
            return convention["id"]
    return None


def save_entry(
    path: Path | str | None,
    convention_id: str,
    actor: Actor,
    inputs: Sequence[FieldInput],
    *,
    year: int,
    quarter: int,
    status: str,
    expected_versions: Mapping[FigureKey, int | None],
    write: bool = True,
) -> FormCheck:
    """Check the fields and, when nothing blocks and `write` is set, save them in one unit of work.

    Raises ConcurrentEdit (a colleague saved meanwhile) or PermissionDenied: nothing is written.
    """
    with unit_of_work(path) as con:
        convention = next(c for c in storage.conventions(con) if c["id"] == convention_id)
        specs = storage.indicator_specs(con, convention_id)
        existing = {
            (f.action, f.code, f.year, f.quarter): f for f in storage.figures(con, convention_id)
        }
        check = check_form(
            inputs, specs, existing, year=year, quarter=quarter,
            years=accepted_years(con, convention), status=status,
        )  # fmt: skip
        if write and check.ok and check.figures:
            storage.save_figures(
                con, convention_id, check.figures, actor, EDIT_REASON[status],
                expected_versions=expected_versions,
            )  # fmt: skip
    if write and check.ok and check.figures and status == FigureStatus.SUBMITTED:
        notify.after_submission(path, convention_id, actor, year, quarter)  # after the commit
    return check
