"""Indicators proposed from an annex row, by reading the quantified targets its texts state.

Issue 5, item 3: when another territory loads its convention, the product proposes indicators
for the coordinator to confirm or correct. The columns read are, in annex order, « Objectif de
l'action », « Résultats attendus et indicateurs » and « Objectifs et livrables prévisionnels »;
each is cut into segments at `;`, `.` and line breaks. In each segment:

- a rate: "passer de 25 % de réponses à 75 %" (baseline 25, target 75), "taux d'occupation de
  80 %", "75 % de réponses", or "taux d'occupation" with no number (a rate tracked without target);
- a milestone (jalon, target 1): "bilan(s) annuel(s)", "rapport annuel / d'activité",
  "document d'évaluation (annuel)", "évaluation annuelle"; a bare "bilan" too; "final" means the
  last year only;
- a count: a number followed by a noun ("40 logements", "1 200 logements", "12,5 visites"), or a
  noun followed by a number in brackets ("les publics (60)"). A number with no noun takes the noun
  of the count before it ("Formation Place des usagers : 30" after "… : 30 professionnels").
  Durations, amounts and ordinals ("2 ans", "12 mois", "66 000 €", "1er"), years ("2021") and
  references ("article 2") are not counts. A "Name : N unit" lead-in names the count
  ("Formation Aller vers");
- with no number at all, "nombre de propriétaires" is a count to follow without a target.

Modes (DOMAIN.md section 4), from the counted noun and the word after it:
- taux for rates; jalon for milestones;
- stock for places (appartements, places, lits…) and for a count followed by a level word
  ("logements gérés", "disponibles", "occupés", "en gestion"): the level held at a date;
- cumul_annuel for people and measures (personnes, publics, ménages, professionnels, mesures…):
  distinct beneficiaries since 1 January;
- somme otherwise (logements captés, visites, diagnostics…): events that add up.

Years: "en 2021" is that year; "année 2" and "à 12 mois" / "à 24 mois" the annex's year 1 or 2;
"/an", "par an", "chaque année", "annuel" every year; no period at all also means every year, since
the annex budgets each action over 12 months. A year named explicitly wins over "every year". A
stock target carries over to the following years that have none ("1 appartement en 2021").

Mentions of the same thing (same unit, mode and lead-in; same rate; same milestone) in several
columns make one indicator. Milestones are proposed only for actions without any quantified
target: next to a count, a report adds nothing to measure and would dilute the action's
attainment (DOMAIN.md section 6), as in the reviewed Dijon catalogue. DEP_AMI (€, somme, no
target) is always proposed for every action, like the Dijon catalogue.

Confidence: "haute" when every noun is a known one and a period is written; "moyenne" when the
period is inferred or the noun unknown; "basse" when no number was found or two numbers disagree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from lda_dash.domain.annex_table import COLUMNS_BY_FIELD, AnnexRow, AnnexTable
from lda_dash.domain.model import SPENDING_CODE, IndicatorSpec, Mode
from lda_dash.importers.quantity_phrases import Mention, fold, mentions

SOURCE_FIELDS = ("objective", "expected_results", "deliverables")
CONFIDENCES = ("haute", "moyenne", "basse")
SPENDING_LABEL = "Dépenses réalisées sur crédits AMI"
_CODE_LENGTH = 20
_GROUP_SMALL_WORDS = {"de", "des", "du", "d", "la", "le", "les", "l", "et", "a", "en", "au"}


@dataclass(frozen=True)
class ProposedIndicator:
    """An indicator read from the annex, waiting for the coordinator's confirmation."""

    action: int
    code: str
    label: str
    unit: str
    mode: Mode
    baseline: Decimal | None
    targets: dict[int, Decimal | None] = field(default_factory=dict)
    source_column: str = ""
    source_text: str = ""
    confidence: str = "moyenne"

    def to_spec(self) -> IndicatorSpec:
        return IndicatorSpec(
            action=self.action,
            code=self.code,
            label=self.label,
            unit=self.unit,
            mode=self.mode,
            baseline=self.baseline,
            targets=dict(self.targets),
        )

    def to_json(self) -> dict[str, object]:
        return {
            "action": self.action,
            "code": self.code,
            "label": self.label,
            "unit": self.unit,
            "mode": self.mode.value,
            "baseline": _json_number(self.baseline),
            "targets": {str(year): _json_number(value) for year, value in self.targets.items()},
            "source_column": self.source_column,
            "source_text": self.source_text,
            "confidence": self.confidence,
        }


def propose_for_annex(table: AnnexTable, years: Sequence[int]) -> list[ProposedIndicator]:
    """The proposals of every action row, in action order."""
    return [proposal for row in table.rows for proposal in propose_indicators(row, years)]


def propose_indicators(row: AnnexRow, years: Sequence[int]) -> list[ProposedIndicator]:
    """The indicators an action's texts state, then DEP_AMI; codes are unique in the action."""
    groups: dict[tuple, list[tuple[str, Mention]]] = {}
    for source in SOURCE_FIELDS:
        for mention in mentions(row.text(source), years):
            groups.setdefault(_key(mention), []).append((source, mention))
    merged = [(_merge(row.row, found, years), found[0][1]) for found in groups.values()]
    if any(p.mode is not Mode.JALON and _has_target(p) for p, _ in merged):
        merged = [(p, m) for p, m in merged if p.mode is not Mode.JALON]
    return [*_with_codes(merged), spending_indicator(row.row, years)]


