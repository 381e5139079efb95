"""Hybrid logical clock (Kulkarni et al.): wall-clock milliseconds plus a counter, per node.

Stamps order member-profile edits made on different tills: last writer wins per field. The
text form sorts like the stamp (fixed-width numbers), so databases can compare it as text.
The till's use cases stamp their edits through a `StampSource` (the unit of work's `hlc`);
the sync client keeps a `HybridClock` that follows head office's stamps.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

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


def tick(last: Stamp | None, wall: int, node: str) -> Stamp:
    """The stamp of a local event after `last`: the wall clock if it moved on, else one more."""
    if last is None or wall > last.ms:
        return Stamp(wall, 0, node)
    return _bumped(last.ms, last.counter, node)


def _bumped(ms: int, counter: int, node: str) -> Stamp:
    # A counter overflow borrows a millisecond rather than wrapping (order must hold).
    if counter >= _MAX_COUNTER:
        return Stamp(ms + 1, 0, node)
    return Stamp(ms, counter + 1, node)


class HybridClock:
    """A node's clock: never goes backwards, and moves past every stamp it has observed."""

    def __init__(self, node: str, wall: Callable[[], int] = wall_ms,
                 last: Stamp | None = None) -> None:
        self.node = node
        self._wall = wall
        self._last = Stamp(last.ms, last.counter, node) if last else Stamp(0, 0, node)
        self._lock = threading.Lock()

    @property
    def last(self) -> Stamp:
        return self._last

    def now(self) -> Stamp:
        """A stamp for a local event (an edit made here)."""
        with self._lock:
            self._last = tick(self._last, self._wall(), self.node)
            return self._last

    def observe(self, remote: Stamp) -> Stamp:
        """Merge a stamp received from elsewhere (head office's `server_hlc`)."""
        with self._lock:
            own = self._last
            top = max(self._wall(), own.ms, remote.ms)
            if top == own.ms == remote.ms:
                self._last = _bumped(top, max(own.counter, remote.counter), self.node)
            elif top == own.ms:
                self._last = _bumped(top, own.counter, self.node)
            elif top == remote.ms:
                self._last = _bumped(top, remote.counter, self.node)
            else:
                self._last = Stamp(top, 0, self.node)
            return self._last


def clamp(stamp: Stamp, server_ms: int, max_ahead_ms: int = MAX_AHEAD_MS) -> tuple[Stamp, bool]:
    """A stamp more than `max_ahead_ms` ahead of the server becomes the server's time.

    Returns the stamp to use and whether it was clamped (the terminal is then flagged).
    """
    if stamp.ms > server_ms + max_ahead_ms:
        return Stamp(server_ms, stamp.counter, stamp.node), True
    return stamp, False


@runtime_checkable
class StampSource(Protocol):
    """Where a till's use case gets the stamp of an edit, in the edit's own transaction: after
    every stamp this till has made or learnt from head office, on head office's time."""

    def next_stamp(self, member_id: str, now: datetime) -> Stamp: ...
