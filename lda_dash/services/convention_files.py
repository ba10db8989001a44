"""Loading a convention's reviewed data files (data/<territory>/) into the database."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from lda_dash import config, storage
from lda_dash.domain.model import SPENDING_CODE, IndicatorSpec, Mode
from lda_dash.domain.numbers import parse_decimal
from lda_dash.importers.annex import AnnexRow, AnnexTable, read_annex

DIJON_DIR = config.DATA_DIR / "dijon"
_TARGET_COLUMN = re.compile(r"^cible_(\d{4})$")


@dataclass(frozen=True)
class ConventionFiles:
    """What a territory's data folder holds: references, payments, annex, indicator catalogue."""

    territory: dict
    convention: dict
    payments: list[dict]
    annex: AnnexTable
    indicators: list[IndicatorSpec]
    amendments: tuple[dict, ...] = ()  # the convention's dated steps (DOMAIN.md section 13)


def read_indicator_catalogue(text: str, action_numbers: list[int]) -> list[IndicatorSpec]:
    """Rows of indicators.csv; action `*` means every action (DEP_AMI)."""
    specs = []
    for row in csv.DictReader(io.StringIO(text), delimiter=";"):
        numbers = action_numbers if row["action"].strip() == "*" else [int(row["action"])]
        targets = {
            int(m.group(1)): parse_decimal(value)
            for column, value in row.items()
            if (m := _TARGET_COLUMN.match(column))
        }
        for number in numbers:
            specs.append(
                IndicatorSpec(
                    action=number,
                    code=row["code"].strip(),
                    label=row["libelle"].strip(),
                    unit=row["unite"].strip(),
                    mode=Mode(row["mode"].strip()),
                    baseline=parse_decimal(row["reference"]),
                    weight=parse_decimal(row["poids"]) or Decimal(1),
                    targets=targets,
                )
            )
    return sorted(specs, key=lambda s: (s.action, s.code == SPENDING_CODE))


def read_convention_files(folder: Path = DIJON_DIR) -> ConventionFiles:
    meta = json.loads((folder / "convention.json").read_text(encoding="utf-8"))
    annex = read_annex((folder / "annex.csv").read_bytes(), "annex.csv")
    numbers = [row.row for row in annex.rows]
    catalogue = read_indicator_catalogue(
        (folder / "indicators.csv").read_text(encoding="utf-8"), numbers
    )
    return ConventionFiles(
        meta["territory"],
        meta["convention"],
        meta["payments"],
        annex,
        catalogue,
        tuple(meta.get("amendments", ())),
    )


def store_annex(con, convention_id: str, first_year: int, annex: AnnexTable) -> None:
    """Actions numbered by their annex position (the canonical numbering), with their budgets."""
    for row in annex.rows:
        storage.upsert_action(con, convention_id, _action_record(row))
        storage.upsert_budget_line(
            con, convention_id, row.row, first_year, row.cost_y1, row.ami_y1, row.cofunding_y1
        )
        storage.upsert_budget_line(
            con, convention_id, row.row, first_year + 1, row.cost_y2, None, row.cofunding_y2
        )
    if annex.total is not None:
        total = annex.total
        storage.upsert_annex_total(
            con,
            convention_id,
            {
                "signed_number": total.number,
                "cost_y1": total.cost_y1,
                "ami_y1": total.ami_y1,
                "cofunding_y1": total.cofunding_y1,
                "cost_y2": total.cost_y2,
                "cofunding_y2": total.cofunding_y2,
            },
        )


def store_convention(con, files: ConventionFiles) -> str:
    """Create or refresh the convention; indicators and targets already edited are kept."""
    convention_id = files.convention["id"]
    storage.upsert_convention(con, files.territory, files.convention)
    storage.upsert_payments(con, convention_id, files.payments)
    store_annex(con, convention_id, files.convention["first_year"], files.annex)
    for position, spec in enumerate(files.indicators):
        storage.add_indicator_if_absent(con, convention_id, spec, position)
    return convention_id


def stored_annex(con, convention_id: str) -> AnnexTable:
    """The annex as stored (signed numbers and signed totals), to check it again."""
    budgets = storage.budget_lines(con, convention_id)
    first_year = next(c["first_year"] for c in storage.conventions(con) if c["id"] == convention_id)
    by_key = {(r.action_number, r.year): r for r in budgets.itertuples()}

    def amount(number: int, year: int, column: str):
        line = by_key.get((number, year))
        value = None if line is None else getattr(line, column)
        return None if value is None or value != value else Decimal(str(value))

    rows = []
    for action in storage.actions(con, convention_id):
        n = action["number"]
        rows.append(
            AnnexRow(
                row=action["annex_row"],
                number=action["signed_number"],
                title=action["title"],
                category=action["category"] or "",
                description=action["description"] or "",
                objective=action["objective"] or "",
                leverage=action["leverage"] or "",
                expected_results=action["expected_results"] or "",
                calendar=action["calendar"] or "",
                deliverables=action["deliverables"] or "",
                cost_y1=amount(n, first_year, "cost"),
                ami_y1=amount(n, first_year, "ami"),
                cofunding_y1=amount(n, first_year, "cofunding"),
                cost_y2=amount(n, first_year + 1, "cost"),
                cofunding_y2=amount(n, first_year + 1, "cofunding"),
            )
        )
    total = storage.annex_total(con, convention_id)
    total_row = None
    if total is not None:
        total_row = AnnexRow(
            row=len(rows) + 1,
            number=total["signed_number"] or "",
            title="",
            category="",
            description="",
            objective="",
            leverage="",
            expected_results="",
            calendar="",
            deliverables="",
            cost_y1=total["cost_y1"],
            ami_y1=total["ami_y1"],
            cofunding_y1=total["cofunding_y1"],
            cost_y2=total["cost_y2"],
            cofunding_y2=total["cofunding_y2"],
        )
    return AnnexTable(rows=tuple(rows), total=total_row)


def _action_record(row: AnnexRow) -> dict:
    return {
        "number": row.row,
        "annex_row": row.row,
        "signed_number": row.number,
        "title": row.title,
        "category": row.category,
        "description": row.description,
        "objective": row.objective,
        "leverage": row.leverage,
        "expected_results": row.expected_results,
        "calendar": row.calendar,
        "deliverables": row.deliverables,
    }
