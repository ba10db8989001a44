"""User text shown in Streamlit's Markdown stays literal (STYLE.md habit 14)."""

import pytest

from lda_dash.ui.markdown_text import literal


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Avenant 2022", "Avenant 2022"),
        ("![x](http://evil)", r"\!\[x\]\(http\:\/\/evil\)".replace(r"\/", "/")),
        ("**gras** _it_", r"\*\*gras\*\* \_it\_"),
        (":red[alerte]", r"\:red\[alerte\]"),
        ("bilan.pdf", r"bilan\.pdf"),
    ],
)
def test_markdown_characters_are_escaped(text, escaped):
    assert literal(text) == escaped
