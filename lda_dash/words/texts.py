"""French wording shared by the report writers: titles, references, the clawback rule in words."""

from __future__ import annotations

import re
from collections import Counter
from fractions import Fraction

from lda_dash import fmt
from lda_dash.domain.model import SPENDING_CODE, STATUS_LABELS, STATUS_ORDER, Mode
from lda_dash.domain.year_report import ExecutionReportData
from lda_dash.words.glossary import FIGURE_STATUS_WORDS, MODE_SHORT_LABELS

MODE_SHORT = MODE_SHORT_LABELS  # the glossary's words (words/glossary.py)
VALIDATED_ONLY = "Seuls les chiffres validés par la coordination sont comptés."
NOT_IN_IPTT = "Les dépenses sur crédits AMI figurent dans la partie Finances."


def report_title(year: int) -> str:
    return f"Rapport d'exécution {year}"


def references(data: ExecutionReportData) -> list[tuple[str, str]]:
    """The convention's budget references (programme 177, CHORUS); never any bank details."""
    c = data.convention
    chorus = c["chorus_activity"] or fmt.DASH
    if c.get("chorus_activity_label"):
        chorus += f" ({c['chorus_activity_label']})"
    found = [
        ("Convention", c["title"]),
        ("Collectivité", c["territory_name"]),
        ("Programme", f"{c['programme']} « {c['programme_label']} »"),
        ("Code activité CHORUS", chorus),
        ("Domaine fonctionnel", c["functional_domain"] or fmt.DASH),
        ("Activité de programmation", c["programming_activity"] or fmt.DASH),
    ]
    if data.amendment_source:  # which amendment the year's targets, payment... come from
        for part in data.amendment_source.split(" ; "):  # « Cibles et versement : Avenant… »
            what, _, source = part.partition(" : ")
            found.append((sentence(what), source))
    return found


def payments_line(data: ExecutionReportData) -> str:
    """`494 000 € (2021), 163 099 € (2022)`."""
    return ", ".join(f"{fmt.money(amount)} ({year})" for year, amount in data.payments.items())


def validated_on(data: ExecutionReportData) -> str:
    """« chiffres validés, données au 10/10/2022 »: the data date (last change of the figures) is
    the one « données au » of every page, slide and report (services/calendar.py)."""
    if data.data_date is None:
        return "chiffres validés, aucun chiffre saisi pour l'instant"
    return f"chiffres validés, données au {fmt.day(data.data_date)}"


def indicator_rows(data: ExecutionReportData):
    """The IPTT rows: every indicator of the catalogue but the spending, in catalogue order."""
    return [row for row in data.progress.rows if row.spec.code != SPENDING_CODE]


def status_counts(data: ExecutionReportData) -> list[tuple[str, int]]:
    """How many indicators have each status, in a fixed reading order (absent ones left out)."""
    counts = Counter(row.status for row in indicator_rows(data))
    return [(STATUS_LABELS[s], counts[s]) for s in STATUS_ORDER if counts[s]]


def threshold_words(threshold: Fraction) -> str:
    if threshold == 1:
        return "100 % (strictement proportionnel)"
    return fmt.percent(threshold, 1 if (threshold * 100).denominator != 1 else 0)


def clawback_rule(data: ExecutionReportData) -> list[str]:
    """The rule of DOMAIN.md section 8 in plain French, with this year's threshold and payment."""
    year = data.year
    payment = data.payments.get(year)
    cap = fmt.money(payment) if payment is not None else "le versement de l'année"
    return [
        f"Seuil retenu : {threshold_words(data.threshold)}. Le montant calculé ici n'est qu'une "
        "proposition : la préfecture décide du montant à reverser (article 4 de la convention) "
        "et sa décision, motivée, est enregistrée avec sa date et son auteur.",
        "Base objectifs, pour chaque action : si son atteinte (arrondie à 4 décimales) est "
        "inférieure au seuil, la part du versement répartie sur l'action multipliée par "
        "(1 − atteinte) ; sinon 0. Une action sans atteinte compte 0. Chaque montant est arrondi "
        "à l'euro, la base objectifs est la somme de ces montants arrondis.",
        "Le seuil est une tolérance : à partir du seuil, rien n'est proposé ; en dessous, "
        "tout l'écart entre l'atteinte et 100 % compte.",
        f"Base non-consommation, pour la convention : versements cumulés jusqu'en {year} − "
        f"dépenses AMI validées cumulées jusqu'en {year} − reversements déjà décidés pour les "
        "années précédentes, si ce montant est positif ; sans objet si aucune dépense n'a été "
        "déclarée.",
        f"Montant proposé : la plus grande des deux bases, sans dépasser le versement {year} "
        f"({cap}).",
    ]


def unspent_text(proposal) -> str:
    if proposal.unspent_base is None:
        return "sans objet (aucune dépense AMI validée)"
    return fmt.money(proposal.unspent_base)


def sentence(text: str) -> str:
    """A reason shown on its own starts with a capital letter."""
    return text[:1].upper() + text[1:]


def quantity(value, unit: str) -> str:
    """`40 logements`, `1 appartement`: French takes the singular below 2."""
    if value is None:
        return fmt.DASH
    if value < 2 and unit.endswith("s") and unit.isalpha():
        unit = unit[:-1]
    return f"{fmt.number(value)} {unit}"


def milestone(spec, value, *, target: bool = False):
    """A milestone in words (« produit », « non produit », « à produire » for a target); any other
    indicator's value as it is, for the caller to format."""
    if spec.mode is not Mode.JALON or value is None:
        return value
    if target:
        return "à produire" if value else "non attendu"
    return "produit" if value >= 1 else "non produit"


def yes_no(flag: bool) -> str:
    return "oui" if flag else "non"


HISTORY_ENTITIES = {
    "figure": "chiffre",
    "target": "cible",
    "weight": "poids",
    "label": "libellé",
    "allocation": "répartition",
    "decision": "décision",
    "lock": "verrouillage",
    "setting": "paramètre",
    "account": "compte",
    "amendment": "avenant",
    "evidence": "pièce justificative",
    "organisation": "organisation",
    "assignment": "affectation",
}
_STATUS_SUFFIX = re.compile(r"\((draft|submitted|validated|returned)\)")


def history_value(text: str | None) -> str | None:
    """Stored history text in French: `30 (validated)` → `30 (validé)`."""
    if text is None:
        return None
    return _STATUS_SUFFIX.sub(lambda m: f"({FIGURE_STATUS_WORDS[m.group(1)]})", text)


def history_entity(entity: str) -> str:
    return HISTORY_ENTITIES.get(entity, entity)
