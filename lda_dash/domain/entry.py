"""The quarterly entry form's rules: which quarter to offer, the form's fields as figure rows, and
which field each issue belongs to.

The checks themselves are those of an import (domain.validation, DOMAIN.md sections 4 and 10):
the form builds the same rows a file would hold, so no rule is written twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from lda_dash.domain.figure_cells import RawFigureRow
from lda_dash.domain.model import IndicatorSpec, QuarterFigure
from lda_dash.domain.permissions import Actor, Role, figure_write_refusal
from lda_dash.domain.validation import RowIssue, validate_figure_rows

FieldKey = tuple[int, str]  # action, indicator code


def field_anchor(action: int, code: str) -> str:
    """The address fragment of a field sent back (`/saisie?…#corriger-7-dep-ami`): the inbox
    links to it, and the entry form puts a heading with this anchor above the field, which
    Streamlit scrolls into view when the page opens."""
    return f"corriger-{action}-{code.lower().replace('_', '-')}"


FigureKey = tuple[int, str, int, int]  # action, code, year, quarter
FIRST_LINE = 2  # as in a file, whose header is line 1
_FILE_WORDING = (" (la colonne valeur n'est pas lue)", "")


def latest_ended_quarter(today: date) -> tuple[int, int]:
    """The last quarter whose end has passed: figures are reported once a quarter is over."""
    current = (today.month - 1) // 3 + 1
    return (today.year, current - 1) if current > 1 else (today.year - 1, 4)


def entry_years(first_year: int, known_years: Iterable[int], today: date) -> list[int]:
    """Years a partner may report: from the convention's first year to the latest ended quarter's
    year (the plan runs on after the signed years), and any later year with a target or payment.
    At most twenty years, as the import accepts."""
    last = max([*known_years, latest_ended_quarter(today)[0], first_year])
    return list(range(first_year, min(last, first_year + 19) + 1))


def default_period(years: Sequence[int], today: date) -> tuple[int, int]:
    """The latest ended quarter, brought within the years offered."""
    year, quarter = latest_ended_quarter(today)
    if year in years:
        return year, quarter
    if years and year > years[-1]:
        return years[-1], 4
    return (years[0] if years else year), 1


@dataclass(frozen=True)
class FieldInput:
    """What was typed for one indicator of the quarter, as the texts a file row would hold."""

    action: int
    code: str
    value: str = ""
    numerator: str = ""
    denominator: str = ""
    comment: str = ""

    @property
    def key(self) -> FieldKey:
        return (self.action, self.code)

    @property
    def blank(self) -> bool:
        return not (self.value.strip() or self.numerator.strip() or self.denominator.strip())


@dataclass
class FieldIssues:
    """What is wrong or unusual with one field; warnings pass only with a comment (section 4)."""

    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    commented: bool = False

    @property
    def blocking(self) -> bool:
        return bool(self.errors) or (bool(self.warnings) and not self.commented)


@dataclass
class FormCheck:
    """The form's figures when it may be saved, and the issues of each field."""

    figures: list[QuarterFigure]
    issues: dict[FieldKey, FieldIssues]

    @property
    def ok(self) -> bool:
        return not any(issue.blocking for issue in self.issues.values())


def form_rows(
    inputs: Sequence[FieldInput], year: int, quarter: int
) -> tuple[list[RawFigureRow], dict[int, FieldKey]]:
    """One file-like row per field, and the field each row's line number stands for."""
    rows, fields = [], {}
    for line, entry in enumerate(inputs, start=FIRST_LINE):
        rows.append(
            RawFigureRow(
                line=line,
                action=str(entry.action),
                indicator=entry.code,
                year=str(year),
                quarter=str(quarter),
                value=entry.value,
                numerator=entry.numerator,
                denominator=entry.denominator,
                comment=entry.comment.strip(),
            )
        )
        fields[line] = entry.key
    return rows, fields


def check_form(
    inputs: Sequence[FieldInput],
    catalogue: Mapping[tuple[int, str], IndicatorSpec],
    existing: Mapping[FigureKey, QuarterFigure],
    *,
    year: int,
    quarter: int,
    years: range,
    status: str,
) -> FormCheck:
    """Check the fields with the import's rules; the caller passes only the fields to save."""
    rows, fields = form_rows(inputs, year, quarter)
    result = validate_figure_rows(rows, catalogue, existing, years=years, status=status)
    comments = {entry.key: bool(entry.comment.strip()) for entry in inputs}
    issues: dict[FieldKey, FieldIssues] = {}

    def at(issue: RowIssue) -> FieldIssues:
        key = fields[issue.line]
        return issues.setdefault(key, FieldIssues(commented=comments[key]))

    for issue in result.errors:
        at(issue).errors.append(issue.message.replace(*_FILE_WORDING))
    for issue in result.warnings:
        at(issue).warnings.append(issue.message)
    check = FormCheck(figures=result.figures, issues=issues)
    if not check.ok:
        check.figures = []
    return check


def foreign_action_refusals(
    rows: Sequence[RawFigureRow], actor: Actor, assigned: Mapping[int, set[str]]
) -> list[RowIssue]:
    """Rows naming an action not entrusted to the partner's organisation, even when other rows
    are invalid, so that one upload lists every problem at once."""
    if actor.role != Role.PARTENAIRE or actor.trusted_import:
        return []
    refusals = []
    for row in rows:
        text = row.action.strip()
        action = int(text) if text.isdigit() else None
        if action in assigned and actor.organisation_id not in assigned[action]:
            message = f"action {action} : cette action n'est pas confiée à votre organisation"
            refusals.append(RowIssue(row.line, message))
    return refusals


def write_refusals(
    figures: Sequence[QuarterFigure],
    lines: Sequence[int],
    actor: Actor,
    assigned: Mapping[int, set[str]],
    statuses: Mapping[FigureKey, str],
    locked_years: Iterable[int],
    labels: Mapping[tuple[int, str], str] | None = None,
) -> list[RowIssue]:
    """Rows of an import the actor may not write, by line, before anything is tried (section 9).

    The storage layer refuses them anyway; saying which lines, and why, lets the partner fix the
    file at once instead of meeting the first refusal only.
    """
    locked = set(locked_years)
    refusals = []
    for fig, line in zip(figures, lines, strict=True):
        key = (fig.action, fig.code, fig.year, fig.quarter)
        refusal = figure_write_refusal(
            actor, assigned.get(fig.action, set()), statuses.get(key), fig.status,
            fig.year in locked,
        )  # fmt: skip
        if refusal:
            label = (labels or {}).get((fig.action, fig.code), fig.code)
            refusals.append(RowIssue(line, f"action {fig.action} · « {label} » : {refusal}"))
    return refusals
