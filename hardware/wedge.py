"""Keyboard-wedge decoding: telling a scanner's (or stripe reader's) burst from typing.

A wedge device types its code as keystrokes a few milliseconds apart and ends with Enter
(or Tab); people type 80 ms or more apart. The decoder is fed every printable key and the
terminators with the time they arrived (an injectable clock by default), holds keys back
while they might still be a burst, and says what to do with each: swallow it, release
held keys as ordinary typing, or deliver a complete code. The Qt event filter that feeds
it lives in the till, together with a timer that calls `tick()`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

TERMINATORS = ("\r", "\n", "\t")


@dataclass(frozen=True, slots=True)
class WedgeResult:
    """What the key filter does now.

    swallow: do not deliver the key just fed; release: keys held back earlier that turned
    out to be typing, to deliver now in order; code: a complete scan (prefix/suffix off).
    """

    swallow: bool = False
    release: str = ""
    code: str | None = None


@dataclass(frozen=True, slots=True)
class WedgeSettings:
    max_gap: float = 0.035  # seconds between two keys of one burst
    min_length: int = 4  # shorter bursts are typing (a fast double key press)
    prefix: str = ""  # programmed into the scanner, e.g. STX; then timing is not needed
    suffix: str = ""  # e.g. ETX; ends the code like a terminator
    max_burst: float = 1.0  # a prefixed code that does not end within this is dropped


class WedgeDecoder:
    def __init__(self, settings: WedgeSettings | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings or WedgeSettings()
        self._clock = clock
        self._held = ""
        self._last: float | None = None
        self._started: float | None = None
        self._ended: float | None = None

    def feed(self, key: str, at: float | None = None) -> WedgeResult:
        """One key's text (a single character, or "\\r" for Enter, "\\t" for Tab)."""
        now = self._clock() if at is None else at
        if self.settings.prefix:
            return self._feed_framed(key, now)
        return self._feed_timed(key, now)

    def touch(self, at: float | None = None) -> None:
        """A key without text inside a burst (Shift, CapsLock): the burst goes on.

        A USB-HID scanner presses and releases Shift around every capital and symbol, so
        the gap between two characters of its burst holds two more reports than usual.
        """
        if self._held and not self.settings.prefix:
            self._last = self._clock() if at is None else at

    def tick(self, at: float | None = None) -> WedgeResult:
        """Called by a timer: keys held longer than the burst gap are typing after all."""
        now = self._clock() if at is None else at
        if self.settings.prefix:
            if self._started is not None and now - self._started > self.settings.max_burst:
                return self._give_up()
            return WedgeResult()
        if self._held and self._last is not None and now - self._last > self.settings.max_gap:
            return self._give_up()
        return WedgeResult()

    def _feed_timed(self, key: str, now: float) -> WedgeResult:
        released = ""
        if self._held and self._last is not None and now - self._last > self.settings.max_gap:
            released, self._held = self._held, ""
        self._last = now
        if key in TERMINATORS or (self.settings.suffix and key == self.settings.suffix):
            return self._terminate(key, released)
        self._held += key
        return WedgeResult(swallow=True, release=released)

    def _terminate(self, key: str, released: str) -> WedgeResult:
        held, self._held = self._held, ""
        if len(held) >= self.settings.min_length:
            return WedgeResult(swallow=True, release=released, code=held)
        # Enter after typing: let the widget see the keys and the Enter itself.
        return WedgeResult(swallow=False, release=released + held)

    def _feed_framed(self, key: str, now: float) -> WedgeResult:
        s = self.settings
        if self._started is None:
            return self._outside_frame(key, now)
        if now - self._started > s.max_burst:
            dropped = self._give_up()
            return WedgeResult(swallow=False, release=dropped.release)
        if key == s.suffix or (not s.suffix and key in TERMINATORS):
            code, self._held, self._started, self._ended = self._held, "", None, now
            return WedgeResult(swallow=True, code=code)
        if key not in TERMINATORS:
            self._held += key
        return WedgeResult(swallow=True)

    def _outside_frame(self, key: str, now: float) -> WedgeResult:
        s = self.settings
        if key == s.prefix:
            self._started, self._held = now, ""
            return WedgeResult(swallow=True)
        # Many scanners add Enter after a programmed suffix: it belongs to the code.
        if key in TERMINATORS and self._ended is not None and now - self._ended <= s.max_gap:
            self._ended = None
            return WedgeResult(swallow=True)
        return WedgeResult()

    def _give_up(self) -> WedgeResult:
        held, self._held = self._held, ""
        self._started = None
        return WedgeResult(release=held)
