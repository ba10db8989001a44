"""What people read, on every page of every role at 1440 px: French words, not codes; French
numbers; plurals that agree; Streamlit's own English translated; chart labels never cut.

One tab signs in with each role's demo profile, walks its menu (as test_accessibility.py does,
with its helpers) and reads each page once drawn, its expanders open: the text of the page, the
placeholders and labels of its fields, the cells of its tables and the texts of its charts.
Every page's findings are gathered before failing, so one run names them all; a page with
findings is kept as a screenshot under test-artifacts/reading/ (all pages with
`READING_SCREENSHOTS=1`, to look at them).
"""

from __future__ import annotations

import os
import re

import pytest
from conftest import ARTIFACTS, screenshot_on_failure, wait_until_idle
from test_accessibility import LOGIN_TITLE, PROFILES, heading, show_everything

from lda_dash import storage
from lda_dash.storage import database
from lda_dash.ui.auth import PAGES
from lda_dash.ui.framework_french import WORDS

pytestmark = pytest.mark.browser

WIDTH = 1440
SHOTS = ARTIFACTS / "reading"

# Streamlit's English: the texts ui/framework_french.py translates, and their telltale parts.
FRAMEWORK_ENGLISH = [rf"(?<!\w){re.escape(english)}(?!\w)" for english in WORDS] + [
    r"\d+\s*[KMG]B per file",
    r"\bPress (Ctrl|⌘)?\+?Enter\b",
    r"\bdd\s*/\s*mm\s*/\s*yyyy\b",
    r"\b(Choose|Select|Clear|Browse|Drag and drop|Upload|No results|Running)\b",
]
# Numbers the French way (babel): thousands grouped by a narrow no-break space, a decimal comma.
NUMBER_SLIPS = {
    "décimale avec un point": r"(?<![\w.])\d+\.\d+(?![\w.])",
    "milliers non groupés": r"(?<![\w.,/\u202f\xa0-])\d{5,}(?![\w/])",
    "milliers groupés à l'anglaise": r"(?<![\w.,])\d{1,3}(?:,\d{3}){2,}(?![\d])|\d{1,3},\d{3} ?€",
    "moins zéro": r"(?<![\w,.])[-−]0(?![\d,.])",
    "milliers séparés par une espace ordinaire": r"(?<![\w,])\d{1,3}(?: \d{3})+(?:,\d+)? ?€",
}
# Four digits outside the years a page can name are a number written without grouping.
FOUR_DIGITS = re.compile(r"(?<![\w.,/\u202f\xa0-])(\d{4})(?![\w/])")
YEARS = range(1990, 2100)
PLURAL_SLIPS = {
    "« (s) »": r"\w\((?:e?s|x)\)",
    "pluriel après 0 ou 1": r"(?<![\d,.\u202f\xa0/])\b[01] (?:territoires|lignes|erreurs|chiffres|"
    r"indicateurs|actions|valeurs|trimestres|organisations|comptes|fichiers|diapositives|"
    r"avertissements|anomalies|modifications|partenaires|catégories)\b",
    "singulier après 2 ou plus": r"(?<![\d,.\u202f\xa0/T])\b(?:[2-9]|[1-9]\d+) (?:territoire|ligne|"
    r"erreur|chiffre|indicateur|valeur|organisation|fichier|diapositive|anomalie|modification)\b",
}
GRAMMAR_SLIPS = {
    "article et nom au singulier, adjectif au pluriel": r"\b(?:Le|La|L') \w+ les plus\b",
    "« au aucun »": r"\bau aucun\b",
    "tiret redoublé": r"— —",
    "parenthèses imbriquées": r"\([^()]*\([^()]*\)[^()]*\)",
}
# A formula may nest parentheses: `min(…; max(…))`, `part × (1 − atteinte)`.
FORMULA_SIGNS = ("×", "−", "min(", "max(")
# Snake-case words are codes (annex findings, modes): never shown to the people reading.
SNAKE_CASE = re.compile(r"\b[a-z]+_[a-z_]+\b")
ALLOWED_SNAKE_CASE = {"lda_dash"}  # the app's own name in a command shown to the administrator

