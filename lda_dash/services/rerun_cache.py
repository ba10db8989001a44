"""Results kept between reruns while the database is unchanged (no Streamlit, testable).

Streamlit reruns a page on every click. When `db_stamp.database_stamp` shows that nothing was
committed since a result was computed, the result is reused: the rerun then neither opens the
database nor recomputes, and the page costs little more than Streamlit's own drawing. Keys
always start with the stamp, so any write (from the app, the command line or another process)
makes every older entry unreachable; old entries are dropped as new ones come in.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

Value = TypeVar("Value")


class RerunCache:
    """A small least-recently-used memory shared by the sessions of one server process.

    Values are shared, never copied: callers treat them as read-only.
    """

    def __init__(self, size: int):
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()  # outside the lock: another session may compute meanwhile
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
