"""The wedge filter on the keys' own timestamps: a scanner's burst, a person's typing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.wedge_filter import WedgeFilter, takes_codes
from hardware.wedge import WedgeDecoder


@pytest.fixture
def field(qtbot, qapp: QApplication) -> Iterator[tuple[QLineEdit, WedgeFilter, list[str]]]:
    edit = QLineEdit()
    takes_codes(edit)  # the sale screen's input: bursts there are scans
    qtbot.addWidget(edit)
    edit.show()
    edit.activateWindow()
    edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    wedge = WedgeFilter(WedgeDecoder())  # no clock: the events' timestamps count
    bursts: list[str] = []
    wedge.burst.connect(bursts.append)
    qapp.installEventFilter(wedge)
    yield edit, wedge, bursts
    qapp.removeEventFilter(wedge)


def press(edit: QLineEdit, text: str, at_ms: int) -> None:
    key = Qt.Key.Key_Return if text == "\r" else ord(text.upper())
    event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
    event.setTimestamp(at_ms)
    QApplication.sendEvent(edit, event)


def test_keys_five_ms_apart_are_a_scan(field, qtbot) -> None:
    edit, _wedge, bursts = field
    for i, ch in enumerate("6901234567892\r"):
        press(edit, ch, 10_000 + 5 * i)
    qtbot.waitUntil(lambda: bursts == ["6901234567892"], timeout=1000)
    assert edit.text() == ""


def test_keys_a_person_typed_reach_the_field_even_if_handled_late(field, qtbot) -> None:
    edit, _wedge, bursts = field
    # All handled at once (the window was busy), but pressed 120 ms apart.
    for i, ch in enumerate("ymwt"):
        press(edit, ch, 20_000 + 120 * i)
    press(edit, "\r", 20_000 + 120 * 4)
    qtbot.wait(50)
    assert edit.text() == "ymwt"
    assert bursts == []
