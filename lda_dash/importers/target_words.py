"""Words and patterns the target extraction reads: numbers, rates, milestones, periods, nouns.

Kept apart from the parsing so that a new wording is one line here (issue 5, item 3). Word sets
hold folded forms: lower case, no accents, straight apostrophes.
"""

from __future__ import annotations

import re

N = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[,.]\d+)?|\d+(?:[,.]\d+)?"
NUMBER = re.compile(rf"(?<![\w,.])({N})(?!\d)")
SEGMENT_BREAK = re.compile(r"\s*(?:;|\n|•|\.(?=\s|$))\s*")
WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+|[^\w\s]")
QUALIFIER = r"[^\W\d_][\w'’ -]*?"

# Rates: "passer de 25 % de réponses à 75 %", "taux d'occupation de 80 %", "75 % de réponses".
RATE_FROM_TO = re.compile(
    rf"\bde\s+(?P<base>{N})\s*%?(?:\s+(?:de\s+|des\s+|d['’])(?P<q1>{QUALIFIER}))?\s+"
    rf"(?:à|a|vers)\s+(?P<target>{N})\s*%(?:\s+(?:de\s+|des\s+|d['’])(?P<q2>[^\W\d_]+))?",
    re.IGNORECASE,
)
RATE_NAMED = re.compile(
    rf"\btaux\s+(?:de\s+|d['’])(?P<q>{QUALIFIER})\s*(?:de|:|≥|>=|>|à|d'au moins|"
    rf"supérieur à|au moins|atteignant)?\s*(?P<target>{N})\s*%",
    re.IGNORECASE,
)
RATE_OF = re.compile(
    rf"(?<![\w,.])(?P<target>{N})\s*%\s+(?:de\s+|des\s+|d['’])"
    r"(?P<q>[^\W\d_]+(?:\s+[^\W\d_]+)?)",
    re.IGNORECASE,
)
RATE_BARE = re.compile(r"\btaux\s+(?:de\s+|d['’])(?P<q>[^\W\d_]+)", re.IGNORECASE)
HOW_MANY = re.compile(r"\bnombre\s+(?:de\s+|d['’])(?P<q>[^\W\d_]+)(?P<rest>.*)", re.IGNORECASE)

# Milestones: "bilan annuel", "bilans annuels d'activité", "document d'évaluation annuel".
MILESTONE = re.compile(
    r"\b(?P<noun>bilans?|rapports?|comptes?[- ]rendus?|documents?\s+d['’]évaluation|"
    r"évaluations?\s+annuelles?)\b(?P<rest>(?:\s+(?:annuel(?:le)?s?|d['’]activité|"
    r"quantitatifs?|qualitatifs?|final|finaux|intermédiaires?)\b)*)",
    re.IGNORECASE,
)
# (start of the folded noun, code, whether the noun alone is enough: "en rapport avec" is not).
MILESTONE_CODES = (
    ("bilan", "BILAN", True),
    ("rapport", "RAPPORT", False),
    ("compte", "COMPTE_RENDU", False),
    ("document", "EVALUATION", True),
    ("evaluation", "EVALUATION", True),
)

# Period words: the year a quantity is for, or "each year".
YEAR = re.compile(r"(?<![\d,.])(20\d{2})(?![\d,.]\d)")
YEAR_INDEX = re.compile(r"\bann[ée]e\s*(\d)\b", re.IGNORECASE)
MONTHS = re.compile(r"\bà\s+(\d{1,2})\s+mois\b", re.IGNORECASE)
EVERY_YEAR = re.compile(
    r"/\s*an\b|\bpar\s+an(?:née)?\b|\bchaque\s+année\b|\bannuel(?:le)?s?\b|\bannuellement\b",
    re.IGNORECASE,
)

# A number followed by one of these is a duration, an amount or an ordinal, not a target.
DURATIONS_AND_AMOUNTS = {
    "an", "ans", "annee", "annees", "mois", "semaine", "semaines", "jour", "jours", "heure",
    "heures", "h", "min", "minutes", "mn", "euro", "euros", "eur", "k", "m", "etp", "fois", "e",
    "er", "eme",
}  # fmt: skip
NOT_A_UNIT = DURATIONS_AND_AMOUNTS | {
    "et", "ou", "a", "en", "par", "sur", "pour", "au", "aux", "de", "des", "du", "d", "l", "la",
    "le", "les", "entre", "dont", "soit",
}  # fmt: skip
# A number preceded by one of these is a reference ("article 2", "phase 1"), not a target.
NOT_A_COUNT_AFTER = {
    "n", "no", "article", "action", "axe", "phase", "etape", "annee", "trimestre", "semestre",
    "niveau", "lot", "programme", "priorite", "categorie",
}  # fmt: skip
LABEL_STOPS = {
    "par", "pour", "afin", "avant", "apres", "dans", "sur", "soit", "chaque", "au", "aux",
    "contre", "dont", "avec", "lors", "via", "selon", "entre", "et", "ou", "d'ici",
}  # fmt: skip
TRAILING = {
    "de", "des", "du", "d", "la", "le", "les", "l", "a", "en", "et", "un", "une", "leur",
    "leurs", "au", "moins", "plus", "environ", "pres", "jusqu'a", "minimum",
}  # fmt: skip
GENERIC_GROUPS = {"indicateur", "indicateurs", "objectif", "objectifs", "cible", "cibles"}

# Nouns of people and measures: distinct beneficiaries counted since 1 January (cumul_annuel).
PEOPLE = {
    "personnes", "menages", "familles", "jeunes", "professionnels", "beneficiaires",
    "participants", "mesures", "accompagnements", "proprietaires", "bailleurs", "locataires",
    "salaries", "intervenants", "partenaires", "stagiaires", "femmes", "hommes", "enfants",
}  # fmt: skip
# Nouns of places: a level at the end of the quarter (stock).
PLACES = {"appartements", "places", "lits", "chambres", "pensions", "residences"}
# Words that make a count of housing a level rather than a flow: "logements gérés".
LEVEL_WORDS = {
    "geres", "gerees", "gere", "geree", "disponible", "disponibles", "occupes", "occupees",
    "ouverts", "ouvertes", "existants", "actifs", "loues",
}  # fmt: skip
FLOWS = {
    "logements", "visites", "diagnostics", "colloques", "ateliers", "reunions", "formations",
    "sessions", "enquetes", "contrats", "relogements", "entretiens", "orientations", "sorties",
    "evaluations", "interventions", "signalements", "permanences", "seances", "rencontres",
    "demandes", "dossiers", "journees", "evenements", "comites", "captations", "baux",
}  # fmt: skip
PERSONS = {"personnes", "publics", "usagers", "beneficiaires"}
# "à" followed by an infinitive ends a label: "publics entrant en logement à connaître…".
VERB_ENDINGS = ("er", "ir", "re", "oir")
