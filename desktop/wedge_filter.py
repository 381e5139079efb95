"""The Qt side of keyboard-wedge scanning: an event filter feeding `hardware.wedge.WedgeDecoder`.

A wedge scanner or stripe reader types its code into whatever has the focus. The filter
holds printable keys back while they might be a burst, hands a finished burst to the till
(`burst` signal) instead of the focused field, and gives held keys back to the field when
they turn out to be typing: a person types slower than the decoder's gap.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from hardware.wedge import WedgeDecoder, WedgeResult

TERMINATOR_KEYS = {Qt.Key.Key_Return: "\r", Qt.Key.Key_Enter: "\r", Qt.Key.Key_Tab: "\t"}
_CHORDS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
           | Qt.KeyboardModifier.MetaModifier)


class WedgeFilter(QObject):
    """Installed on the QApplication; sees every key before the focused widget does.

    Signals:
        burst(str): a complete code from a scanner or stripe reader (prefix/suffix removed).
    """

    burst = Signal(str)

    def __init__(self, decoder: WedgeDecoder, clock: Callable[[], float] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.decoder = decoder
        self.clock = clock  # tests inject one; otherwise the keys' own timestamps are used
        self._last_event = 0.0  # seconds, in the time base of the key events
        self._last_seen = 0.0  # time.monotonic() when that event was handled
        self.enabled = True
        self._held = 0  # keys the decoder holds back right now
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setInterval(max(int(decoder.settings.max_gap * 1000) // 2, 5))
        self._timer.timeout.connect(self._on_tick)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (not self.enabled or self._replaying or event.type() != QEvent.Type.KeyPress
                or not self._is_target(watched)):
            return False
        assert isinstance(event, QKeyEvent)
        char = self._char(event)
        if char is None:
            self.flush()  # an F-key or arrow: keys typed before it reach the field first
            return False
        return self._apply(self.decoder.feed(char, self._event_time(event)), char)

    def flush(self) -> None:
        """Give any held keys back to the focused field now."""
        if self._held:
            self._apply(self.decoder.tick(math.inf), "")

    def _is_target(self, watched: QObject) -> bool:
        # Qt offers a key to the window, then the focus widget, then its parents: feed the
        # decoder once, at the focus widget (or the window when nothing has the focus).
        focus = QApplication.focusWidget()
        if focus is not None:
            return watched is focus
        return isinstance(watched, QWidget) and watched.isWindow()

    @staticmethod
    def _char(event: QKeyEvent) -> str | None:
        if event.modifiers() & _CHORDS or event.isAutoRepeat():
            return None
        key = Qt.Key(event.key())
        if key in TERMINATOR_KEYS:
            return TERMINATOR_KEYS[key]
        text = event.text()
        return text if len(text) == 1 and text.isprintable() else None

    def _apply(self, result: WedgeResult, char: str) -> bool:
        if result.release:
            self._held = max(self._held - len(result.release), 0)
            self._replay(result.release)
        if result.code is not None:
            self._held = 0
            code = result.code
            # Deliver after the key event is done: the slot may open a dialog.
            QTimer.singleShot(0, lambda: self.burst.emit(code))
        elif result.swallow and char and char not in "\r\n\t":
            self._held += 1
        if self._held and not self._timer.isActive():
            self._timer.start()
        elif not self._held:
            self._timer.stop()
        return result.swallow

    def _event_time(self, event: QKeyEvent) -> float:
        """When the key was pressed: the platform's timestamp, so keys that queued while the
        window was busy keep a person's spacing and are not taken for a scanner's burst."""
        if self.clock is not None:
            return self.clock()
        self._last_seen = time.monotonic()
        stamp = event.timestamp()
        self._last_event = stamp / 1000 if stamp else self._last_seen
        return self._last_event

    def _now(self) -> float:
        if self.clock is not None:
            return self.clock()
        return self._last_event + (time.monotonic() - self._last_seen)

    def _on_tick(self) -> None:
        self._apply(self.decoder.tick(self._now()), "")

    def _replay(self, text: str) -> None:
        target = QApplication.focusWidget() or QApplication.activeWindow()
        if target is None:
            return
        self._replaying = True
        try:
            for ch in text:
                key = ord(ch.upper()) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown
                press = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch)
                QApplication.sendEvent(target, press)
        finally:
            self._replaying = False
