"""« Mon compte » names each session's browser in words, never the raw user-agent string."""

import pytest

from lda_dash.words.browsers import UNKNOWN, browser_words


@pytest.mark.parametrize(
    ("agent", "words"),
    [
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
         "Firefox sous Windows"),
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
         "HeadlessChrome/140.0.0.0 Safari/537.36", "Chrome sous Linux"),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like "
         "Gecko) Version/17.5 Safari/605.1.15", "Safari sous macOS"),
        ("curl/8.5.0", "curl"),
        ("", UNKNOWN),
        (None, UNKNOWN),
        ("\u0000\u0001 n'importe quoi", UNKNOWN),
    ],
)  # fmt: skip
def test_browser_words(agent, words):
    assert browser_words(agent) == words
