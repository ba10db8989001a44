"""Streamlit's own English in French: the words its widgets write that its API cannot change.

What the API allows is done where the widget is created (`enter_to_submit=False`, a date
`format`, French `placeholder=`s, `server.maxUploadSize` in .streamlit/config.toml). The rest
(« Select all », « Upload », « 200MB per file », « Skip to main content »…) is written by
Streamlit's JavaScript and has no setting: one small script, installed once per page, watches
the document and replaces those known texts, and the labels screen readers read, by their French.

Why in the browser rather than by patching Streamlit's files: a patched bundle is lost at every
upgrade; the script only holds the English strings and their French. Two tests keep it honest:
tests/test_framework_french.py checks that every English text listed is still in the installed
Streamlit bundle (so a renamed text is noticed at the upgrade), and tests/browser/test_reading.py
reads every page of every role and fails on any English left.
"""

from __future__ import annotations

import json

import streamlit as st

# Whole texts (of an element, or of an aria-label, title or placeholder), as Streamlit writes them.
WORDS = {
    "Select all": "Tout sélectionner",
    "Clear all": "Tout effacer",
    "Clear value": "Effacer",
    "Choose an option": "Choisissez une option",
    "Choose options": "Choisissez une ou plusieurs options",
    "No options to select": "Aucune option",
    "No results": "Aucun résultat",
    "Upload": "Déposer un fichier",
    "Add files": "Ajouter des fichiers",
    "Drag and drop file here": "Glissez-déposez le fichier ici",
    "Drag and drop a file here": "Glissez-déposez le fichier ici",
    "Drag and drop files here": "Glissez-déposez les fichiers ici",
    "Skip to main content": "Aller au contenu principal",
    "Press Enter to submit form": "Entrée pour envoyer le formulaire",
    "Press Ctrl+Enter to submit form": "Ctrl+Entrée pour envoyer le formulaire",
    "Press ⌘+Enter to submit form": "⌘+Entrée pour envoyer le formulaire",
    "Press Enter to apply": "Entrée pour valider",
    "Press Ctrl+Enter to apply": "Ctrl+Entrée pour valider",
    "Press ⌘+Enter to apply": "⌘+Entrée pour valider",
    "Choose date": "Choisir une date",
    "Link to heading": "Lien vers ce titre",
    "Only one file is allowed.": "Un seul fichier à la fois.",
    "File size is too small.": "Fichier vide ou trop petit.",
    "Unexpected error. Please try again.": "Erreur inattendue : réessayez.",
    "Choose date range": "Choisir une période",
    # The segments of a date field with nothing typed yet (the order is DD/MM/YYYY's).
    "dd": "jj",
    "yyyy": "aaaa",
}
# Texts around a number or a label: (regular expression, its French with $1…), all applied in
# turn (`year, Période end date` → `année, Période, date de fin`).
PATTERNS = (
    (r"^(\d+(?:\.\d+)?)\s*([KMG])B per file", "$1 $2o par fichier"),
    (r"^dd\s*/\s*mm\s*/\s*yyyy$", "jj / mm / aaaa"),
    (r"^DD/MM/YYYY$", "JJ/MM/AAAA"),
    (r"^day, ", "jour, "),
    (r"^month, ", "mois, "),
    (r"^year, ", "année, "),
    (r" start date$", ", date de début"),
    (r" end date$", ", date de fin"),
    (r"^Help for (.+)$", "Aide : $1"),
    # A file refused by an uploader's own limit: `File must be 5.0MB or smaller.`
    (r"^File must be (\d+)\.0\s*([KMG]B or smaller\.)$", "File must be $1$2"),
    (r"^File must be (\d+)\s*([KMG])B or smaller\.$", "Fichier trop lourd : $1 $2o au plus."),
    (r"^(.+) files are not allowed\.$", "Type de fichier refusé ici : $1."),
)
ATTRIBUTES = ("aria-label", "title", "placeholder")

_SCRIPT = """<script>
(() => {
  if (window.__ldaFrench) { window.__ldaFrench(document.body); return; }
  const words = %(words)s;
  const patterns = %(patterns)s.map(([source, target]) => [new RegExp(source), target]);
  const attributes = %(attributes)s;
  const french = (text) => {
    const trimmed = text.trim();
    if (!trimmed) return null;
    if (Object.prototype.hasOwnProperty.call(words, trimmed)) {
      return text.replace(trimmed, words[trimmed]);
    }
    let done = trimmed;
    for (const [pattern, target] of patterns) done = done.replace(pattern, target);
    return done === trimmed ? null : text.replace(trimmed, done);
  };
  const translate = (root) => {
    if (!root) return;
    if (root.nodeType === Node.TEXT_NODE) {
      const done = french(root.nodeValue);
      if (done !== null && done !== root.nodeValue) root.nodeValue = done;
      return;
    }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const elements = [root, ...root.querySelectorAll('*')];
    for (const element of elements) {
      for (const name of attributes) {
        const value = element.getAttribute(name);
        const done = value === null ? null : french(value);
        if (done !== null && done !== value) element.setAttribute(name, done);
      }
    }
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) translate(node);
  };
  window.__ldaFrench = translate;
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === 'characterData') translate(change.target);
      else if (change.type === 'attributes') translate(change.target);
      else change.addedNodes.forEach(translate);
    }
  }).observe(document.body, {
    subtree: true, childList: true, characterData: true,
    attributes: true, attributeFilter: attributes,
  });
  translate(document.body);
})();
</script>"""


def script() -> str:
    """The translating script, its texts written in as JSON (no input of any user)."""
    return _SCRIPT % {
        "words": json.dumps(WORDS, ensure_ascii=False),
        "patterns": json.dumps([list(pair) for pair in PATTERNS], ensure_ascii=False),
        "attributes": json.dumps(list(ATTRIBUTES)),
    }


def install() -> None:
    """Put the script on the page; on a rerun it only translates again (one observer per tab)."""
    st.html(script(), unsafe_allow_javascript=True)
