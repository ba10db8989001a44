"""A partner reports a quarter with the keyboard only, in a real headless Chromium: Tab reaches
each field in reading order, values are typed, Enter submits and confirms, and the figures are
stored as submitted."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from conftest import (
    expect_no_exception,
    screenshot_on_failure,
    sign_in_as,
    sync_api,
    wait_until_idle,
)

from lda_dash import storage
from lda_dash.storage import database

pytestmark = pytest.mark.browser

CCAS_ACTIONS = {6, 7, 8, 9}  # entrusted to the CCAS by the demo data
SPENDING = "Dépenses réalisées sur crédits AMI (€)"
RATE = "Taux de réponse des ménages"
COMMENT = "Commentaire"
# Every Tab stop of the form, in order, and what the partner types there (None: nothing).
FORM = (
    ("Diagnostics avant commandement de quitter les lieux", "12"),
    (COMMENT, None),
    (SPENDING, "1 250,50"),
    (COMMENT, None),
    ("Mesures ASLL renforcées exercées", "30"),
    (COMMENT, None),
    (SPENDING, "2 000"),
    (COMMENT, None),
    ("Visites à domicile (enquêtes sociales)", "60"),
    (COMMENT, None),
    (f"{RATE} : numérateur", "45"),
    (f"{RATE} : dénominateur", "60"),
    (COMMENT, None),
    (SPENDING, "900"),
    (COMMENT, None),
    ("Produit", " "),  # the first choice of the milestone, chosen with Space
    (COMMENT, None),
    (SPENDING, "300"),
    (COMMENT, None),
    ("Enregistrer le brouillon", None),
    ("Soumettre le trimestre", None),
)
FOCUSED = """() => {
    const element = document.activeElement;
    if (element.tagName === 'MAIN') return 'main';
    const label = element.getAttribute('aria-label')
        || (element.labels && element.labels.length ? element.labels[0].innerText : '')
        || element.innerText || '';
    return label.split('\\n').map(line => line.trim()).filter(Boolean).pop() || '';
}"""


def focused(page) -> str:
    """The name of what has the focus: its label, its last line of text (after an icon's name)."""
    return page.evaluate(FOCUSED)


def tab(page) -> str:
    page.keyboard.press("Tab")
    return focused(page)


def stored(path, year: int, quarter: int) -> dict:
    with database.connect(path) as con:
        return {
            (r["action"], r["code"]): r
            for r in storage.figure_records(con, "dijon-2021-2022")
            if (r["year"], r["quarter"]) == (year, quarter) and r["action"] in CCAS_ACTIONS
        }


def test_a_partner_fills_and_submits_the_quarter_with_the_keyboard_only(
    app_url, app_folder, browser
):
    expect = sync_api.expect
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    try:
        with screenshot_on_failure(page, "keyboard_entry"):
            sign_in_as(page, app_url, "Partenaire · Nadia")
            wait_until_idle(page, "^Saisie trimestrielle$")
            period = page.locator("strong").filter(has_text=re.compile(r"^T\d \d{4}$")).first
            quarter, year = (int(n) for n in re.findall(r"\d+", period.inner_text()))
            assert stored(app_folder / "demo.duckdb", year, quarter) == {}

            # From the top of the page: the menu, the period, the tabs, then the first field.
            page.get_by_role("link", name="Aller au contenu principal").focus()  # the page's first
            path = [tab(page)]
            while path[-1] != FORM[0][0]:
                assert len(path) < 20, f"the first field is out of reach with Tab: {path}"
                path.append(tab(page))
            menu = ["Saisie trimestrielle", "Tableau de bord", "Fiche action", "Mon compte",
                    "Se déconnecter"]  # fmt: skip
            inbox = [name for name in path if name == "ouvrir"]  # the inbox's links, if any
            assert path == [*menu, "main", *inbox, "Année", f"T{quarter}", "Formulaire",
                            FORM[0][0]]  # fmt: skip
            for number, (label, typed) in enumerate(FORM):
                name = focused(page) if number == 0 else tab(page)
                assert name == label, f"Tab stop {number + 1}: {name!r}, expected {label!r}"
                if typed == " ":
                    page.keyboard.press("Space")
                elif typed:
                    page.keyboard.type(typed)

            page.keyboard.press("Enter")  # on « Soumettre le trimestre »
            confirm = page.get_by_role("button", name="Confirmer la soumission")
            expect(confirm).to_be_visible(timeout=30_000)
            assert tab(page) == "Confirmer la soumission"  # next in order, under the form
            page.keyboard.press("Enter")
            expect(page.get_by_text(f"Trimestre T{quarter} {year} soumis").first).to_be_visible(
                timeout=30_000
            )
            expect_no_exception(page)
    finally:
        context.close()
    figures = stored(app_folder / "demo.duckdb", year, quarter)
    assert len(figures) == 9
    assert {f["status"] for f in figures.values()} == {"submitted"}
    assert figures[(6, "DEP_AMI")]["value"] == Decimal("1250.50")
    assert (figures[(8, "TX_REP")]["numerator"], figures[(8, "TX_REP")]["denominator"]) == (45, 60)
