"""Streamlit's own English, put in French by ui/framework_french.py: each English text it knows
is still the one the installed Streamlit writes (else an upgrade brought new wording, and the
English would come back unnoticed), and the script carries every translation.
The browser walk (tests/browser/test_reading.py) reads every page for English left over."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import streamlit

from lda_dash.ui.framework_french import ATTRIBUTES, PATTERNS, WORDS, script

BUNDLE = Path(streamlit.__file__).parent / "static" / "static" / "js"
# Texts Streamlit builds from parts, or that belong to the browser's date field, not to a literal.
BUILT = {
    "Press Enter to submit form", "Press Ctrl+Enter to submit form",
    "Press ⌘+Enter to submit form", "Press Enter to apply", "Press Ctrl+Enter to apply",
    "Press ⌘+Enter to apply", "dd", "yyyy", "Drag and drop file here",
}  # fmt: skip
PARTS = ("Press ", "Enter to ", "submit form", " per file", "Choose date", "Help for ",
         "File must be ", " or smaller.", " files are not allowed.")  # fmt: skip


@pytest.fixture(scope="module")
def bundle() -> str:
    return "\n".join(path.read_text(errors="ignore") for path in BUNDLE.glob("*.js"))


@pytest.mark.parametrize("english", sorted(set(WORDS) - BUILT))
def test_each_english_text_is_still_written_by_streamlit(bundle, english):
    assert f"`{english}`" in bundle or f'"{english}"' in bundle, (
        f"Streamlit {streamlit.__version__} no longer writes « {english} »: look for its new "
        "wording in the bundle and update lda_dash/ui/framework_french.py"
    )


@pytest.mark.parametrize("part", PARTS)
def test_the_texts_built_from_parts_still_have_their_parts(bundle, part):
    assert part in bundle


@pytest.mark.parametrize(
    ("english", "french"),
    [
        ("200MB per file", "200 Mo par fichier"),
        ("5MB per file", "5 Mo par fichier"),
        ("year, Période end date", "année, Période, date de fin"),
        ("Help for Date de la décision", "Aide : Date de la décision"),
        ("DD/MM/YYYY", "JJ/MM/AAAA"),
        ("File must be 5.0MB or smaller.", "Fichier trop lourd : 5 Mo au plus."),
        ("File must be 10MB or smaller.", "Fichier trop lourd : 10 Mo au plus."),
        ("application/zip files are not allowed.", "Type de fichier refusé ici : application/zip."),
    ],
)
def test_patterns_translate_texts_with_a_number_or_a_label(english, french):
    done = english
    for pattern, target in PATTERNS:
        done = re.sub(pattern, re.sub(r"\$(\d)", r"\\\1", target), done)
    assert done == french


def test_the_script_carries_every_translation_and_no_english_is_left_untranslated():
    text = script()
    words = json.loads(re.search(r"const words = (\{.*?\});", text).group(1))
    assert words == WORDS
    assert all(french and french != english for english, french in WORDS.items())
    assert json.loads(re.search(r"const attributes = (\[.*?\]);", text).group(1)) == list(
        ATTRIBUTES
    )
    assert text.count("new MutationObserver") == 1 and "window.__ldaFrench" in text
