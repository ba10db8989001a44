"""axe-core, the accessibility engine, on every page of the app for every role that reaches it,
and on the login page (RGAA, which follows WCAG 2.1 AA): no serious or critical violation.

One tab signs in with each role's demo profile in turn, walks its menu and signs out; each page
is audited once drawn, its expanders open (and on the dashboard, its chart's data table shown).
Every page's violations are gathered before failing, so one run names them all; a page with
violations is kept as a screenshot under test-artifacts/. What axe checks, and what it cannot:
docs/accessibility.md.
"""

from __future__ import annotations

import re

import pytest
from conftest import ARTIFACTS, screenshot_on_failure, wait_until_idle

from lda_dash.ui.auth import PAGES, home_page_title
from lda_dash.ui.chart_table import DATA_LABEL

pytestmark = pytest.mark.browser
axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright")

PROFILES = {  # the first demo profile of each role on the login page
    "partenaire": "Partenaire · Camille",
    "coordination": "Coordination ·",
    "prefecture": "Préfecture ·",
    "admin": "Administration ·",
}
BLOCKING = ("serious", "critical")
TABLES_SHOWN_ON = ("coordination", "tableau-de-bord")
LOGIN_TITLE = "LDA Dash · Connexion"
# Violations of Streamlit's own markup we cannot change: (rule, CSS selector, why). None so far;
# an entry here must also be explained in docs/accessibility.md.
EXCLUDED: tuple[tuple[str, str, str], ...] = ()


def heading(spec) -> str:
    """What tells the page has replaced the previous one: its title, or a slide's counter."""
    if spec.url_path == "presentation":
        return r"^Diapositive 1 / \d+$"
    return "^" + re.escape(spec.title)


def show_everything(page, tables_too: bool) -> None:
    """Open the expanders, and with `tables_too` turn on the charts' data tables (with the
    keyboard), so that axe sees their content. The tables are the same markup under every chart
    and each costs a rerun: they are shown on one page only."""
    page.evaluate("document.querySelectorAll('[data-testid=stExpander] details')"
                  ".forEach(details => { details.open = true; })")  # fmt: skip
    if not tables_too:
        return
    switches = page.get_by_role("switch", name=DATA_LABEL)
    count = switches.count()
    assert count, "no « Données du graphique » switch on the page"
    for index in range(count):
        switches.nth(index).focus()
        page.keyboard.press("Space")
    page.wait_for_function(
        "count => document.querySelectorAll('table[aria-label^=\"Données du graphique\"]').length"
        " === count",
        arg=count,
        polling="raf",
        timeout=30_000,
    )
    wait_until_idle(page)


def blocking_violations(page) -> list[str]:
    """Serious and critical violations, one line per rule with the elements it names."""
    results = axe_sync.Axe().run(page).response
    lines = []
    for violation in results["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        targets = [
            " ".join(node["target"])
            for node in violation["nodes"]
            if not any(
                rule == violation["id"] and selector in " ".join(node["target"])
                for rule, selector, _ in EXCLUDED
            )
        ]
        if targets:
            lines.append(
                f"{violation['id']} ({violation['impact']}): {violation['help']} — "
                + " | ".join(targets[:5])
            )
    return lines


def audit(page, name: str) -> list[str]:
    """The page's blocking violations; a page with some is kept as a screenshot."""
    violations = blocking_violations(page)
    if violations:
        ARTIFACTS.mkdir(exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        page.screenshot(path=str(ARTIFACTS / f"axe-{slug}.png"), full_page=True)
    return violations


def walk(page, role: str) -> dict[str, list[str]]:
    """From the login page, sign in with the role's demo profile, audit each page of its menu
    in its order, then sign out."""
    found = {}
    with screenshot_on_failure(page, f"accessibility_{role}"):
        page.get_by_role("button", name=re.compile("^" + re.escape(PROFILES[role]))).click()
        specs = [spec for spec in PAGES if role in spec.roles]
        assert specs[0].title == home_page_title(role)
        for number, spec in enumerate(specs):
            if number:  # the first page is the one sign-in opens on
                nav = page.locator('[data-testid="stSidebarNav"]')
                nav.get_by_role("link", name=spec.title, exact=True).click()
            wait_until_idle(page, heading(spec))
            show_everything(page, tables_too=(role, spec.url_path) == TABLES_SHOWN_ON)
            name = f"{role} · {spec.title}"
            found[name] = audit(page, name)
        page.get_by_role("button", name="Se déconnecter").click()
        wait_until_idle(page, f"^{re.escape(LOGIN_TITLE)}$")
    return found


def test_no_serious_or_critical_violation_on_any_page_for_any_role(app_url, browser):
    # One tab for every role, signing out in between: the app's scripts load once.
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="fr-FR")
    page = context.new_page()
    try:
        with screenshot_on_failure(page, "accessibility_login"):
            page.goto(app_url)
            wait_until_idle(page, f"^{re.escape(LOGIN_TITLE)}$")
            audited = {"Connexion": audit(page, "Connexion")}
        for role in PROFILES:
            audited |= walk(page, role)
    finally:
        context.close()

    assert len(audited) == 1 + sum(len([s for s in PAGES if r in s.roles]) for r in PROFILES)
    found = {name: violations for name, violations in audited.items() if violations}
    report = "\n".join(
        f"{name}:\n  " + "\n  ".join(violations) for name, violations in found.items()
    )
    assert not found, f"axe-core: serious or critical violations on {len(found)} page(s)\n{report}"
