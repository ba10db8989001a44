"""Sharing a computation between cores by forking gives what one core gives, even when a
child fails, and LDA_DASH_CORES caps it."""

from __future__ import annotations

import os

import pytest

from lda_dash.services import cores


def square_all(share: list[int]) -> str:
    return ",".join(str(n * n) for n in share)


SHARES = [[1, 2], [3], [4, 5, 6], [], [7]]


def test_every_share_is_computed_in_order():
    assert cores.map_text(square_all, SHARES) == ["1,4", "9", "16,25,36", "", "49"]


def test_text_longer_than_a_pipe_buffer_arrives_whole():
    shares = [range(10), range(100_000), range(50_000)]  # hundreds of kilobytes per child
    assert cores.map_text(square_all, shares) == [square_all(s) for s in shares]


def test_unicode_text_arrives_intact():
    def greet(share: str) -> str:
        return f"« {share} » réalisé à 100 %\u202f"

    assert cores.map_text(greet, ["a", "é", "ü"]) == [greet("a"), greet("é"), greet("ü")]


@pytest.mark.parametrize("failure", ["raises", "exits", "killed"])
def test_a_share_whose_child_fails_is_computed_here(failure):
    parent = os.getpid()

    def fragile(share: list[int]) -> str:
        if os.getpid() != parent:  # only the children fail
            if failure == "raises":
                raise RuntimeError("boom")
            if failure == "exits":
                os._exit(3)
            os.kill(os.getpid(), 9)
        return square_all(share)

    assert cores.map_text(fragile, SHARES) == ["1,4", "9", "16,25,36", "", "49"]


def test_one_share_runs_here_without_forking():
    parent = os.getpid()
    assert cores.map_text(lambda share: str(os.getpid() == parent), [[1]]) == ["True"]


@pytest.mark.parametrize(
    ("cap", "expected"),
    [("1", 1), ("", None), ("0", None), ("abc", None), ("-2", None), ("100000", None)],
)
def test_lda_dash_cores_caps_the_cores_used(monkeypatch, cap, expected):
    monkeypatch.delenv("LDA_DASH_CORES", raising=False)
    machine = cores.available()
    monkeypatch.setenv("LDA_DASH_CORES", cap)
    assert cores.available() == (machine if expected is None else expected)
