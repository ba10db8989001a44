"""Reading the cells of one figures row: action, indicator, year, quarter, value, rate."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from lda_dash.domain.model import MODE_LABELS, IndicatorSpec, Mode
from lda_dash.domain.numbers import NotANumber, is_whole, normalised, parse_decimal

MAX_NUMBER = Decimal(10) ** 12
# figure.value is DECIMAL(24, 6) (migrations/0001_schema.sql): a 7th decimal would be rounded away.
VALUE_DECIMALS = 6
QUARTER_RULE = "le trimestre doit être 1, 2, 3 ou 4"


@dataclass(frozen=True)
class RawFigureRow:
    """One data row of a figures file as written: stripped texts, "" when blank.

    `line` is the row number a spreadsheet shows (the header is line 1), so errors point at it.
    Defined here rather than in the file reader so the rules do not depend on file handling.
    """

    line: int
    action: str
    indicator: str
    year: str
    quarter: str
    value: str = ""
    numerator: str = ""
    denominator: str = ""
    comment: str = ""


def read_action(text: str, actions: list[int], problems: list[str]) -> int | None:
    # The list of allowed numbers is only written out when a row needs it: an import reads
    # thousands of valid rows, and building it for each of them dominated the import.
    if not text:
        problems.append(f"action manquante : indiquez le numéro de l'action ({span(actions)})")
        return None
    if text.isascii() and text.isdigit():
        number = int(text)  # the usual cell, read as _whole would, without building its hint
    else:
        number = _whole(
            text, "action", f"indiquez le numéro de l'action ({span(actions)})", problems
        )
    if number is not None and number not in actions:
        problems.append(
            f"action {number} inconnue : les numéros d'action possibles sont {span(actions)}"
        )
        return None
    return number


def read_indicator(
    text: str, action: int, by_code: Mapping[tuple[int, str], IndicatorSpec], problems: list[str]
) -> IndicatorSpec | None:
    if not text:
        problems.append(
            f"indicateur manquant : indiquez un code de l'action {action} "
            f"({_codes(action, by_code)})"
        )
        return None
    spec = by_code.get((action, text.casefold()))
    if spec is None:
        problems.append(
            f"indicateur « {text} » inconnu pour l'action {action} : codes possibles "
            f"{_codes(action, by_code)}"
        )
    return spec


def _codes(action: int, by_code: Mapping[tuple[int, str], IndicatorSpec]) -> str:
    return ", ".join(sorted(spec.code for (a, _), spec in by_code.items() if a == action))


def read_year(text: str, years: range, problems: list[str]) -> int | None:
    if len(years):
        allowed = f"les années de la convention vont de {years[0]} à {years[-1]}"
    else:
        allowed = "aucune année n'est ouverte à la saisie"
    if not text:
        problems.append(f"année manquante : indiquez l'année sur 4 chiffres ({allowed})")
        return None
    number = _whole(text, "année", f"indiquez l'année sur 4 chiffres ({allowed})", problems)
    if number is not None and number not in years:
        problems.append(f"année {number} hors période : {allowed}")
        return None
    return number


def read_quarter(text: str, problems: list[str]) -> int | None:
    if not text:
        problems.append(f"trimestre manquant : {QUARTER_RULE}")
        return None
    number = _whole(text, "trimestre", QUARTER_RULE, problems)
    if number is not None and number not in (1, 2, 3, 4):
        problems.append(f"trimestre {number} : {QUARTER_RULE}")
        return None
    return number


def read_value(text: str, spec: IndicatorSpec, problems: list[str]) -> Decimal | None:
    """The figure of every mode but taux, checked against its mode's rule (section 4)."""
    mode_label = MODE_LABELS[spec.mode]
    if not text:
        problems.append(
            f"valeur manquante : indiquez la valeur de « {spec.label} » ({mode_label}), "
            "0 s'il n'y a rien à déclarer"
        )
        return None
    is_money = spec.unit == "€"
    number = _number(text, "valeur", "écrivez un nombre en chiffres", problems, money=is_money)
    if number is None:
        return None
    if spec.mode is Mode.JALON:
        if number not in (0, 1):
            problems.append(f"valeur « {text} » : jalon : 1 si produit, 0 sinon")
            return None
        return normalised(number)
    if number < 0:
        problems.append(f"valeur {text} : la valeur de « {spec.label} » ne peut pas être négative")
        return None
    if is_money and int(number.as_tuple().exponent) < -2:
        problems.append(
            f"valeur « {text} » : un montant en euros a au plus 2 décimales (les centimes) ; "
            "pour un montant en milliers, écrivez-le sans séparateur (12500 pour 12 500 €)"
        )
        return None
    if int(normalised(number).as_tuple().exponent) < -VALUE_DECIMALS:
        problems.append(
            f"valeur « {text} » : au plus {VALUE_DECIMALS} décimales sont enregistrées ; "
            "arrondissez la valeur"
        )
        return None
    if spec.mode in (Mode.SOMME, Mode.CUMUL_ANNUEL) and not is_whole(number) and not is_money:
        problems.append(
            f"valeur « {text} » : un nombre entier est attendu pour « {spec.label} » "
            f"({mode_label}), "
            "sans décimale"
        )
        return None
    return normalised(number)


def read_rate(row: RawFigureRow, problems: list[str]) -> tuple[int | None, int | None]:
    """Numerator and denominator of a taux; the valeur column is not read for a rate."""
    hint = "pour un taux, renseignez numérateur et dénominateur (la colonne valeur n'est pas lue)"

    def read(text: str, name: str) -> int | None:
        if not text:
            problems.append(f"{name} manquant : {hint}")
            return None
        return _whole(text, name, hint, problems)

    numerator, denominator = (
        read(row.numerator, "numérateur"),
        read(row.denominator, "dénominateur"),
    )
    if numerator is not None and numerator < 0:
        problems.append(f"numérateur {numerator} : il ne peut pas être négatif")
        numerator = None
    if denominator is not None and denominator <= 0:
        problems.append(f"dénominateur {denominator} : il doit être supérieur à 0")
        denominator = None
    if numerator is not None and denominator is not None and numerator > denominator:
        problems.append(
            f"numérateur {numerator} supérieur au dénominateur {denominator} : le numérateur "
            "compte une partie du dénominateur, il ne peut pas le dépasser"
        )
    return numerator, denominator


def _number(
    text: str, name: str, hint: str, problems: list[str], *, money: bool = False
) -> Decimal | None:
    """The number written in a non-blank cell, or None with the reason added to `problems`."""
    try:
        number = parse_decimal(text, allow_currency=money)
    except NotANumber as exc:
        problems.append(f"{name} : {exc} ; {hint}")
        return None
    if number is None or abs(number) > MAX_NUMBER:
        problems.append(
            f"{name} « {text} » : nombre trop grand (plus de mille milliards), vérifiez"
        )
        return None
    return number


def _whole(text: str, name: str, hint: str, problems: list[str]) -> int | None:
    number = _number(text, name, hint, problems)
    if number is None:
        return None
    if not is_whole(number):
        problems.append(f"{name} « {text} » : un nombre entier est attendu ; {hint}")
        return None
    return int(number)


def shown(number: Decimal) -> str:
    """A number the French way in a message (12,5)."""
    return format(normalised(number), "f").replace(".", ",")


def span(numbers: list[int]) -> str:
    """Short description of the allowed action numbers, without listing a long run."""
    if not numbers:
        return "aucune action n'est définie"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"de {numbers[0]} à {numbers[-1]}"
    return ", ".join(str(n) for n in numbers)
