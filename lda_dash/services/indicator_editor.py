"""The proposed indicators as an editable table, and the table back as indicators (no Streamlit).

The Administration page shows the indicators read from another territory's annex for the
coordinator to confirm or correct (issue 5, item 3). Every mistake in the corrected table is
reported at once, each naming its line (as numbered in the table, from 1) and its column.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation

import pandas as pd

from lda_dash.domain.convention_checks import Finding
from lda_dash.domain.model import IndicatorSpec, Mode
from lda_dash.importers.target_extraction import ProposedIndicator
from lda_dash.words.glossary import MODE_SHORT_LABELS, finding_label

ACTION, CODE, LABEL, UNIT, MODE = "Action", "Code", "Libellé", "Unité", "Mode"
BASELINE, WEIGHT, CONFIDENCE, SOURCE = "Référence", "Poids", "Confiance", "Lu dans"
MODES = tuple(MODE_SHORT_LABELS[mode] for mode in Mode)  # the editor's choices, in words
_MODE_OF = {**{mode.value: mode for mode in Mode}, **{w: m for m, w in MODE_SHORT_LABELS.items()}}
LEVEL_LABELS = {"error": "⛔ erreur", "warning": "⚠️ avertissement", "info": "ℹ️ information"}
_CODE = re.compile(r"^[A-Za-z0-9_]+$")


def target_column(year: int) -> str:
    return f"Cible {year}"


def findings_frame(findings: Iterable[Finding]) -> pd.DataFrame:
    """The annex's anomalies, level in words, the annex row (none for the totals)."""
    rows = [
        {
            "Niveau": LEVEL_LABELS.get(f.level, f.level),
            "Type": finding_label(f.code),
            "Ligne de l'annexe": "totaux" if f.row is None else str(f.row),
            "Constat": f.message,
        }
        for f in findings
    ]
    return pd.DataFrame(rows, columns=["Niveau", "Type", "Ligne de l'annexe", "Constat"])


def proposals_frame(proposals: Sequence[ProposedIndicator], years: Sequence[int]) -> pd.DataFrame:
    """One row per proposed indicator, in the columns the coordinator edits."""
    rows = []
    for p in proposals:
        row = {
            ACTION: p.action,
            CODE: p.code,
            LABEL: p.label,
            UNIT: p.unit,
            MODE: MODE_SHORT_LABELS[p.mode],
            BASELINE: _float(p.baseline),
        }
        row.update({target_column(y): _float(p.targets.get(y)) for y in years})
        row.update({WEIGHT: 1.0, CONFIDENCE: p.confidence, SOURCE: p.source_text})
        rows.append(row)
    columns = [ACTION, CODE, LABEL, UNIT, MODE, BASELINE,
               *(target_column(y) for y in years), WEIGHT, CONFIDENCE, SOURCE]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


class EditorErrors(ValueError):
    """The corrected table has mistakes; `errors` lists each, in French, line and column named."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def specs_from_frame(
    frame: pd.DataFrame, years: Sequence[int], actions: Iterable[int]
) -> list[IndicatorSpec]:
    """The indicators of the corrected table, or EditorErrors listing every mistake."""
    known = set(actions)
    errors: list[str] = []
    specs: list[IndicatorSpec] = []
    seen: dict[tuple[int, str], int] = {}
    for line, record in enumerate(frame.to_dict("records"), start=1):
        found: list[str] = []

        def fail(column: str, message: str, found=found, line=line) -> None:
            found.append(f"ligne {line}, colonne « {column} » : {message}")

        action = _whole(record.get(ACTION))
        if action is None:
            fail(ACTION, "numéro d'action manquant ou illisible")
        elif action not in known:
            fail(ACTION, f"l'annexe n'a pas d'action {action}")
        code = _text(record.get(CODE))
        if not code:
            fail(CODE, "code manquant")
        elif not _CODE.match(code):
            fail(CODE, f"« {code} » : lettres sans accent, chiffres ou _ seulement")
        elif action is not None and (action, code) in seen:
            fail(CODE, f"« {code} » déjà utilisé pour l'action {action} "
                       f"(ligne {seen[(action, code)]})")  # fmt: skip
        label, unit = _text(record.get(LABEL)), _text(record.get(UNIT))
        if not label:
            fail(LABEL, "libellé manquant")
        if not unit:
            fail(UNIT, "unité manquante (ex. logements, personnes, %, €, jalon)")
        mode_text = _text(record.get(MODE))
        mode = _MODE_OF.get(mode_text)
        if mode is None:
            fail(MODE, f"« {mode_text} » : choisissez {', '.join(MODES)}")
        baseline = _number(record.get(BASELINE), BASELINE, fail)
        if baseline is not None and (baseline < 0 or (mode is Mode.TAUX and baseline > 100)):
            fail(BASELINE, f"{baseline} impossible")
        weight = _number(record.get(WEIGHT), WEIGHT, fail)
        if weight is not None and weight <= 0:
            fail(WEIGHT, "le poids doit être supérieur à 0")
        targets = {}
        for year in years:
            column = target_column(year)
            target = _number(record.get(column), column, fail)
            problem = _target_problem(mode, target)
            if problem:
                fail(column, problem)
            targets[year] = target
        if not found and action is not None and mode is not None:
            seen[(action, code)] = line
            weight = Decimal(1) if weight is None else weight
            specs.append(IndicatorSpec(action, code, label, unit, mode, baseline, weight, targets))
        errors += found
    if errors:
        raise EditorErrors(errors)
    return specs


def _target_problem(mode: Mode | None, target: Decimal | None) -> str | None:
    if target is None or mode is None:
        return None
    if target < 0:
        return f"{target} : une cible ne peut pas être négative"
    if mode is Mode.JALON and target not in (0, 1):
        return f"{target} : un jalon a pour cible 1 (produit) ou 0"
    if mode is Mode.TAUX and target > 100:
        return f"{target} : un taux ne dépasse pas 100 %"
    return None


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _text(value) -> str:
    return "" if _blank(value) else " ".join(str(value).split())


def _whole(value) -> int | None:
    number = None if _blank(value) else _decimal(value)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


def _number(value, column: str, fail) -> Decimal | None:
    if _blank(value) or (isinstance(value, str) and not value.strip()):
        return None
    number = _decimal(value)
    if number is None:
        fail(column, f"« {value} » n'est pas un nombre")
    return number


def _decimal(value) -> Decimal | None:
    """A number from the editor (float) or typed text (`1 200,5`); whole numbers stay whole."""
    text = str(value).replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    return Decimal(int(number)) if number == number.to_integral_value() else number.normalize()


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)
