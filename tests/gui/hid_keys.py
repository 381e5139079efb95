"""Key events as a USB-HID scanner or stripe reader on a US keyboard layout sends them.

Each character is a key press and a release, one HID report apart; a capital or a shifted
symbol (`? % ^ _ : ~` …) has a real Shift press before it and its release after, as the
device has no other way to ask for one. With CapsLock on the host, a letter's text comes out
in the other case while its key and the Shift state stay what the device sent. Times come
from the test (`at_ms`), given to the till's injected clock and to the events' timestamps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

SHIFTED = frozenset('ABCDEFGHIJKLMNOPQRSTUVWXYZ~!@#$%^&*()_+{}|:"<>?')
# X11 key codes (evdev + 8) of the US layout, row by row; a shifted symbol is its base key.
_ROWS = ((10, "1234567890-="), (24, "qwertyuiop[]"), (38, "asdfghjkl;'"), (52, "zxcvbnm,./"))
_UNSHIFT = dict(zip('~!@#$%^&*()_+{}|:"<>?', "`1234567890-=[]\\;',./", strict=True))
SCAN_CODES = {ch: first + i for first, row in _ROWS for i, ch in enumerate(row)}
SCAN_CODES.update({"`": 49, "\\": 51, " ": 65, "\r": 36, "\t": 23})
SHIFT_SCAN_CODE = 50  # Shift_L
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


@dataclass(frozen=True, slots=True)
class Stroke:
    at_ms: float
    press: bool
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    scan_code: int = 0  # 0: put in by software (a person's keys in these tests)


def scan_code(ch: str) -> int:
    base = _UNSHIFT.get(ch, ch.lower())
    return SCAN_CODES[base]


def qt_key(ch: str) -> int:
    if ch == "\r":
        return int(Qt.Key.Key_Return)
    if ch == "\t":
        return int(Qt.Key.Key_Tab)
    return ord(ch.upper())  # Qt's key code of an ASCII key is its unshifted-letter character


def strokes(code: str, *, report_ms: float = 2.0, caps_lock: bool = False,
            suffix: str = "\r", start_ms: float = 0.0) -> list[Stroke]:
    """What the device sends for `code` and its suffix (Enter), one report every `report_ms`."""
    out: list[Stroke] = []
    at = start_ms

    def report(press: bool, key: int, mods: Qt.KeyboardModifier, text: str, code: int) -> None:
        nonlocal at
        out.append(Stroke(at, press, key, mods, text, code))
        at += report_ms

    for ch in code + suffix:
        shift = ch in SHIFTED
        mods = SHIFT if shift else NONE
        text = ch.swapcase() if caps_lock and ch.isascii() and ch.isalpha() else ch
        if shift:
            report(True, int(Qt.Key.Key_Shift), SHIFT, "", SHIFT_SCAN_CODE)
        report(True, qt_key(ch), mods, text, scan_code(ch))
        report(False, qt_key(ch), mods, text, scan_code(ch))
        if shift:
            report(False, int(Qt.Key.Key_Shift), NONE, "", SHIFT_SCAN_CODE)
    return out


def person(text: str, *, gap_ms: float = 120.0, start_ms: float = 0.0) -> list[Stroke]:
    """A person typing `text` (no Shift keys: lower case and digits), `gap_ms` between keys."""
    out = []
    for i, ch in enumerate(text):
        at = start_ms + i * gap_ms
        out.append(Stroke(at, True, qt_key(ch), NONE, ch))
        out.append(Stroke(at + gap_ms / 2, False, qt_key(ch), NONE, ch))
    return out


class SettableClock(Protocol):
    now: float
    step: float


class Clock:
    """The wedge filter's injected clock, set to each event's time as it is sent."""

    def __init__(self) -> None:
        self.now = 5000.0
        self.step = 0.0

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def play(sequence: list[Stroke], clock: SettableClock, after_s: float = 1.0) -> None:
    """Send the events to whatever has the focus, the clock showing each one's time.

    `clock` is the till's KeyClock or a `Clock`: its `now` is set and its `step` held at 0;
    the first event comes `after_s` after the clock's reading (a pause since the last key).
    """
    start, saved_step = clock.now + after_s, clock.step
    clock.step = 0.0
    try:
        for s in sequence:
            clock.now = start + s.at_ms / 1000
            kind = QEvent.Type.KeyPress if s.press else QEvent.Type.KeyRelease
            event = QKeyEvent(kind, s.key, s.modifiers, s.scan_code, 0, 0, s.text)
            event.setTimestamp(int(clock.now * 1000))
            target = QApplication.focusWidget() or QApplication.activeWindow()
            if target is None and not s.press:
                continue  # the Enter closed the window: its release goes nowhere
            assert target is not None, "nothing has the keyboard focus"
            QApplication.sendEvent(target, event)
    finally:
        clock.step = saved_step
        clock.now += 1.0
