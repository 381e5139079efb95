"""Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, per node.

Stamps order member-profile edits made on different tills: last writer wins per field. The
text form sorts like the stamp (fixed-width numbers), so databases can compare it as text.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

# Stamps further ahead of head office's clock than this are clamped on arrival (ARCHITECTURE):
# otherwise one till with a fast clock would win every later edit.
MAX_AHEAD_MS = 5 * 60 * 1000
_TEXT = re.compile(r"^(\d{13})-(\d{5})-(.+)$")
_MAX_COUNTER = 99_999


@dataclass(frozen=True, order=True, slots=True)
class Stamp:
    """One HLC reading; ordering is (ms, counter, node), so ties between tills are broken."""

    ms: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.ms:013d}-{self.counter:05d}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        found = _TEXT.match(text)
        if found is None:
            raise ValueError(f"not an HLC stamp: {text!r}")
        return cls(int(found.group(1)), int(found.group(2)), found.group(3))


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """A node's clock: never goes backwards, and moves past every stamp it has observed."""

    def __init__(self, node: str, wall: Callable[[], int] = wall_ms,
                 last: Stamp | None = None) -> None:
        self.node = node
        self._wall = wall
        self._ms = last.ms if last else 0
        self._counter = last.counter if last else 0
        self._lock = threading.Lock()

    @property
    def last(self) -> Stamp:
        return Stamp(self._ms, self._counter, self.node)

    def now(self) -> Stamp:
        """A stamp for a local event (an edit made here)."""
        with self._lock:
            wall = self._wall()
            if wall > self._ms:
                self._ms, self._counter = wall, 0
            else:
                self._bump()
            return self.last

    def observe(self, remote: Stamp) -> Stamp:
        """Merge a stamp received from elsewhere (head office's `server_hlc`)."""
        with self._lock:
            wall = self._wall()
            top = max(wall, self._ms, remote.ms)
            if top == self._ms == remote.ms:
                self._counter = max(self._counter, remote.counter)
                self._bump()
            elif top == self._ms:
                self._bump()
            elif top == remote.ms:
                self._ms, self._counter = top, remote.counter
                self._bump()
            else:
                self._ms, self._counter = top, 0
            return self.last

    def _bump(self) -> None:
        # A counter overflow borrows a millisecond rather than wrapping (order must hold).
        if self._counter >= _MAX_COUNTER:
            self._ms, self._counter = self._ms + 1, 0
        else:
            self._counter += 1


def clamp(stamp: Stamp, server_ms: int, max_ahead_ms: int = MAX_AHEAD_MS) -> tuple[Stamp, bool]:
    """A stamp more than `max_ahead_ms` ahead of the server becomes the server's time.

    Returns the stamp to use and whether it was clamped (the terminal is then flagged).
    """
    if stamp.ms > server_ms + max_ahead_ms:
        return Stamp(server_ms, stamp.counter, stamp.node), True
    return stamp, False
