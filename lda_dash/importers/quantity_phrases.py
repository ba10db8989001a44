"""Quantified phrases of an annex cell: counts, rates and milestones, with the year they are for.

The reading is lexical and deliberately modest: it proposes, the coordinator confirms. The rules
and their order are described in `target_extraction`, which turns these mentions into indicators.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from lda_dash.domain.model import Mode
from lda_dash.domain.numbers import normalised
from lda_dash.importers import target_words as lex


@dataclass(frozen=True)
class Mention:
    """One quantified phrase: what is counted, the value aimed at and the years it is for.

    `years` is empty when the text names no period ("250 visites"); `every_year` is set by
    "/an", "par an", "annuel".
    """

    kind: str  # "count", "rate" or "milestone"
    unit: str
    label: str
    mode: Mode
    value: Decimal | None
    baseline: Decimal | None = None
    years: tuple[int, ...] = ()
    every_year: bool = False
    group: str = ""
    code_hint: str = ""  # the code of a milestone, the first word of a rate's qualifier
    known_unit: bool = True
    text: str = ""


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def read_number(text: str) -> Decimal:
    """ "1 200" → 1200, "12,5" → 12.5 (the pattern has already checked the shape)."""
    return normalised(Decimal(re.sub(r"[ \u00a0\u202f]", "", text).replace(",", ".")))


def mentions(text: str, years: Sequence[int]) -> list[Mention]:
    """Every quantified phrase of a cell, in reading order, segment by segment."""
    found: list[Mention] = []
    for segment in lex.SEGMENT_BREAK.split(text or ""):
        if segment.strip():
            found += _segment_mentions(segment.strip(), years, found)
    return found


def _segment_mentions(segment: str, years: Sequence[int], before: list[Mention]) -> list[Mention]:
    used: list[tuple[int, int]] = []
    found = [*_rates(segment, years, used), *_milestones(segment, years, used)]
    counts = _counts(segment, years, used, [*before, *found])
    how_many = [] if counts or found else _how_many(segment)
    return [*found, *counts, *how_many]


def _period(text: str, years: Sequence[int]) -> tuple[tuple[int, ...], bool]:
    """The years a phrase names ("en 2021", "année 2", "à 12 mois") or whether it says "/an"."""
    spans = []
    if match := lex.YEAR.search(text):
        spans.append((match.start(), (int(match.group(1)),)))
    if (match := lex.YEAR_INDEX.search(text)) and 0 < int(match.group(1)) <= len(years):
        spans.append((match.start(), (years[int(match.group(1)) - 1],)))
    if (match := lex.MONTHS.search(text)) and years:
        index = max(0, (int(match.group(1)) - 1) // 12)
        if index < len(years):
            spans.append((match.start(), (years[index],)))
    if spans:
        return min(spans)[1], False
    return (), bool(lex.EVERY_YEAR.search(text))


def _overlaps(span: tuple[int, int], used: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in used)


def _rate_label(qualifier: str) -> tuple[str, str]:
    """("Taux de réponses", "REPONSES") from the words after "taux de"."""
    words = qualifier.split()[:3]
    while words and fold(words[-1]) in lex.TRAILING:
        words.pop()
    if not words:
        return "Taux", ""
    phrase = " ".join(words)
    joint = "d'" if fold(phrase)[0] in "aeiouyh" else "de "
    return f"Taux {joint}{phrase}", fold(words[0])


def _rates(segment: str, years: Sequence[int], used: list) -> list[Mention]:
    found = []
    for pattern in (lex.RATE_FROM_TO, lex.RATE_NAMED, lex.RATE_OF, lex.RATE_BARE):
        for match in pattern.finditer(segment):
            if _overlaps(match.span(), used):
                continue
            groups = match.groupdict()
            qualifier = groups.get("q") or groups.get("q1") or groups.get("q2") or ""
            if not qualifier and (named := lex.RATE_BARE.search(segment[: match.start()])):
                qualifier = named.group("q")
            label, hint = _rate_label(qualifier)
            target, base = groups.get("target"), groups.get("base")
            period, every = _period(segment, years)
            used.append(match.span())
            found.append(
                Mention("rate", "%", label, Mode.TAUX, target and read_number(target),
                        base and read_number(base), period, every, code_hint=hint, text=segment)
            )  # fmt: skip
    return found


def _milestones(segment: str, years: Sequence[int], used: list) -> list[Mention]:
    """A report produced once a year, or once at the end when it is "final"."""
    found = []
    for match in lex.MILESTONE.finditer(segment):
        noun, rest = match.group("noun"), match.group("rest").strip()
        folded = fold(noun)
        code, alone = next(
            (c, a) for start, c, a in lex.MILESTONE_CODES if folded.startswith(start)
        )
        if not (alone or rest):
            continue
        label = " ".join(_singular(w) for w in f"{noun} {rest}".split())
        final = "final" in fold(rest)
        used.append(match.span())
        found.append(
            Mention("milestone", "jalon", f"{label[0].upper()}{label[1:]} produit", Mode.JALON,
                    Decimal(1), years=(years[-1],) if final and years else (),
                    every_year="annuel" in fold(rest + noun), code_hint=code, text=segment)
        )  # fmt: skip
    return found


def _singular(word: str) -> str:
    folded = fold(word)
    if folded.startswith("d'") or folded in ("finaux",):
        return "final" if folded == "finaux" else word
    return word[:-1] if folded.endswith("s") and len(folded) > 3 else word


def _unit(noun: str) -> str:
    """The counted noun in the plural, people of any kind written "personnes"."""
    word = noun.lower()
    plural = word if fold(word).endswith(("s", "x", "z")) else word + "s"
    return "personnes" if fold(plural) in lex.PERSONS else plural


def _mode(unit: str, following: list[str]) -> tuple[Mode, bool]:
    """(mode, whether the noun is known) from the counted noun and the words after it."""
    key = fold(unit)
    if key in lex.PLACES or (following and fold(following[0]) in lex.LEVEL_WORDS):
        return Mode.STOCK, True
    if following[:2] and [fold(w) for w in following[:2]] == ["en", "gestion"]:
        return Mode.STOCK, True
    if key in lex.PEOPLE:
        return Mode.CUMUL_ANNUEL, True
    return Mode.SOMME, key in lex.FLOWS


def _label_words(tail: str) -> list[str]:
    """The words describing a counted noun ("captés", "à domicile"), up to 4, until a stop."""
    tokens = lex.WORD.findall(tail)
    taken: list[str] = []
    for index, token in enumerate(tokens):
        word = fold(token)
        if not token[0].isalpha() or word in lex.LABEL_STOPS or len(taken) == 4:
            break
        if word == "en" and not (taken and fold(taken[-1]).endswith("ant")):
            break
        following = fold(tokens[index + 1]) if index + 1 < len(tokens) else ""
        if word == "a" and (following[:1].isdigit() or following.endswith(lex.VERB_ENDINGS)):
            break
        taken.append(token)
    while taken and fold(taken[-1]) in lex.TRAILING:
        taken.pop()
    return taken


def _counts(segment: str, years: Sequence[int], used: list, before: list) -> list[Mention]:
    found: list[Mention] = []
    numbers = [m for m in lex.NUMBER.finditer(segment) if not _overlaps(m.span(), used)]
    candidates = [m for m in numbers if _is_quantity(segment, m)]
    for index, match in enumerate(candidates):
        end = candidates[index + 1].start() if index + 1 < len(candidates) else len(segment)
        tail = segment[match.end() : end]
        head = segment[: match.start()] if index == 0 else ""
        noun, tail = _counted_noun(segment, match, tail)
        group = _group(head)
        previous = next((m for m in reversed([*before, *found]) if m.kind == "count"), None)
        if noun is None and group and (previous is None or len(group.split()) == 1):
            noun, group = group.split()[0], ""  # "Séances : 12": the lead-in is what is counted
            tail = tail.lstrip()
        if noun is None:
            if previous is None:
                continue
            unit, mode, known = previous.unit, previous.mode, previous.known_unit
            label = "" if group else previous.label
        else:
            following = lex.WORD.findall(tail)[:2]
            unit = _unit(noun)
            mode, known = _mode(unit, following)
            label = " ".join([noun, *_label_words(tail)])
        period, every = _period(tail, years)
        if not period and not every and head:
            period, every = _period(head, years)
        if group:
            label = f"{(label or unit)} ({group})"
        elif label == noun and (context := _context(head)):
            label = f"{label} ({context})"
        label = label or unit
        found.append(
            Mention("count", unit, label[0].upper() + label[1:], mode, read_number(match.group(1)),
                    years=period, every_year=every, group=group, known_unit=known, text=segment)
        )  # fmt: skip
    return found


def _is_quantity(segment: str, match: re.Match) -> bool:
    after = lex.WORD.findall(segment[match.end() :])[:1]
    before = lex.WORD.findall(segment[: match.start()])[-1:]
    if after and (after[0] in ("%", "€", "°") or fold(after[0]) in lex.DURATIONS_AND_AMOUNTS):
        return False
    if before and fold(before[0]) in lex.NOT_A_COUNT_AFTER:
        return False
    if not re.fullmatch(r"(19|20)\d{2}", match.group(1)):
        return True
    # "2021" is a year unless a counted noun follows it ("2000 logements").
    return bool(after and after[0][0].isalpha() and fold(after[0]) not in lex.NOT_A_UNIT)


def _counted_noun(segment: str, match: re.Match, tail: str) -> tuple[str | None, str]:
    """The noun counted after the number, or before it in "les publics (60) entrant…"."""
    words = lex.WORD.findall(tail)
    if words and words[0][0].isalpha() and fold(words[0]) not in lex.NOT_A_UNIT:
        return words[0], tail[tail.index(words[0]) + len(words[0]) :]
    head = segment[: match.start()].rstrip()
    if head.endswith("(") and tail.lstrip().startswith(")"):
        previous = lex.WORD.findall(head[:-1])
        if previous and previous[-1][0].isalpha():
            return previous[-1], tail.lstrip()[1:]
    return None, tail


def _group(head: str) -> str:
    """ "Formation Aller vers" in "Formation Aller vers : 30 professionnels"."""
    match = re.fullmatch(r"\s*([^:\d]{2,60}?)\s*:\s*", head)
    if not match or fold(match.group(1)) in lex.GENERIC_GROUPS:
        return ""
    return match.group(1)


def _context(head: str) -> str:
    """A short lead-in of the segment ("Ateliers suivis par"), without its trailing words."""
    words = lex.WORD.findall(head)
    while words and fold(words[-1]) in lex.TRAILING | lex.LABEL_STOPS:
        words.pop()
    if not 2 <= len(words) <= 6 or not all(w[0].isalpha() for w in words):
        return ""
    return " ".join(words).lower()


def _how_many(segment: str) -> list[Mention]:
    """ "nombre de propriétaires privés" with no number: a count to follow, without a target."""
    match = lex.HOW_MANY.search(segment)
    if not match:
        return []
    noun = match.group("q")
    unit = _unit(noun)
    following = lex.WORD.findall(match.group("rest"))[:1]
    mode, known = _mode(unit, following)
    adjective = [
        w for w in following if w[0].isalpha() and fold(w) not in lex.LABEL_STOPS | lex.TRAILING
    ]
    label = " ".join(["Nombre de", noun, *adjective])
    return [Mention("count", unit, label, mode, None, known_unit=known, text=segment)]
