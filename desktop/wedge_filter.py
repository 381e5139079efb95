"""The Qt side of keyboard-wedge scanning: an event filter feeding `hardware.wedge.WedgeDecoder`.

A wedge scanner or stripe reader types its code into whatever has the focus. The filter
holds printable keys back while they might be a burst, hands a finished burst to the till
(`burst` signal) instead of the focused field, and gives held keys back to the field when
they turn out to be typing: a person types slower than the decoder's gap.

Only fields that take codes (`takes_codes`) and widgets that take no text (a button, a
table, the window) treat a burst as a scan; in any other text field, a file dialog's name
or a reason, every key arrives as typed, however fast — except a card's swipe, which is
never typed into a name or a note. A USB-HID device sends Shift (and
its release) around capitals and symbols like a keyboard; those keys keep a burst going,
and a letter's case is read from Shift, not from the text, so CapsLock does not invert it.
"""

from __future__ import annotations

import math
import time
import unicodedata
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QInputMethodQueryEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from hardware.card_reader import looks_like_swipe
from hardware.wedge import WedgeDecoder, WedgeResult

TERMINATOR_KEYS = {Qt.Key.Key_Return: "\r", Qt.Key.Key_Enter: "\r", Qt.Key.Key_Tab: "\t"}
_CHORDS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
           | Qt.KeyboardModifier.MetaModifier)
MODIFIER_KEYS = frozenset({
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_ScrollLock, Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R})
_REPLAY_KEYS = {"\r": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab}
CODES_PROPERTY = "kaika_takes_codes"
CODE_HINTS = (Qt.InputMethodHint.ImhLatinOnly | Qt.InputMethodHint.ImhNoPredictiveText
              | Qt.InputMethodHint.ImhPreferLatin | Qt.InputMethodHint.ImhNoAutoUppercase)


def takes_codes(widget: QWidget) -> QWidget:
    """Mark a field that takes codes: a burst typed into it is a scan or a swipe, and no input
    method stands between the device and the field (拼音 would turn a code into characters)."""
    widget.setProperty(CODES_PROPERTY, True)
    widget.setInputMethodHints(widget.inputMethodHints() | CODE_HINTS)
    widget.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    widget.installEventFilter(_NoInputMethod(widget))
    return widget


