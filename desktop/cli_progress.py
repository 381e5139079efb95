"""Progress of long CLI work on stderr: one rewritten line on a terminal, a line every few
seconds when stderr is a log file (so a cron job's log shows it was alive)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO


class TextProgress:
    """A domain.progress.Progress that writes "label: done/total (pct%)" to a stream."""

    def __init__(self, stream: TextIO | None = None, every_s: float = 5.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty()
        self.every_s = 0.1 if self.tty else every_s
        self.clock = clock
        self._last = float("-inf")
        self.lines = 0

    def step(self, done: int, total: int | None, label: str = "") -> None:
        now = self.clock()
        finished = total is not None and done >= total
        if now - self._last < self.every_s and not finished:
            return  # a million steps must not become a million writes
        self._last = now
        text = f"{label}: {done:,}" + (f"/{total:,} ({done * 100 // max(total, 1)}%)"
                                       if total is not None else "")
        end = "\n" if finished or not self.tty else ""
        self.stream.write(("\r\x1b[K" if self.tty else "") + text + end)
        self.stream.flush()
        self.lines += 1

    def cancelled(self) -> bool:
        return False  # Ctrl+C raises KeyboardInterrupt; batches already committed stay
