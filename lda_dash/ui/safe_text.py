"""Text that users or annexes wrote, made safe to put inside Streamlit's Markdown (STYLE.md 14).

Why: Streamlit renders Markdown in st.markdown, st.write, captions, titles, alerts, expander,
tab, metric, button and widget labels and st.table cells. A partner's comment
`[x](https://evil.example) ![i](https://evil.example/p.png)` became a live link and an image
fetched by the coordinator's browser; `:red[…]`, headings and tables changed the page.

`md` backslash-escapes, as CommonMark allows, every character that opens Markdown, HTML,
LaTeX or a Streamlit directive anywhere in a line (`\\ ` * _ [ ] < > | ~ $ & @`, and `:` before
a letter, digit, `+`, `-` or `/`, as in `:red[`, `:smile:` or `https://`), those that
open a block at the start of a line (`#`, `-`, `+`, `=`, `>`, `1.`), and the dot of `www.`
(a bare address GitHub Markdown would link). Other text is left as is, so names and labels read
the same to screen readers and to tests. Emoji shortcodes are matched by Streamlit on the text
after unescaping, so a colon followed by a letter or digit also gets an invisible word joiner
(U+2060): `:smile:` stays those seven characters on screen.

Not for st.selectbox options, st.dataframe cells or column headers, which Streamlit shows as
plain text already: escaping there would show the backslashes.
"""

from __future__ import annotations

import re

import pandas as pd
from pandas.io.formats.style import Styler

_INLINE = re.compile(r"([\\`*_\[\]<>|~$&@]|:(?=[\w+/-]))")
_LINE_START = re.compile(r"^([ \t]*)([#+\-=>])", re.MULTILINE)
_LIST_NUMBER = re.compile(r"^([ \t]*\d+)([.)])", re.MULTILINE)
_BARE_ADDRESS = re.compile(r"(?i)\b(www)\.")
_SHORTCODE_START = re.compile(r"(\\:)(?=[\w+-])")
_WORD_JOINER = "\u2060"


def md(text: object) -> str:
    """`text` (None as "") escaped so that Streamlit's Markdown shows it exactly as written."""
    if text is None:
        return ""
    escaped = _INLINE.sub(r"\\\1", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    escaped = _LINE_START.sub(r"\1\\\2", escaped)
    escaped = _LIST_NUMBER.sub(r"\1\\\2", escaped)
    escaped = _BARE_ADDRESS.sub(r"\1\\.", escaped)
    return _SHORTCODE_START.sub(r"\1" + _WORD_JOINER, escaped)


def md_table(table: pd.DataFrame | Styler) -> pd.DataFrame | Styler:
    """`table` for st.table with its text cells, index and headers escaped.

    A Styler keeps its styles (computed from its data when drawn) and its headers, which its
    styles may name.
    """
    if isinstance(table, Styler):
        table.data = _escaped(table.data, headers=False)
        table.index = table.data.index
        return table
    return _escaped(table, headers=True)


def _escaped(frame: pd.DataFrame, *, headers: bool) -> pd.DataFrame:
    shown = frame.copy()
    for position in range(shown.shape[1]):
        if _holds_text(shown.dtypes.iloc[position]):
            shown.isetitem(position, shown.iloc[:, position].map(_md_cell))
    if _holds_text(shown.index.dtype):
        shown.index = shown.index.map(_md_cell)
    if headers and _holds_text(shown.columns.dtype):  # a chart's table has titles as columns
        shown.columns = shown.columns.map(_md_cell)
    return shown


def _holds_text(dtype) -> bool:
    return pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)


def _md_cell(cell: object) -> object:
    return md(cell) if isinstance(cell, str) else cell
