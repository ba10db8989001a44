"""Checking imported figure rows: per-line errors, warnings, and all-or-nothing figures.

Rules from DOMAIN.md section 4 (valid input per accumulation mode, implausible values) and
section 10 (an import is all or nothing, every error reported with its spreadsheet line number).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal

from lda_dash.domain.figure_cells import (
    RawFigureRow,
    read_action,
    read_indicator,
    read_quarter,
    read_rate,
    read_value,
    read_year,
    shown,
)
from lda_dash.domain.model import IndicatorSpec, Mode, QuarterFigure
from lda_dash.domain.workflow import FIGURE_STATUSES, FigureStatus

MAX_COMMENT_CHARS = 2000
SPIKE_FACTOR = 3
SPIKE_FLOOR = 10  # below this, "three times more" is ordinary noise (2 -> 7)
Key = tuple[int, str, int, int]


@dataclass(frozen=True)
class RowIssue:
    """An error or a warning about one line of the file, in French."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"ligne {self.line} : {self.message}"


@dataclass
class ValidatedImport:
    """The outcome of an import check: figures only when there is no error at all."""

    figures: list[QuarterFigure] = field(default_factory=list)
    errors: list[RowIssue] = field(default_factory=list)
    warnings: list[RowIssue] = field(default_factory=list)
    # (line, figure) of every row whose action, indicator, year and quarter could be read, even
    # with errors elsewhere: the workflow checks (already submitted, locked year, not entrusted)
    # look at them too, so that one upload reports every problem of the file at once.
    keyed: list[tuple[int, QuarterFigure]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _CheckedRow:
    """A row with what could be read from it; `values_ok` once its figure cells are valid."""

    row: RawFigureRow
    problems: list[str]
    spec: IndicatorSpec | None = None
    year: int | None = None
    quarter: int | None = None
    value: Decimal | None = None
    numerator: int | None = None
    denominator: int | None = None
    values_ok: bool = False

    @property
    def key(self) -> Key | None:
        if self.spec is None or self.year is None or self.quarter is None:
            return None
        return (self.spec.action, self.spec.code, self.year, self.quarter)


def validate_figure_rows(
    rows: Sequence[RawFigureRow],
    catalogue: Mapping[tuple[int, str], IndicatorSpec],
    existing: Mapping[Key, QuarterFigure],
    *,
    years: range,
    status: str = FigureStatus.VALIDATED,
) -> ValidatedImport:
    """Check every row of a figures file and return all errors and warnings by line.

    `existing` (stored figures, any status) joins the file for the checks that look at other
    quarters; a file row replaces the stored figure with the same key.
    """
    if status not in FIGURE_STATUSES:
        raise ValueError(f"unknown figure status {status!r}")
    by_code = {(action, code.casefold()): spec for (action, code), spec in catalogue.items()}
    actions = sorted({action for action, _ in catalogue})
    checked = [_check_row(row, by_code, actions, years) for row in rows]

    first_line: dict[Key, int] = {}
    unique: list[_CheckedRow] = []
    for item in checked:
        key = item.key
        if key is None:
            continue
        if key in first_line:
            item.problems.append(
                f"doublon des lignes {first_line[key]} et {item.row.line} (action {key[0]}, "
                f"« {item.spec.label} », T{key[3]} {key[2]}) : gardez une seule ligne pour ce "
                "trimestre"
            )
            continue
        first_line[key] = item.row.line
        unique.append(item)

    merged = {key: figure.value for key, figure in existing.items()}
    merged.update({item.key: item.value for item in unique if item.key})
    for item in unique:
        if item.values_ok and item.spec and item.spec.mode is Mode.CUMUL_ANNUEL:
            item.problems.extend(_cumul_problems(item, merged, first_line))

    errors = [RowIssue(item.row.line, message) for item in checked for message in item.problems]
    warnings = [
        RowIssue(item.row.line, message)
        for item in unique
        if item.values_ok
        for message in _warnings(item, merged)
    ]
    errors.sort(key=lambda issue: issue.line)
    warnings.sort(key=lambda issue: issue.line)
    figures = [] if errors else [_figure(item, status) for item in checked]
    keyed = [(item.row.line, _figure(item, status)) for item in checked if item.key is not None]
    return ValidatedImport(figures=figures, errors=errors, warnings=warnings, keyed=keyed)


_TEXT_FIELDS = tuple(f.name for f in fields(RawFigureRow) if f.name != "line")


def _check_row(
    row: RawFigureRow,
    by_code: Mapping[tuple[int, str], IndicatorSpec],
    actions: list[int],
    years: range,
) -> _CheckedRow:
    stripped = {name: getattr(row, name).strip() for name in _TEXT_FIELDS}
    if any(stripped[name] != getattr(row, name) for name in _TEXT_FIELDS):
        row = replace(row, **stripped)  # readers strip already: copying each row cost the most
    item = _CheckedRow(row=row, problems=[])
    problems = item.problems
    action = read_action(row.action, actions, problems)
    if action is not None:
        item.spec = read_indicator(row.indicator, action, by_code, problems)
    item.year = read_year(row.year, years, problems)
    item.quarter = read_quarter(row.quarter, problems)
    if item.spec is not None:
        before = len(problems)
        if item.spec.mode is Mode.TAUX:
            item.numerator, item.denominator = read_rate(row, problems)
        else:
            item.value = read_value(row.value, item.spec, problems)
        item.values_ok = len(problems) == before
    comment = row.comment
    if len(comment) > MAX_COMMENT_CHARS:
        problems.append(
            f"commentaire trop long ({len(comment)} caractères) : "
            f"{MAX_COMMENT_CHARS} caractères au maximum, raccourcissez-le"
        )
    return item


def _cumul_problems(
    item: _CheckedRow, merged: Mapping[Key, Decimal | None], first_line: Mapping[Key, int]
) -> list[str]:
    """A year-to-date count never goes down within a year (section 4).

    A pair of quarters both in the file is reported once, on the later line's quarter.
    """
    action, code, year, quarter = item.key  # type: ignore[misc]
    value = item.value
    assert value is not None
    problems = []
    for other in (1, 2, 3, 4):
        other_key = (action, code, year, other)
        other_value = merged.get(other_key)
        if other == quarter or other_value is None:
            continue
        in_file = other_key in first_line
        where = f"ligne {first_line[other_key]}" if in_file else "déjà enregistré"
        if other < quarter and other_value > value:
            relation = "inférieur"
        elif other > quarter and not in_file and other_value < value:
            relation = "supérieur"
        else:
            continue
        problems.append(
            f"cumul depuis le 1er janvier : {shown(value)} est {relation} au T{other} {year} "
            f"({shown(other_value)}, {where}) ; le cumul ne peut pas baisser au cours de "
            "l'année, corrigez l'un des deux trimestres"
        )
    return problems


def _warnings(item: _CheckedRow, merged: Mapping[Key, Decimal | None]) -> list[str]:
    """Implausible but possible values (section 4): listed for a second look, never refused."""
    spec, value = item.spec, item.value
    if spec is None or value is None or item.year is None or item.quarter is None:
        return []
    warnings = []
    target = spec.target(item.year)
    if spec.mode is Mode.SOMME and target is not None and value > target:
        warnings.append(
            f"{shown(value)} pour un seul trimestre dépasse la cible annuelle de « {spec.label} » "
            f"({shown(target)} pour {item.year}) : vérifiez la saisie"
        )
    counted = (Mode.SOMME, Mode.CUMUL_ANNUEL, Mode.STOCK)
    if spec.mode in counted and spec.unit != "€":
        earlier = [
            merged.get((spec.action, spec.code, year, quarter))
            for year, quarter in _preceding_quarters(item.year, item.quarter, 4)
        ]
        largest = max((v for v in earlier if v is not None), default=None)
        if largest is not None and largest >= SPIKE_FLOOR and value > SPIKE_FACTOR * largest:
            warnings.append(
                f"{shown(value)} est plus de trois fois la plus forte valeur de « {spec.label} » "
                f"des quatre trimestres précédents ({shown(largest)}) : vérifiez la saisie"
            )
    return warnings


def _preceding_quarters(year: int, quarter: int, count: int) -> list[tuple[int, int]]:
    """The `count` quarters before (year, quarter), crossing into earlier years."""
    index = year * 4 + quarter - 1
    earlier = (divmod(index - step, 4) for step in range(1, count + 1))
    return [(year, zero_based + 1) for year, zero_based in earlier]


def _figure(item: _CheckedRow, status: str) -> QuarterFigure:
    assert item.spec is not None and item.year is not None and item.quarter is not None
    return QuarterFigure(
        action=item.spec.action,
        code=item.spec.code,
        year=item.year,
        quarter=item.quarter,
        value=item.value,
        numerator=item.numerator,
        denominator=item.denominator,
        comment=item.row.comment,
        status=status,
    )