READ_PAGE = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    // Material icons are ligatures: their names (`keyboard_arrow_right`) are text nobody reads.
    const iconic = '[data-testid^="stIcon"], [data-testid="stAlertDynamicIcon"], '
        + '.material-symbols-rounded';
    // What to type, shown as code (an amendment line's indicator code): not running text.
    const skipped = new Set([...app.querySelectorAll(iconic + ', code')]
        .map(element => element.textContent.trim()));
    const parts = [app.innerText.split('\\n').filter(line => !skipped.has(line.trim()))
        .join('\\n')];
    for (const element of app.querySelectorAll('[placeholder], [aria-label], [title]')) {
        for (const name of ['placeholder', 'aria-label', 'title']) {
            const value = element.getAttribute(name);
            // A placeholder showing a line to type (`2;CAPT;45`) is an example of code too.
            if (value && !(name === 'placeholder' && /^\\d+;/.test(value))) parts.push(value);
        }
    }
    // st.dataframe draws on a canvas; its accessible table holds the cells' texts. An editable
    // cell (st.data_editor) holds the value to copy, unformatted (`11166`), while the canvas
    // draws it the French way (`11 166`): only read-only cells are read.
    const cells = '[data-testid="stDataFrame"] [role="gridcell"]:not([aria-readonly="false"]), '
        + '[data-testid="stDataFrame"] [role="columnheader"]';
    for (const cell of app.querySelectorAll(cells)) {
        parts.push(cell.textContent);
    }
    return parts.join('\\n');
}"""
CHART_TEXTS = """() => {
    const found = [];
    for (const chart of document.querySelectorAll('[data-testid="stPlotlyChart"]')) {
        const svg = chart.querySelector('.main-svg');
        if (!svg) continue;
        const box = svg.getBoundingClientRect();
        for (const text of chart.querySelectorAll('svg text')) {
            const content = text.textContent.trim();
            if (!content) continue;
            const own = text.getBoundingClientRect();
            const outside = own.width > 0 && (own.left < box.left - 1 || own.right > box.right + 1
                || own.top < box.top - 1 || own.bottom > box.bottom + 1);
            found.push({text: content, cut: content.includes('…') || content.endsWith('...'),
                        outside: outside});
        }
    }
    return found;
}"""


def catalogue_words(database_path) -> tuple[set[str], list[str]]:
    """The indicator codes of the database, and the labels and titles that may hold one of them
    as a word (« Mesures ASLL renforcées » for ASLL): those are read before looking for codes."""
    with database.connect(database_path) as con:
        codes, names = set(), set()
        for convention in storage.conventions(con):
            specs = storage.indicator_specs(con, convention["id"])
            codes |= {code for _, code in specs}
            names |= {spec.label for spec in specs.values()}
            names |= {action["title"] for action in storage.actions(con, convention["id"])}
    return codes, sorted(names, key=len, reverse=True)


def reading_slips(text: str, codes: set[str], names: list[str] = ()) -> list[str]:
    """Every slip of the text, one line each, with the words around it; `names` (labels, titles)
    are taken out before looking for codes."""
    found = []

    def report(kind: str, match: re.Match) -> None:
        start, end = max(0, match.start() - 30), min(len(text), match.end() + 30)
        found.append(f"{kind} : « {text[start:end]} »".replace("\n", " ⏎ "))

    for pattern in FRAMEWORK_ENGLISH:
        for match in re.finditer(pattern, text):
            report("anglais de Streamlit", match)
    if codes:
        named = text
        for name in names:
            named = named.replace(name, "")
        code_pattern = r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(codes))) + r")(?![\w-])"
        for match in re.finditer(code_pattern, named):
            start, end = max(0, match.start() - 30), min(len(named), match.end() + 30)
            found.append(f"code d'indicateur : « {named[start:end]} »".replace("\n", " ⏎ "))
    for match in SNAKE_CASE.finditer(text):
        if match.group() not in ALLOWED_SNAKE_CASE:
            report("code dans le texte", match)
    for groups in (NUMBER_SLIPS, PLURAL_SLIPS, GRAMMAR_SLIPS):
        for kind, pattern in groups.items():
            for match in re.finditer(pattern, text):
                if not any(sign in match.group() for sign in FORMULA_SIGNS):
                    report(kind, match)
    for match in FOUR_DIGITS.finditer(text):
        if int(match.group(1)) not in YEARS:
            report("milliers non groupés", match)
    return found


# Texts drawn cut by CSS (a metric's value ending in « … »): wider than their box.
CUT_BY_CSS = """() => [...document.querySelectorAll(
        '[data-testid="stMetricValue"], [data-testid="stMetricValue"] *,'
        + ' [data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *')]
    .filter(element => element.scrollWidth > element.clientWidth + 1
        && getComputedStyle(element).overflow !== 'visible')
    .map(element => element.textContent.trim())"""


def chart_slips(page) -> list[str]:
    slips = [f"chiffre coupé : « {text} »" for text in page.evaluate(CUT_BY_CSS)]
    for text in page.evaluate(CHART_TEXTS):
        if text["cut"]:
            slips.append(f"libellé coupé dans un graphique : « {text['text']} »")
        elif text["outside"]:
            slips.append(f"libellé hors du graphique : « {text['text']} »")
    return slips


def read(page, name: str, words: tuple[set[str], list[str]]) -> list[str]:
    text = page.evaluate(READ_PAGE)
    slips = list(dict.fromkeys(reading_slips(text, *words) + chart_slips(page)))
    if slips or os.environ.get("READING_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        page.screenshot(path=str(SHOTS / f"{slug}.png"), full_page=True)
    return slips


def walk(page, role: str, codes: set[str]) -> dict[str, list[str]]:
    found = {}
    with screenshot_on_failure(page, f"reading_{role}"):
        page.get_by_role("button", name=re.compile("^" + re.escape(PROFILES[role]))).click()
        specs = [spec for spec in PAGES if role in spec.roles]
        for number, spec in enumerate(specs):
            if number:
                nav = page.locator('[data-testid="stSidebarNav"]')
                nav.get_by_role("link", name=spec.title, exact=True).click()
            wait_until_idle(page, heading(spec))
            show_everything(page, tables_too=False)
            name = f"{role} · {spec.title}"
            found[name] = read(page, name, codes)
            # A tab's content is hidden until chosen: each one is read in turn.
            tabs = page.get_by_role("tab")
            for index in range(1, tabs.count()):
                tabs.nth(index).click()
                wait_until_idle(page)
                show_everything(page, tables_too=False)
                tab = f"{name} · {tabs.nth(index).inner_text().strip()}"
                found[name] += read(page, tab, codes)
        page.get_by_role("button", name="Se déconnecter").click()
        wait_until_idle(page, f"^{re.escape(LOGIN_TITLE)}$")
    return found


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("la valeur de CAPT ne peut pas être négative", "code d'indicateur"),
        ("n° 5 · REPIT_OCC · T4 2022", "code d'indicateur"),
        ("missing_number", "code dans le texte"),
        ("Mode : cumul_annuel", "code dans le texte"),
        ("Montant : 494000.00", "décimale avec un point"),
        ("Décision : 98431 €", "milliers non groupés"),
        ("Aperçu : 1500", "milliers non groupés"),
        ("Solde : -0 €", "moins zéro"),
        ("Axe : 10,000 €", "milliers groupés à l'anglaise"),
        ("1 territoires", "pluriel après 0 ou 1"),
        ("1 erreur sur 1 lignes", "pluriel après 0 ou 1"),
        ("12 chiffre(s)", "« (s) »"),
        ("3 indicateur sans cible", "singulier après 2 ou plus"),
        ("Le territoire les plus en retard d'abord", "article et nom au singulier"),
        ("Données au aucun chiffre saisi", "« au aucun »"),
        ("— — non renseigné", "tiret redoublé"),
        ("Mesures CAPT renforcées", "code d'indicateur"),
        ("(Association Habitat Solidaire (démo))", "parenthèses imbriquées"),
        ("Select all", "anglais de Streamlit"),
        ("200MB per file", "anglais de Streamlit"),
        ("Press Enter to submit form", "anglais de Streamlit"),
    ],
)
def test_the_reader_catches_each_slip_of_the_issue(text, kind):
    assert any(slip.startswith(kind) for slip in reading_slips(text, {"CAPT", "REPIT_OCC"}))


@pytest.mark.parametrize(
    "text",
    [
        "Versement 2022 : 163\u202f099 € · 1 territoire · 2 territoires",
        "T4 2022 · 30/11/2022 à 14:05 · 68,4\u202f% · 1\u202f500 lignes · 0 erreur",
        "n° 5 · Taux d'occupation · T4 2022 · produit (soumis)",
        "Aller au contenu principal · 5 Mo par fichier",
        "Mesures ASLL renforcées : 47",
        "min(versement 2022 163\u202f099 € ; max(35\u202f297 € ; 98\u202f431 €))",
        "base objectifs (part du versement × (1 − atteinte) des actions sous le seuil)",
    ],
)
def test_the_reader_lets_french_pass(text):
    assert reading_slips(text, {"CAPT", "ASLL"}, ["Mesures ASLL renforcées"]) == []


def test_every_page_of_every_role_reads_in_french(app_folder, app_url, browser):
    codes = catalogue_words(app_folder / "demo.duckdb")
    context = browser.new_context(viewport={"width": WIDTH, "height": 900}, locale="fr-FR")
    page = context.new_page()
    try:
        with screenshot_on_failure(page, "reading_login"):
            page.goto(app_url)
            wait_until_idle(page, f"^{re.escape(LOGIN_TITLE)}$")
            found = {"Connexion": read(page, "Connexion", codes)}
        for role in PROFILES:
            found |= walk(page, role, codes)
    finally:
        context.close()
    assert len(found) == 1 + sum(len([s for s in PAGES if r in s.roles]) for r in PROFILES)
    slips = {name: lines for name, lines in found.items() if lines}
    report = "\n".join(f"{name}:\n  " + "\n  ".join(lines[:40]) for name, lines in slips.items())
    assert not slips, f"à relire sur {len(slips)} page(s)\n{report}"
