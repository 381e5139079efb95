"""The till locks itself after idle time, but never in the middle of a payment."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.screens.main_window import MainWindow


@pytest.fixture
def idle_lock() -> float:
    return 0.3


def test_idle_till_locks_itself(cashier_keys, window: MainWindow, qtbot) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan("6901234567892")
    qtbot.waitUntil(lambda: window.session.locked, timeout=3000)
    assert window.stack.currentWidget() is window.login
    assert window.sale.total.fen == 59900  # the sale waits behind the lock


def test_no_lock_while_a_payment_is_open(cashier_keys, window: MainWindow, qtbot) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan("6901234567892")
    keys.press(Qt.Key.Key_Return)
    keys.dialog("payment_dialog")
    qtbot.wait(700)
    assert not window.session.locked
