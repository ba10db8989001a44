"""Anomalies of a convention's budget annex: numbering, totals, cofunding and year-1 split."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from lda_dash.domain.annex_table import AMOUNT_FIELDS, COLUMNS_BY_FIELD, AnnexRow, AnnexTable
from lda_dash.domain.numbers import is_whole
from lda_dash.domain.rounding import cents

LEVELS = ("error", "warning", "info")

# (cofinancing field, cost field) for each year of the annex.
_COFUNDING_BY_YEAR = {1: ("cofunding_y1", "cost_y1"), 2: ("cofunding_y2", "cost_y2")}


@dataclass(frozen=True)
class Finding:
    """One anomaly of the annex; `row` is the 1-based action row, None for the totals."""

    level: str
    code: str
    row: int | None
    message: str

    def to_json(self) -> dict[str, object]:
        return {"level": self.level, "code": self.code, "row": self.row, "message": self.message}


def check_annex(table: AnnexTable) -> list[Finding]:
    """Every anomaly of the annex, reported and never fixed (DOMAIN.md sections 2 and 11).

    Ordered by row (the totals' findings last), then by code.
    """
    findings = [
        *_numbering(table.rows),
        *_missing_amounts(table.rows),
        *_cofunding_above_cost(table.rows),
        *_split_mismatches(table.rows),
        *_totals(table),
    ]
    return sorted(findings, key=lambda f: (f.row is None, f.row or 0, f.code))


def _euros(amount: Decimal) -> str:
    """French display of an amount: "68 000 €", "1 234,50 €", thousands grouped by the narrow
    no-break space babel and lda_dash/fmt.py use (the domain imports nothing of ours)."""
    if is_whole(amount):
        text = f"{int(amount):,}".replace(",", "\u202f")
    else:
        rounded = cents(amount)
        text = f"{rounded:,.2f}".replace(",", "\u202f").replace(".", ",")
    return f"{text} €"


def _named(row: AnnexRow, word: str = "Ligne") -> str:
    return f"{word} {row.row} (« {row.title} »)" if row.title else f"{word} {row.row}"


def _number_key(number: str) -> int | str:
    """ "9" and "09" are the same number; other texts compare as written, trimmed."""
    stripped = number.strip()
    return int(stripped) if stripped.isdigit() else stripped


def _numbering(rows: tuple[AnnexRow, ...]) -> Iterator[Finding]:
    """Canonical numbering is the position (DOMAIN.md section 2): blanks and repeats are errors."""
    first_use: dict[int | str, AnnexRow] = {}
    for row in rows:
        if not row.number.strip():
            yield Finding(
                "error",
                "missing_number",
                row.row,
                f"{_named(row)} : n° manquant ; par sa position, c'est l'action {row.row}.",
            )
            continue
        key = _number_key(row.number)
        earlier = first_use.get(key)
        if earlier is not None:
            yield Finding(
                "error",
                "duplicate_number",
                row.row,
                f"{_named(row)} : le n° {row.number} est déjà celui de la "
                f"{_named(earlier, 'ligne')} ; par sa position, c'est l'action {row.row}.",
            )
            continue
        first_use[key] = row
        if key != row.row:
            yield Finding(
                "warning",
                "number_out_of_sequence",
                row.row,
                f"{_named(row)} : n° {row.number} écrit, mais par sa position "
                f"c'est l'action {row.row}.",
            )


def _missing_amounts(rows: tuple[AnnexRow, ...]) -> Iterator[Finding]:
    for row in rows:
        blank = [COLUMNS_BY_FIELD[f].label for f in AMOUNT_FIELDS if row.amount(f) is None]
        if blank:
            columns = ", ".join(f"« {label} »" for label in blank)
            yield Finding(
                "warning",
                "missing_amount",
                row.row,
                f"{_named(row)} : montant absent dans {columns}.",
            )


def _cofunding_above_cost(rows: tuple[AnnexRow, ...]) -> Iterator[Finding]:
    """Cofinancing cannot pay more than the action costs; equal is fine."""
    for row in rows:
        for year, (cofunding_field, cost_field) in _COFUNDING_BY_YEAR.items():
            cofunding, cost = row.amount(cofunding_field), row.amount(cost_field)
            if cofunding is None or cost is None or cofunding <= cost:
                continue
            yield Finding(
                "warning",
                "cofunding_exceeds_cost",
                row.row,
                f"{_named(row)}, année {year} : cofinancements {_euros(cofunding)} > "
                f"dépenses {_euros(cost)} (« {COLUMNS_BY_FIELD[cofunding_field].label} » "
                f"dépasse « {COLUMNS_BY_FIELD[cost_field].label} »).",
            )


def _split_mismatches(rows: tuple[AnnexRow, ...]) -> Iterator[Finding]:
    """Year 1: an action's spending is the AMI funding plus its other funding."""
    for row in rows:
        cost, ami, cofunding = row.cost_y1, row.ami_y1, row.cofunding_y1
        if cost is None or ami is None or cofunding is None or cost == ami + cofunding:
            continue
        yield Finding(
            "warning",
            "split_mismatch",
            row.row,
            f"{_named(row)}, année 1 : dépenses {_euros(cost)} ≠ financement AMI {_euros(ami)} "
            f"+ financement {_euros(cofunding)} (= {_euros(ami + cofunding)}).",
        )


def _totals(table: AnnexTable) -> Iterator[Finding]:
    """Each stated total must be the sum of its column's rows (blank cells count as nothing)."""
    if table.total is None:
        yield Finding(
            "info",
            "missing_total",
            None,
            "L'annexe n'a pas de ligne de total : les totaux n'ont pas pu être vérifiés.",
        )
        return
    for field in AMOUNT_FIELDS:
        label = COLUMNS_BY_FIELD[field].label
        stated = table.total.amount(field)
        computed = sum((row.amount(field) or Decimal(0) for row in table.rows), Decimal(0))
        if stated is None:
            yield Finding(
                "warning",
                "missing_amount",
                None,
                f"Ligne de total : montant absent dans « {label} » "
                f"(somme des lignes : {_euros(computed)}).",
            )
        elif stated != computed:
            yield Finding(
                "error",
                "total_mismatch",
                None,
                f"Total « {label} » : {_euros(stated)} indiqué, {_euros(computed)} en additionnant "
                f"les lignes (écart {_euros(abs(computed - stated))}).",
            )
