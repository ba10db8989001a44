"""Reading an amendment's files, CSV with a header on line 1: targets `action;indicateur;cible`,
weights `action;indicateur;poids`, allocation `action;montant` (the shares it changes, in €).

Same habits as the figures file (DOMAIN.md section 10): `;` or `,`, UTF-8 (with or without BOM)
or Windows-1252, decimal comma or point; every error is reported with its line number and the
file is taken whole or not at all. Which kind a file is, its header says (`file_kind`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from lda_dash.domain.model import SPENDING_CODE, IndicatorSpec, Mode
from lda_dash.domain.numbers import NotANumber, parse_decimal
from lda_dash.importers.figures_file import normalise_header

MAX_BYTES = 1024 * 1024
TARGETS, WEIGHTS, ALLOCATION = "cible", "poids", "montant"
HEADERS = {
    TARGETS: ("action", "indicateur", "cible"),
    WEIGHTS: ("action", "indicateur", "poids"),
    ALLOCATION: ("action", "montant"),
}
WHAT = {TARGETS: "cibles", WEIGHTS: "poids", ALLOCATION: "répartition"}
MISSING = {"cible": "cible manquante", "poids": "poids manquant", "montant": "montant manquant"}
Specs = Mapping[tuple[int, str], IndicatorSpec]


class TargetsFileError(ValueError):
    """The file cannot be read at all (no header, binary, too big); the message is French."""


@dataclass
class TargetsFile:
    """The values read, keyed by (action, indicator), or by action for the allocation; or the
    errors as (line, message). `targets` is its name for every kind, from the first one."""

    targets: dict = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)
    kind: str = TARGETS


def _text(data: bytes, what: str) -> str:
    if len(data) > MAX_BYTES:
        raise TargetsFileError(f"fichier de {what} trop volumineux (1 Mo au plus)")
    if b"\x00" in data or data.startswith(b"PK\x03\x04"):
        raise TargetsFileError(f"le fichier de {what} doit être un CSV (texte), pas un classeur")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _rows(data: bytes, kind: str) -> tuple[list[list[str]], list[str]]:
    """The CSV's rows and its normalised header; refused without the kind's columns."""
    expected = ";".join(HEADERS[kind])
    lines = _text(data, WHAT[kind]).splitlines()
    if not lines or not lines[0].strip():
        raise TargetsFileError(f"la ligne 1 doit contenir les en-têtes {expected}")
    separator = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=separator))
    header = [normalise_header(cell) for cell in rows[0]]
    missing = [name for name in HEADERS[kind] if name not in header]
    if missing:
        raise TargetsFileError(
            f"colonne(s) absente(s) en ligne 1 : {', '.join(missing)} "
            f"(en-têtes attendus : {expected})"
        )
    return rows, header


def file_kind(data: bytes) -> str:
    """Which file this is by its header: targets, weights or allocation (one kind a file)."""
    lines = _text(data, "l'avenant").splitlines() or [""]
    header = {normalise_header(cell) for cell in lines[0].replace(",", ";").split(";")}
    kinds = [kind for kind in (TARGETS, WEIGHTS, ALLOCATION) if kind in header]
    if len(kinds) == 1:
        return kinds[0]
    if kinds:
        raise TargetsFileError(
            f"un fichier par sorte de valeurs : la ligne 1 mêle {' et '.join(kinds)}"
        )
    raise TargetsFileError(
        "en-têtes non reconnus en ligne 1 : action;indicateur;cible (cibles), "
        "action;indicateur;poids (poids) ou action;montant (répartition)"
    )


def _read(data: bytes, kind: str, row: Callable) -> TargetsFile:
    rows, header = _rows(data, kind)
    where = {name: header.index(name) for name in HEADERS[kind]}
    result, seen = TargetsFile(kind=kind), {}
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        values = {n: (cells[i].strip() if i < len(cells) else "") for n, i in where.items()}
        error, key, value = row(values)
        if error is None and key in seen:
            error = f"{_named(key)} déjà donnée en ligne {seen[key]}"
        if error:
            result.errors.append((number, error))
            continue
        seen[key] = number
        result.targets[key] = value
    if not result.targets and not result.errors:
        raise TargetsFileError(f"aucune ligne de {WHAT[kind]} sous les en-têtes")
    return result


def _named(key) -> str:
    return f"action {key}" if isinstance(key, int) else f"action {key[0]} · {key[1]}"


def read_targets_file(data: bytes, specs: Specs) -> TargetsFile:
    """Targets of an amendment file, checked against the catalogue."""
    return _read(data, TARGETS, lambda values: _target_row(values, specs))


def read_weights_file(data: bytes, specs: Specs) -> TargetsFile:
    """Weights of an amendment file: an indicator of the catalogue (not DEP_AMI), weight > 0."""
    return _read(data, WEIGHTS, lambda values: _weight_row(values, specs))


def read_allocation_file(data: bytes, actions: Collection[int]) -> TargetsFile:
    """Shares of an amendment file: an action of the convention, euros ≥ 0 to the cent. Their
    sum against the payment is checked with the year's allocation (services)."""
    return _read(data, ALLOCATION, lambda values: _share_row(values, actions))


