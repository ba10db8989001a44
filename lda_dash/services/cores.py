"""Share a pure, CPU-bound computation between the machine's cores by forking.

`progress --all-territories` spends most of its time in the exact-fraction rules: pure Python,
so one core whatever the threads (the GIL). Forked children each take a share and send back
text through a pipe. Forking is safe here because a child only computes from data already in
memory, never touches DuckDB or Streamlit, and leaves with `os._exit`; if a child fails (an
exception, killed, silent too long), this process computes its share itself: slower, never
wrong.
"""

from __future__ import annotations

import os
import select
import signal
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

Share = TypeVar("Share")

# A child that says nothing this long after this process finished its own share is given up.
_GRACE_SECONDS = 30.0


def available() -> int:
    """Cores this process may use; LDA_DASH_CORES caps it (1 turns forking off)."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        count = os.cpu_count() or 1
    cap = os.environ.get("LDA_DASH_CORES", "").strip()
    if cap.isdigit() and int(cap) >= 1:
        count = min(count, int(cap))
    return max(1, count)


def map_text(work: Callable[[Share], str], shares: Sequence[Share]) -> list[str]:
    """`[work(share) for share in shares]`, the first share here and each other in a child."""
    if len(shares) <= 1 or not hasattr(os, "fork"):
        return [work(share) for share in shares]
    children = [_start(work, share) for share in shares[1:]]
    results = [work(shares[0])]
    for pid, pipe, share in children:
        text = _collect(pid, pipe)
        results.append(work(share) if text is None else text)
    return results


def _start(work: Callable[[Share], str], share: Share) -> tuple[int, int, Share]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, write, leave without running the parent's exit code
        os.close(read)
        code = 1
        try:
            data = work(share).encode("utf-8")
            view = memoryview(data)
            while view:
                view = view[os.write(write, view) :]
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    return pid, read, share


def _collect(pid: int, pipe: int) -> str | None:
    """The child's text, or None when it failed (it is then stopped and reaped)."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + _GRACE_SECONDS
    try:
        while True:
            ready, _, _ = select.select([pipe], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                break
            chunk = os.read(pipe, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            deadline = time.monotonic() + _GRACE_SECONDS
    finally:
        os.close(pipe)
        _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    return b"".join(chunks).decode("utf-8")
