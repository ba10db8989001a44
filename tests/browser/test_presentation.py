"""The Présentation page on a projector-sized screen (1920×1080), in a real headless Chromium.

Two slides are kept as screenshots under test-artifacts/ for a person to look at.
"""

import re
from pathlib import Path

import pytest
from conftest import (
    ARTIFACTS,
    expect_no_exception,
    screenshot_on_failure,
    sign_in_as,
    sync_api,
    wait_until_idle,
)
from pptx import Presentation

pytestmark = pytest.mark.browser
PROJECTOR = {"width": 1920, "height": 1080}


def counter(page):
    return page.get_by_text(re.compile(r"^Diapositive \d+ / \d+$"))


def settled(page) -> None:
    """Wait for the rerun to finish: a click on a button being redrawn may not count."""
    wait_until_idle(page, timeout=30_000)


def step(page, act, number: int) -> None:
    """Act once the page is still, then wait for slide `number`."""
    settled(page)
    act()
    sync_api.expect(counter(page)).to_have_text(
        re.compile(f"^Diapositive {number} / "), timeout=30_000
    )


def collapse_sidebar(page) -> None:
    """On a projector the menu is folded away, as the page's help tells the presenter to."""
    page.locator('[data-testid="stSidebar"]').hover()
    page.locator('[data-testid="stSidebarCollapseButton"] button').click()
    sync_api.expect(page.get_by_role("button", name="Expand sidebar")).to_be_visible()


def test_slides_on_a_projector_with_keyboard_and_buttons(app_url, browser):
    expect = sync_api.expect
    page = browser.new_page(viewport=PROJECTOR, locale="fr-FR")
    try:
        with screenshot_on_failure(page, "presentation_journey"):
            sign_in_as(page, app_url, "Coordination")
            page.get_by_role("link", name="Présentation").click()
            expect(counter(page)).to_have_text(re.compile("^Diapositive 1 / "), timeout=60_000)
            expect(page.get_by_role("heading", name=re.compile("bilan 2022"))).to_be_visible()
            # The same story as an editable PowerPoint deck, from the menu.
            with page.expect_download(timeout=90_000) as download:
                page.get_by_role("button", name="Télécharger la présentation").click()
            assert download.value.suggested_filename == "presentation-dijon-2021-2022-2022.pptx"
            deck = Presentation(download.value.path())  # python-pptx reads it: a valid deck
            assert len(deck.slides) == 28  # 2022 open: with its forecast slide
            first = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
            assert "2022" in first
            assert any(shape.has_chart for slide in deck.slides for shape in slide.shapes)
            collapse_sidebar(page)

            step(page, lambda: page.get_by_role("button", name="Suivante").click(), 2)
            expect(page.get_by_role("heading", name="L'essentiel de 2022")).to_be_visible()
            expect_no_exception(page)
            ARTIFACTS.mkdir(exist_ok=True)
            page.mouse.move(0, 0)
            page.screenshot(path=str(ARTIFACTS / "presentation_key_figures.png"))

            # The keyboard: → goes on, and the buttons are reachable with Tab.
            page.get_by_role("heading", name="L'essentiel de 2022").click()
            step(page, lambda: page.keyboard.press("ArrowRight"), 3)
            expect(page.get_by_role("heading", name="1. Coordination /animation")).to_be_visible()
            previous = page.get_by_role("button", name="Précédente")
            settled(page)
            previous.focus()
            expect(previous).to_be_focused()
            step(page, lambda: page.keyboard.press("Enter"), 2)

            for number in (3, 4, 5, 6):  # 6: action 2, after the second category
                step(page, lambda: page.get_by_role("button", name="Suivante").click(), number)
            expect(
                page.get_by_role("heading", name="n° 2 · Poste de captation des logements privés")
            ).to_be_visible()
            expect(page.locator(".js-plotly-plot").first).to_be_visible()
            expect(page.get_by_text("atteint").first).to_be_visible()
            expect_no_exception(page)
            page.mouse.move(0, 0)
            page.wait_for_timeout(500)  # the chart's entrance transition
            page.screenshot(path=str(ARTIFACTS / "presentation_action.png"))

            # The chart as a PNG, drawn on the server when asked for.
            with page.expect_download(timeout=90_000) as download:
                page.get_by_role("button", name="Télécharger l'image (PNG)").click()
            assert download.value.suggested_filename == "action-2-2022.png"
            assert Path(download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        page.close()