class _NoInputMethod(QObject):
    """Answers "may I compose here?" with no for a code field. A QLineEdit says yes whatever
    WA_InputMethodEnabled says (Qt 6 asks ImEnabled of the widget itself), and the platform
    input method (ibus, fcitx, Windows' IMM) only leaves keys alone when the answer is no."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.InputMethodQuery or not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QInputMethodQueryEvent)
        watched.event(event)  # the field's own answers (cursor, hints …), then ours
        if event.queries() & Qt.InputMethodQuery.ImEnabled:
            event.setValue(Qt.InputMethodQuery.ImEnabled, False)
        return True


def is_code_field(widget: QObject | None) -> bool:
    return widget is not None and bool(widget.property(CODES_PROPERTY))


def types_text(widget: QObject | None) -> bool:
    """A widget that takes typed text (an editable field) and is not marked for codes.

    A number box (a quantity in the return dialog) is not one: nobody types four digits and
    Enter into it at a scanner's pace, and a scan made while it has the keys must still
    reach the dialog (an item scanned to pick its line).
    """
    if widget is None or is_code_field(widget):
        return False
    if isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        return not widget.isReadOnly() and not isinstance(widget.parent(), QAbstractSpinBox)
    return isinstance(widget, QComboBox) and widget.isEditable()


def scanner_char(event: QKeyEvent, text: str) -> str:
    """What the device meant: a letter is upper case when Shift is down, whatever CapsLock
    says (a US-layout HID scanner presses Shift for a capital; CapsLock flips the text).

    Only for a key the keyboard driver saw (it has a scan code); a character put in by
    software (a Unicode "virtual keyboard" scanner driver, QTest) is taken as it is.
    """
    key = event.key()
    if (event.nativeScanCode() and len(text) == 1 and text.isascii() and text.isalpha()
            and Qt.Key.Key_A <= key <= Qt.Key.Key_Z):
        shifted = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        return chr(key) if shifted else chr(key).lower()
    return text


def composed_text(commit: str) -> str:
    """An input method's commit in a code field: full-width ＡＢ１－ as the ASCII it stands for."""
    return unicodedata.normalize("NFKC", commit)


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
        # Keys the decoder holds back right now: (what the decoder was fed, the key's own
        # text), so keys given back to the field read as they were typed (CapsLock and all).
        self._held: list[tuple[str, str]] = []
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setInterval(max(int(decoder.settings.max_gap * 1000) // 2, 5))
        self._timer.timeout.connect(self._on_tick)

    def use(self, decoder: WedgeDecoder) -> None:
        """Decode with `decoder` from now on (the Devices page saved new wedge settings)."""
        self.decoder = decoder
        self._timer.setInterval(max(int(decoder.settings.max_gap * 1000) // 2, 5))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (not self.enabled or self._replaying or not self._is_target(watched)
                or kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease,
                                QEvent.Type.InputMethod)):
            return False
        if kind == QEvent.Type.InputMethod:
            assert isinstance(event, QInputMethodEvent)
            return self._composed(watched, event)
        assert isinstance(event, QKeyEvent)
        if event.key() in MODIFIER_KEYS:
            self.decoder.touch(self._event_time(event))  # Shift inside a scanner's burst
            return False
        if kind == QEvent.Type.KeyRelease:
            return False
        return self._pressed(event)

    def flush(self) -> None:
        """Give any held keys back to the focused field now."""
        if self._held:
            self._apply(self.decoder.tick(math.inf))

    def _pressed(self, event: QKeyEvent) -> bool:
        text = self._char(event)
        if text is None:
            self.flush()  # an F-key or arrow: keys typed before it reach the field first
            return False
        fed = scanner_char(event, text)
        return self._apply(self.decoder.feed(fed, self._event_time(event)), (fed, text))

    def _composed(self, watched: QObject, event: QInputMethodEvent) -> bool:
        """An input method's event in a code field (one that ignored the field's hints):
        its preedit never shows; what it commits is fed to the decoder like keys."""
        if not is_code_field(watched):
            self.flush()
            return False
        commit = composed_text(event.commitString())
        if not (commit.isascii() and commit.isprintable()):
            return False  # a word the person chose in the IME: the field takes it as it is
        now = self._now()
        for ch in commit:
            if not self._apply(self.decoder.feed(ch, now), (ch, ch)):
                self._replay(ch)  # outside a prefixed frame: typing
        return True  # the preedit (拼音 letters being composed) stays out of the field

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

    def _apply(self, result: WedgeResult, key: tuple[str, str] | None = None) -> bool:
        if result.release:
            self._replay(self._given_back(result.release))
        if result.code is not None:
            held, self._held = self._held, []
            ending = key[1] if key is not None else ""
            self._deliver(result.code, "".join(text for _fed, text in held) + ending)
        elif result.swallow and key is not None and self._is_held(key[0]):
            self._held.append(key)
        if self._held and not self._timer.isActive():
            self._timer.start()
        elif not self._held:
            self._timer.stop()
        return result.swallow

    def _deliver(self, code: str, typed: str) -> None:
        """A finished burst: a scan or swipe for the till, or, in a field that takes no codes,
        fast typing that reaches the field as typed (its Enter too). A swipe never does: card
        data is not typed into a name or a note."""
        if (types_text(QApplication.focusWidget()) and not self.decoder.settings.prefix
                and not looks_like_swipe(code)):
            self._replay(typed)
            return
        # Deliver after the key event is done: the slot may open a dialog.
        QTimer.singleShot(0, lambda: self.burst.emit(code))

    def _is_held(self, fed: str) -> bool:
        settings = self.decoder.settings
        return fed not in "\r\n\t" and fed != settings.prefix and fed != settings.suffix

    def _given_back(self, release: str) -> str:
        """The released keys' own text; the decoder's text if the two ever disagree."""
        taken, self._held = self._held[:len(release)], self._held[len(release):]
        if "".join(fed for fed, _text in taken) != release:
            return release
        return "".join(text for _fed, text in taken)

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
        self._apply(self.decoder.tick(self._now()))

    def _replay(self, text: str) -> None:
        target = QApplication.focusWidget() or QApplication.activeWindow()
        if target is None or not text:
            return
        self._replaying = True
        try:
            for ch in text:
                key = _REPLAY_KEYS.get(ch) or (
                    ord(ch.upper()) if ch.isascii() and ch.isalnum() else Qt.Key.Key_unknown)
                press = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch)
                QApplication.sendEvent(target, press)
        finally:
            self._replaying = False
