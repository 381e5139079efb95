"""The wedge filter fed recorded HID key events: Shift around capitals and symbols, CapsLock,
an input method's composition, and fast typing in a field that does not take codes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QInputMethodQueryEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from desktop.wedge_filter import WedgeFilter, takes_codes
from hardware.wedge import WedgeDecoder
from tests.gui import hid_keys
from tests.gui.hid_keys import play, strokes

CODES = {
    "receipt": "S001-T01-000665",
    "track 1 and 2": "%B1303101000013^ZHANG/SAN^2912101?;1303101000013=2912101?",
    "track 2": ";1303101000013=2912101?",
    "track 2, number only": ";1303101000013?",
    "coupon": "7K3Q-M9TB-X2PA",
    "dynamic QR": "KK1AAAAASTQ3MYYAAAAAAAAAAAAAAAAAZ2QHGOJXNGLTKLUQ",
    "long mixed-case QR": "https://m.kaika.cn/c?t=Ab3_dE-fG9~hIjK:LmN%20oP&q=Zz{1}|\"<>",
}


@dataclass
class Rig:
    code: QLineEdit  # a field that takes codes (the sale screen's input)
    text: QLineEdit  # a field that does not (a name, a file name)
    clock: hid_keys.Clock
    bursts: list[str]


@pytest.fixture
def rig(qtbot, qapp: QApplication) -> Iterator[Rig]:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    code, text = QLineEdit(window), QLineEdit(window)
    takes_codes(code)
    layout.addWidget(code)
    layout.addWidget(text)
    window.show()
    window.activateWindow()
    code.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is code)
    clock = hid_keys.Clock()
    wedge = WedgeFilter(WedgeDecoder(), clock)
    bursts: list[str] = []
    wedge.burst.connect(bursts.append)
    qapp.installEventFilter(wedge)
    yield Rig(code, text, clock, bursts)
    qapp.removeEventFilter(wedge)


@pytest.mark.parametrize("caps_lock", [False, True], ids=["caps-off", "caps-on"])
@pytest.mark.parametrize("report_ms", [1.0, 8.0], ids=["1ms", "8ms"])
@pytest.mark.parametrize("code", CODES.values(), ids=CODES.keys())
def test_a_hid_burst_with_shift_is_one_whole_code(rig: Rig, qtbot, code: str, report_ms: float,
                                                  caps_lock: bool) -> None:
    play(strokes(code, report_ms=report_ms, caps_lock=caps_lock), rig.clock)
    qtbot.waitUntil(lambda: rig.bursts == [code], timeout=1000)
    qtbot.wait(20)
    assert rig.bursts == [code]  # one burst, nothing split off
    assert rig.code.text() == ""  # and no key of it landed in the field


def test_a_person_typing_with_shift_and_capslock_gets_what_the_keys_say(rig: Rig, qtbot) -> None:
    # CapsLock on, a person types "Ab1" 120 ms apart: Shift+a reads "a", b reads "B".
    sequence = [hid_keys.Stroke(s.at_ms * 60, s.press, s.key, s.modifiers, s.text)
                for s in strokes("Ab1", report_ms=2.0, caps_lock=True, suffix="")]
    play(sequence, rig.clock)
    rig.clock.now += 1.0
    qtbot.waitUntil(lambda: rig.code.text() == "aB1", timeout=1000)
    assert rig.bursts == []


def _composition(code: str, full_width: bool, step_ms: float = 3.0) -> list[QInputMethodEvent]:
    """An IME in its Latin mode: each key shows as preedit, then is committed (full-width
    ＡＢ１ when the IME's full-width switch is on)."""
    events = []
    for ch in code:
        events.append(QInputMethodEvent(ch, []))
        commit = QInputMethodEvent("", [])
        wide = chr(ord(ch) + 0xFEE0) if full_width and "!" <= ch <= "~" else ch
        commit.setCommitString(wide)
        events.append(commit)
    return events


@pytest.mark.parametrize("full_width", [False, True], ids=["half-width", "full-width"])
def test_composition_events_do_not_corrupt_a_scanned_code(rig: Rig, qtbot,
                                                          full_width: bool) -> None:
    code = "S001-T01-000665"
    shown: list[str] = []
    rig.code.textChanged.connect(shown.append)
    for event in _composition(code, full_width):
        rig.clock.now += 0.003
        QApplication.sendEvent(rig.code, event)
    play(strokes("", report_ms=3.0), rig.clock, after_s=0.003)  # the IME lets Enter through
    qtbot.waitUntil(lambda: rig.bursts == [code], timeout=1000)
    assert rig.code.text() == "" and shown == []  # no preedit or half code ever showed


def test_a_code_field_declares_latin_input_and_no_input_method(rig: Rig) -> None:
    hints = rig.code.inputMethodHints()
    for hint in (Qt.InputMethodHint.ImhLatinOnly, Qt.InputMethodHint.ImhNoPredictiveText,
                 Qt.InputMethodHint.ImhPreferLatin):
        assert hints & hint
    assert not rig.code.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    assert not asks_input_method(rig.code)
    assert asks_input_method(rig.text)  # names and notes: 拼音 stays on


def asks_input_method(widget: QWidget) -> bool:
    """What the platform input method asks a focused widget before it composes into it."""
    query = QInputMethodQueryEvent(Qt.InputMethodQuery.ImEnabled)
    QApplication.sendEvent(widget, query)
    return bool(query.value(Qt.InputMethodQuery.ImEnabled))


def test_fast_typing_in_a_field_that_takes_no_codes_arrives_as_typed(rig: Rig, qtbot) -> None:
    rig.text.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is rig.text)
    entered: list[str] = []
    rig.text.returnPressed.connect(lambda: entered.append(rig.text.text()))
    play(strokes("26-12-07.pdf", report_ms=2.0), rig.clock)  # faster than any scanner
    assert entered == ["26-12-07.pdf"]
    assert rig.bursts == []


def test_a_card_swiped_while_a_name_field_has_the_keys_is_a_swipe_not_text(rig: Rig,
                                                                          qtbot) -> None:
    rig.text.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is rig.text)
    swipe = "%B4111111111111111^DEMO/CARD^2912101?;4111111111111111=2912101?"
    play(strokes(swipe, report_ms=2.0), rig.clock)
    qtbot.waitUntil(lambda: rig.bursts == [swipe], timeout=1000)
    assert rig.text.text() == ""  # a bank card's data never lands in a text field
