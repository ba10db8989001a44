"""Reading an amendment's targets file: CSV `action;indicateur;cible`, header on line 1.

Same habits as the figures file (DOMAIN.md section 10): `;` or `,`, UTF-8 (with or without BOM)
or Windows-1252, decimal comma or point; every error is reported with its line number and the
file is taken whole or not at all.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from lda_dash.domain.model import IndicatorSpec, Mode
from lda_dash.domain.numbers import NotANumber, parse_decimal
from lda_dash.importers.figures_file import normalise_header

MAX_BYTES = 1024 * 1024
HEADER = ("action", "indicateur", "cible")


class TargetsFileError(ValueError):
    """The file cannot be read at all (no header, binary, too big); the message is French."""


@dataclass
class TargetsFile:
    """The targets read, keyed by (action, indicator), or the errors as (line, message)."""

    targets: dict[tuple[int, str], Decimal] = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)


def _text(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise TargetsFileError("fichier de cibles trop volumineux (1 Mo au plus)")
    if b"\x00" in data or data.startswith(b"PK\x03\x04"):
        raise TargetsFileError("le fichier de cibles doit être un CSV (texte), pas un classeur")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_targets_file(data: bytes, specs: dict[tuple[int, str], IndicatorSpec]) -> TargetsFile:
    """Targets of an amendment file, checked against the catalogue."""
    lines = _text(data).splitlines()
    if not lines or not lines[0].strip():
        raise TargetsFileError("la ligne 1 doit contenir les en-têtes action;indicateur;cible")
    separator = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=separator))
    header = [normalise_header(cell) for cell in rows[0]]
    missing = [name for name in HEADER if name not in header]
    if missing:
        raise TargetsFileError(
            f"colonne(s) absente(s) en ligne 1 : {', '.join(missing)} "
            "(en-têtes attendus : action;indicateur;cible)"
        )
    where = {name: header.index(name) for name in HEADER}
    result, seen = TargetsFile(), {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {n: (cells[i].strip() if i < len(cells) else "") for n, i in where.items()}
        error, key, target = _row(values, specs)
        if error is None and key in seen:
            error = f"action {key[0]} · {key[1]} déjà donnée en ligne {seen[key]}"
        if error:
            result.errors.append((number, error))
            continue
        seen[key] = number
        result.targets[key] = target
    if not result.targets and not result.errors:
        raise TargetsFileError("aucune cible sous les en-têtes")
    return result


def _row(values: dict[str, str], specs) -> tuple[str | None, tuple[int, str] | None, Decimal]:
    """(error, key, target) of one line."""
    try:
        action = int(values["action"])
    except ValueError:
        return f"action « {values['action']} » illisible (un numéro attendu)", None, Decimal(0)
    key = (action, values["indicateur"].strip().upper())
    if key not in specs:
        return f"indicateur inconnu : action {action} · {key[1]}", None, Decimal(0)
    try:
        target = parse_decimal(values["cible"], allow_currency=False)
    except NotANumber as exc:
        return f"cible : {exc}", None, Decimal(0)
    if target is None:
        return "cible manquante", None, Decimal(0)
    if target < 0:
        return "une cible ne peut pas être négative", None, Decimal(0)
    mode = specs[key].mode
    if mode == Mode.TAUX and target > 100:
        return "un taux ne peut pas dépasser 100 %", None, Decimal(0)
    if mode == Mode.JALON and target not in (0, 1):
        return "la cible d'un jalon vaut 0 ou 1", None, Decimal(0)
    return None, key, target
