"""Text from users and annexes shows as written: ui.safe_text against Markdown, HTML, LaTeX and
Streamlit's own syntax, then on the pages where partners' comments and annex names appear."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from conftest import open_page, plain, signed_in
from markdown_it import MarkdownIt

from lda_dash.domain.permissions import Actor
from lda_dash.storage import database
from lda_dash.ui.safe_text import md, md_table

HOSTILE = (
    "[x](https://evil.example) ![i](https://evil.example/p.png) :red[rouge] # Titre <b>gras</b>"
)
CID = "dijon-2021-2022"
PARTNER = Actor("demo-partenaire", "partenaire", "association-habitat-solidaire-demo")

# (what an attacker writes, what md gives: backslash escapes CommonMark shows as the character)
CASES = [
    ("[x](https://evil.example)", r"\[x\](https\://evil.example)"),
    ("![i](https://evil.example/p.png)", r"!\[i\](https\://evil.example/p.png)"),
    ("<b>gras</b> <img src=x onerror=alert(1)>", r"\<b\>gras\</b\> \<img src=x onerror=alert(1)\>"),
    ("# Titre", r"\# Titre"),
    ("Titre\n===", "Titre\n\\==="),
    ("- un\n+ deux\n1. trois\n2) quatre", "\\- un\n\\+ deux\n1\\. trois\n2\\) quatre"),
    ("> citation", r"\> citation"),
    ("| a | b |\n|---|---|", "\\| a \\| b \\|\n\\|---\\|---\\|"),
    ("**gras** _it_ ~barré~ `code`", r"\*\*gras\*\* \_it\_ \~barré\~ \`code\`"),
    (":red[rouge] :blue-background[fond]", r"\:⁠red\[rouge\] \:⁠blue-background\[fond\]"),
    (":material/home: :smile: :+1:", r"\:⁠material/home: \:⁠smile: \:⁠+1:"),
    ("$x^2$ et $$\\int$$", r"\$x^2\$ et \$\$\\int\$\$"),
    ("C:\\dossier\\ à 10:30", r"C:\\dossier\\ à 10\:⁠30"),
    ("www.evil.example et a@evil.example", r"www\.evil.example et a\@evil.example"),
    ("&lt;b&gt; &amp;", r"\&lt;b\&gt; \&amp;"),
    ("Logements captés (logements), 12,5 % ; n° 3 - fin.", "Logements captés (logements), "
     "12,5 % ; n° 3 - fin."),
    ("", ""),
    (None, ""),
]  # fmt: skip

MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
SHORTCODE = re.compile(r":[\w+-][\w_+-]*:")  # Streamlit's own test for emoji shortcodes
DIRECTIVE = re.compile(r"(?<!\\):[\w-]+\[")


@pytest.mark.parametrize(("written", "escaped"), CASES)
def test_md_escapes_every_sign_that_would_format(written, escaped):
    assert md(written) == escaped.replace("⁠", "\u2060")


@pytest.mark.parametrize("written", [c[0] for c in CASES if c[0]] + [HOSTILE])
def test_escaped_text_renders_as_the_same_text_and_nothing_else(written):
    rendered = MARKDOWN.render(md(written))
    tags = set(re.findall(r"</?([a-z0-9]+)", rendered))
    assert tags <= {"p", "br"}, rendered
    text = html.unescape(re.sub(r"<[^>]+>", "", rendered)).replace("\u2060", "")
    assert text.strip() == written.strip()


@pytest.mark.parametrize("written", [c[0] for c in CASES if c[0]] + [HOSTILE])
def test_escaped_text_holds_no_streamlit_directive_emoji_or_latex(written):
    escaped = md(written)
    assert not DIRECTIVE.search(escaped)
    assert not SHORTCODE.search(escaped.replace("\\", ""))  # not even once unescaped
    assert not re.search(r"(?<!\\)\$", escaped)


def test_md_table_escapes_text_cells_and_the_index_only():
    frame = pd.DataFrame({"Action": ["[x](y)"], "Valeur": [3]}).set_index("Action")
    shown = md_table(frame)
    assert list(shown.index) == [r"\[x\](y)"] and shown["Valeur"].tolist() == [3]
    assert list(frame.index) == ["[x](y)"]  # the caller's frame is left as it was


def test_md_table_escapes_headers_and_keeps_a_stylers_styles():
    frame = pd.DataFrame({"Action": ["*a*"], "# b": ["c"]})
    assert list(md_table(frame).columns) == ["Action", r"\# b"]
    styled = md_table(frame.style.map(lambda _: "color: red", subset=["# b"]))
    assert styled.data["Action"].tolist() == [r"\*a\*"]
    assert "color: red" in styled.to_html()  # the style still finds its column


@pytest.fixture
def hostile_db(demo_app_db):
    """The demo database with a submitted figure commented with HOSTILE, and a territory whose
    name (as an imported annex could give it) is HOSTILE too."""
    with database.connect(demo_app_db) as con:
        con.execute(
            "UPDATE figure SET comment = ?, status = 'submitted' WHERE convention_id = ? "
            "AND action_number = 2 AND code = 'CAPT' AND year = 2022 AND quarter = 2",
            [HOSTILE, CID],
        )
        con.execute("UPDATE territory SET name = ?", [HOSTILE])
    return demo_app_db


def _no_live_markup(value: str) -> None:
    assert "[x](" not in value and "![i](" not in value and "<b>" not in value
    assert ":red[" not in value.replace("\\:\u2060red\\[", "")


def test_the_comment_shows_literally_on_the_coordination_page(hostile_db):
    at = open_page("coordination", "lda_dash/pages/validation.py", year=2022)
    comments = [
        comment
        for table in at.table
        if "Commentaire" in table.value.columns
        for comment in table.value["Commentaire"]
        if "evil" in comment
    ]
    assert comments == [md(HOSTILE)]
    _no_live_markup(comments[0])


def test_an_annex_territory_name_shows_literally_on_the_dashboard(hostile_db):
    at = signed_in("coordination").run()
    assert not at.exception
    caption = next(c.value for c in at.caption if "Dijon" in c.value or "evil" in c.value)
    assert caption.startswith(md(HOSTILE) + " · ")
    _no_live_markup(caption)


def test_the_comment_shows_literally_to_the_partner(hostile_db):
    at = signed_in("partenaire", PARTNER.organisation_id)
    at.session_state["entry_period"] = (2022, 2)
    at.run()
    assert not at.exception
    shown = [c.value for c in at.caption if c.value.startswith("Commentaire")]
    assert shown == [f"Commentaire : {md(HOSTILE)}"]
    _no_live_markup(plain(shown[0]))