def spending_indicator(action: int, years: Sequence[int]) -> ProposedIndicator:
    """DEP_AMI: what the action spent from the State grant, tracked without a target."""
    return ProposedIndicator(
        action=action,
        code=SPENDING_CODE,
        label=SPENDING_LABEL,
        unit="€",
        mode=Mode.SOMME,
        baseline=None,
        targets=dict.fromkeys(years),
        source_column="(toutes les actions)",
        confidence="haute",
    )


def _key(mention: Mention) -> tuple:
    if mention.kind == "count":
        return ("count", fold(mention.unit), mention.mode, mention.group)
    return (mention.kind, mention.code_hint)


def _has_target(proposal: ProposedIndicator) -> bool:
    return any(value is not None for value in proposal.targets.values())


def _merge(action: int, found: list[tuple[str, Mention]], years: Sequence[int]):
    """One indicator from the mentions of the same thing; the longest label is the most telling."""
    first = found[0][1]
    targets, conflict = _targets(first.mode, [m for _, m in found], years)
    explicit = any(m.years or m.every_year for _, m in found)
    known = all(m.known_unit for _, m in found)
    if conflict or not any(v is not None for v in targets.values()):
        confidence = "basse"
    else:
        confidence = "haute" if explicit and known else "moyenne"
    sources = list(dict.fromkeys(COLUMNS_BY_FIELD[source].label for source, _ in found))
    texts = list(dict.fromkeys(m.text for _, m in found))
    return ProposedIndicator(
        action=action,
        code="",
        label=max((m.label for _, m in found), key=len),
        unit=first.unit,
        mode=first.mode,
        baseline=next((m.baseline for _, m in found if m.baseline is not None), None),
        targets=targets,
        source_column=" + ".join(sources),
        source_text=" | ".join(texts),
        confidence=confidence,
    )


def _targets(
    mode: Mode, found: list[Mention], years: Sequence[int]
) -> tuple[dict[int, Decimal | None], bool]:
    """Target per year: a named year first, else "every year", else the unqualified value."""
    explicit: dict[int, Decimal] = {}
    every: list[Decimal] = []
    plain: list[Decimal] = []
    conflict = False
    for mention in found:
        if mention.value is None:
            continue
        for year in mention.years:
            conflict |= explicit.setdefault(year, mention.value) != mention.value
        if not mention.years:
            (every if mention.every_year else plain).append(mention.value)
    conflict |= len(set(every)) > 1 or len(set(plain)) > 1
    fallback = (every or plain or [None])[0]
    targets = {year: explicit.get(year, fallback) for year in years}
    targets |= {year: value for year, value in explicit.items() if year not in targets}
    if mode is Mode.STOCK:
        previous = None
        for year in sorted(targets):
            targets[year] = previous = targets[year] if targets[year] is not None else previous
    return dict(sorted(targets.items())), conflict


def _with_codes(merged: list[tuple[ProposedIndicator, Mention]]) -> list[ProposedIndicator]:
    """Short stable codes from what is counted: LOGEMENTS, TAUX_REPONSES, BILAN, PROFESSIONNELS_AV.

    A second count of the same noun takes the next word of its label ("LOGEMENTS_GERES"), then
    a number.
    """
    initials = _group_initials([m for _, m in merged if m.group])
    taken = {SPENDING_CODE}
    coded = []
    for proposal, mention in merged:
        code = _base_code(mention, initials.get(mention.group, ""))
        if code in taken:
            next_word = re.findall(r"[^\W\d_]+", proposal.label)[1:2]
            code = f"{code}_{_slug(next_word[0])[:8]}" if next_word else code
        base, number = code, 2
        while code in taken:
            code, number = f"{base}_{number}", number + 1
        taken.add(code)
        coded.append(replace(proposal, code=code))
    return coded


def _base_code(mention: Mention, initials: str) -> str:
    if mention.kind == "milestone":
        return mention.code_hint
    if mention.kind == "rate":
        return f"TAUX_{_slug(mention.code_hint)}"[:_CODE_LENGTH] if mention.code_hint else "TAUX"
    base = _slug(mention.unit)[:_CODE_LENGTH]
    return f"{base}_{initials}" if initials else base


def _group_initials(grouped: list[Mention]) -> dict[str, str]:
    """Initials of the words that tell lead-ins apart: "Formation Aller vers" → "AV"."""
    words = {m.group: re.findall(r"[^\W\d_]+", m.group) for m in grouped}
    common = 0
    if len(words) > 1:
        lists = list(words.values())
        while (
            all(len(w) > common + 1 for w in lists) and len({fold(w[common]) for w in lists}) == 1
        ):
            common += 1
    return {
        group: "".join(w[0].upper() for w in ws[common:] if fold(w) not in _GROUP_SMALL_WORDS)
        for group, ws in words.items()
    }


def _slug(text: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", fold(text).upper()).strip("_")


def _json_number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