def read_amendment_file(data: bytes, specs: Specs, actions: Collection[int]) -> TargetsFile:
    """Any of the three, told apart by its header."""
    kind = file_kind(data)
    if kind == ALLOCATION:
        return read_allocation_file(data, actions)
    return (read_weights_file if kind == WEIGHTS else read_targets_file)(data, specs)


def _indicator(values: dict[str, str], specs: Specs):
    """(error, key) of the line's action and indicator."""
    try:
        action = int(values["action"])
    except ValueError:
        return f"action « {values['action']} » illisible (un numéro attendu)", None
    key = (action, values["indicateur"].strip().upper())
    if key not in specs:
        return f"indicateur inconnu : action {action} · {key[1]}", None
    return None, key


def _number(text: str, what: str, *, euros: bool = False):
    """(error, value) of a number cell."""
    try:
        value = parse_decimal(text, allow_currency=euros)
    except NotANumber as exc:
        return f"{what} : {exc}", None
    if value is None:
        return MISSING[what], None
    return None, value


def _target_row(values: dict[str, str], specs: Specs) -> tuple[str | None, object, Decimal]:
    """(error, key, target) of one line."""
    error, key = _indicator(values, specs)
    if error:
        return error, None, Decimal(0)
    error, target = _number(values["cible"], "cible")
    if error:
        return error, None, Decimal(0)
    if target < 0:
        return "une cible ne peut pas être négative", None, Decimal(0)
    mode = specs[key].mode
    if mode == Mode.TAUX and target > 100:
        return "un taux ne peut pas dépasser 100 %", None, Decimal(0)
    if mode == Mode.JALON and target not in (0, 1):
        return "la cible d'un jalon vaut 0 ou 1", None, Decimal(0)
    return None, key, target


def _weight_row(values: dict[str, str], specs: Specs) -> tuple[str | None, object, Decimal]:
    error, key = _indicator(values, specs)
    if error:
        return error, None, Decimal(0)
    if key[1] == SPENDING_CODE:
        return "les dépenses sur crédits AMI n'ont pas de poids", None, Decimal(0)
    error, weight = _number(values["poids"], "poids")
    if error:
        return error, None, Decimal(0)
    if weight <= 0:
        return "un poids doit être strictement positif", None, Decimal(0)
    return None, key, weight


def _share_row(values: dict[str, str], actions: Collection[int]):
    try:
        action = int(values["action"])
    except ValueError:
        return f"action « {values['action']} » illisible (un numéro attendu)", None, Decimal(0)
    if action not in actions:
        return f"action {action} inconnue de la convention", None, Decimal(0)
    error, amount = _number(values["montant"], "montant", euros=True)
    if error:
        return error, None, Decimal(0)
    if amount < 0:
        return "une part ne peut pas être négative", None, Decimal(0)
    if amount != amount.quantize(Decimal("0.01")):
        return "un montant s'arrête au centime", None, Decimal(0)
    return None, action, amount
