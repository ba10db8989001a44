"""The benchmark's import case: a wide synthetic convention and a valid figures file for it.

A Dijon-like convention has at most a few thousand (action, indicator, year, quarter) slots over
the 20 years an import accepts, and a file may not repeat one. The 10 000-row file therefore goes
to a convention of 25 actions × 5 indicators (one per mode): 125 × 20 years × 4 quarters.
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from lda_dash import storage
from lda_dash.scale.catalogue import CATEGORIES
from lda_dash.scale.synthetic import AUTHOR, ID_PREFIX
from lda_dash.storage import database

IMPORT_CONVENTION = f"{ID_PREFIX}import"
ACTIONS = 25
MODES = (
    ("NB", "somme", "personnes"),
    ("CUMUL", "cumul_annuel", "personnes"),
    ("STOCK", "stock", "logements"),
    ("TAUX", "taux", "%"),
    ("JALON", "jalon", "jalon"),
)
YEARS_ACCEPTED = 20  # years of the import file, each given a payment so the calendar opens it


def _frames(first_year: int) -> dict[str, pd.DataFrame]:
    last_year = first_year + 1
    name = "Territoire d'essai d'import (données synthétiques)"
    return {
        "territory": pd.DataFrame(
            [(IMPORT_CONVENTION, name, None)], columns=["id", "name", "siret"]
        ),
        "convention": pd.DataFrame(
            [
                {
                    "id": IMPORT_CONVENTION,
                    "territory_id": IMPORT_CONVENTION,
                    "title": f"{name} {first_year}-{last_year}",
                    "programme": "177",
                    "programme_label": None,
                    "chorus_activity": None,
                    "chorus_activity_label": None,
                    "functional_domain": None,
                    "programming_activity": None,
                    "first_year": first_year,
                    "last_year": last_year,
                    "payment_due": "30/11",
                }
            ]
        ),
        "payment": pd.DataFrame(
            [  # a payment each year: the calendar opens the years the file's rows use
                (IMPORT_CONVENTION, year, 100000, None)
                for year in range(first_year, first_year + YEARS_ACCEPTED)
            ],
            columns=["convention_id", "year", "amount", "note"],
        ),
        "action": pd.DataFrame(
            [
                {
                    "convention_id": IMPORT_CONVENTION,
                    "number": n,
                    "annex_row": n,
                    "signed_number": str(n),
                    "title": f"Action d'essai {n}",
                    "category": CATEGORIES[n % 6],
                    "description": "",
                    "objective": "",
                    "leverage": "",
                    "expected_results": "",
                    "calendar": "",
                    "deliverables": "",
                }
                for n in range(1, ACTIONS + 1)
            ]
        ),
        "budget_line": pd.DataFrame(
            [(IMPORT_CONVENTION, n, first_year, 4000, 4000, 0) for n in range(1, ACTIONS + 1)],
            columns=["convention_id", "action_number", "year", "cost", "ami", "cofunding"],
        ),
        "annex_total": pd.DataFrame(
            columns=[
                "convention_id",
                "signed_number",
                "cost_y1",
                "ami_y1",
                "cofunding_y1",
                "cost_y2",
                "cofunding_y2",
            ]
        ),
        "indicator": pd.DataFrame(
            [
                {
                    "convention_id": IMPORT_CONVENTION,
                    "action_number": n,
                    "code": code,
                    "label": f"Indicateur {code} de l'action {n}",
                    "unit": unit,
                    "mode": mode,
                    "baseline": None,
                    "weight": 1.0,
                    "position": p,
                }
                for n in range(1, ACTIONS + 1)
                for p, (code, mode, unit) in enumerate(MODES)
            ]
        ),
        "target": pd.DataFrame(
            [
                (IMPORT_CONVENTION, n, code, first_year + y, 1 if mode == "jalon" else 50)
                for n in range(1, ACTIONS + 1)
                for code, mode, _ in MODES
                for y in range(2)
            ],
            columns=["convention_id", "action_number", "code", "year", "target"],
        ),
        "figure": pd.DataFrame(
            columns=[
                "convention_id",
                "action_number",
                "code",
                "year",
                "quarter",
                "value",
                "numerator",
                "denominator",
                "status",
                "created_at",
            ]
        ),
        "clawback_decision": pd.DataFrame(
            columns=[
                "convention_id",
                "year",
                "proposed_amount",
                "decided_amount",
                "threshold",
                "justification",
                "author",
                "decided_on",
                "recorded_at",
                "letter_date",
                "title_date",
                "paid_date",
            ]
        ),
        "year_lock": pd.DataFrame(
            columns=["convention_id", "year", "locked", "changed_by", "changed_at", "reason"]
        ),
    }


def add_import_convention(path: Path | str, first_year: int) -> str:
    """Add the wide convention to the benchmark database (no figures yet); returns its id."""
    with database.connect(path) as con:
        storage.load_synthetic(con, _frames(first_year), AUTHOR)
    return IMPORT_CONVENTION


def clear_import(path: Path | str) -> None:
    """Remove what an import wrote, so that each timed import starts from the same state."""
    with database.connect(path) as con:
        storage.delete_figures_of(con, IMPORT_CONVENTION)


def write_figures_file(path: Path, first_year: int, rows: int, seed: int = 1) -> Path:
    """A valid CSV as French Excel saves it (`;`, decimal comma): `rows` distinct figures."""
    rng = random.Random(seed)
    lines = ["action;indicateur;annee;trimestre;valeur;numerateur;denominateur;commentaire"]
    slots = [
        (year, quarter)
        for year in range(first_year, first_year + YEARS_ACCEPTED)
        for quarter in (1, 2, 3, 4)
    ]
    for action in range(1, ACTIONS + 1):
        for code, mode, _ in MODES:
            running = 0
            for year, quarter in slots:
                if len(lines) > rows:
                    break
                running = 0 if quarter == 1 else running
                if mode == "taux":
                    denominator = rng.randint(40, 80)
                    cells = ["", str(rng.randint(0, denominator)), str(denominator)]
                elif mode == "cumul_annuel":
                    running += rng.randint(0, 8)
                    cells = [str(running), "", ""]
                elif mode == "jalon":
                    cells = ["1" if quarter == 4 else "0", "", ""]
                else:
                    cells = [f"{rng.randint(0, 9)},0", "", ""]
                lines.append(";".join([str(action), code, str(year), str(quarter), *cells, ""]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
