"""The cashier's session: shift open and close, lock, hold and recall, a manager's override."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from sqlalchemy import text

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from domain.clock import FixedClock
from domain.services.proofs import APPROVAL_TTL
from hardware.peers.printer_peer import PrinterPeer

COAT, SCARF = "6901234567892", "6901234567984"


def test_wrong_pin_is_refused_without_saying_which_part(cashier_keys, window: MainWindow) -> None:
    keys = cashier_keys
    window.login.number.setFocus()
    keys.type("1001")
    keys.type("9999")
    assert "staff number or PIN is wrong" in window.login.error.text()
    assert window.stack.currentWidget() is window.login


def test_shift_closes_with_counted_cash_and_logs_out(cashier_keys, window: MainWindow,
                                                     store: App) -> None:
    keys = cashier_keys
    keys.login(float_yuan="500")
    keys.scan(SCARF)
    keys.press(Qt.Key.Key_Return)
    keys.dialog("payment_dialog")
    keys.type("100")  # ￥89 sale, ￥11 change: the drawer should hold ￥589
    keys.no_dialog()
    keys.press(Qt.Key.Key_F12, Qt.KeyboardModifier.ShiftModifier)
    keys.dialog("shift_close_dialog")
    keys.type("580")
    closed = keys.dialog("shift_closed_dialog")
    assert "￥589.00" in keys.child("shift_expected", closed).text()
    assert "-￥9.00" in keys.child("shift_over_short", closed).text()
    keys.press(Qt.Key.Key_Return)
    keys.no_dialog()
    assert window.stack.currentWidget() is window.login
    with store.store.engine.connect() as conn:
        row = conn.execute(text("SELECT expected_fen, counted_fen FROM shifts")).one()
    assert tuple(row) == (58900, 58000)


def test_next_login_picks_up_the_open_shift(cashier_keys, window: MainWindow) -> None:
    keys = cashier_keys
    keys.login(float_yuan="300")
    window.logout()
    keys.login(float_yuan="")  # no float asked again: the shift is still open
    assert "shift of 2025-05-06" in keys.child("status_staff").text()


def test_lock_keeps_the_sale_and_opens_for_the_same_cashier(cashier_keys,
                                                             window: MainWindow) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan(COAT)
    keys.press(Qt.Key.Key_F12)
    assert window.stack.currentWidget() is window.login
    assert window.login.number.text() == "1001"
    window.login.number.clear()
    window.login.number.setFocus()
    keys.type("3001")
    keys.type("3579")  # a front-desk colleague may not open it
    assert "locked the till" in window.login.error.text()
    window.login.number.clear()
    window.login.number.setFocus()
    keys.type("1001")
    keys.type("1357")
    assert window.stack.currentWidget() is window.sale
    assert window.sale.total.fen == 59900


def test_hold_and_recall_a_sale(cashier_keys, window: MainWindow) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan(COAT)
    keys.press(Qt.Key.Key_F6)
    assert window.sale.total.fen == 0
    assert "on hold" in window.sale.alert.text()
    keys.scan(SCARF)
    keys.press(Qt.Key.Key_F7)
    assert "Finish or hold" in window.sale.alert.text()  # one sale at a time
    keys.press(Qt.Key.Key_F3)  # void the scarf line
    keys.press(Qt.Key.Key_F7)
    keys.dialog("recall_dialog")
    keys.press(Qt.Key.Key_Return)
    keys.no_dialog()
    assert window.sale.total.fen == 59900
    assert window.session.held == []


def test_discount_beyond_the_limit_needs_the_manager(cashier_keys, window: MainWindow,
                                                     printer_peer: PrinterPeer,
                                                     store: App) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan(COAT)
    keys.press(Qt.Key.Key_F9)
    keys.dialog("discount_dialog")
    keys.type("100")  # ￥100 off ￥599 is beyond the cashier's 10 %
    keys.dialog("manager_dialog")
    keys.press(Qt.Key.Key_Escape)  # no manager around
    keys.no_dialog()
    assert window.sale.total.fen == 59900
    assert "No manager approved" in window.sale.alert.text()
    keys.press(Qt.Key.Key_F9)
    keys.dialog("discount_dialog")
    keys.type("100")
    keys.dialog("manager_dialog")
    keys.type("2001")
    keys.type("2468")
    keys.no_dialog()
    assert window.sale.total.fen == 49900
    keys.press(Qt.Key.Key_Return)
    keys.dialog("payment_dialog")
    keys.type("499")
    keys.no_dialog()
    with store.store.engine.connect() as conn:
        rows = conn.execute(text("SELECT action, approved_by FROM audit_log "
                                 "WHERE action = 'override_discount'")).all()
    assert len(rows) == 1 and rows[0][1] is not None


def test_an_approval_that_ran_out_is_asked_for_again_at_payment(
        cashier_keys, window: MainWindow, store: App, clock: FixedClock) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan(COAT)
    keys.press(Qt.Key.Key_F9)
    keys.dialog("discount_dialog")
    keys.type("100")
    keys.dialog("manager_dialog")
    keys.type("2001")
    keys.type("2468")
    keys.no_dialog()
    clock.advance(APPROVAL_TTL + timedelta(minutes=1))  # the customer went for another size
    keys.press(Qt.Key.Key_Return)
    keys.dialog("manager_dialog")  # not a refusal: the manager is asked again, then payment
    keys.type("2001")
    keys.type("2468")
    keys.dialog("payment_dialog")
    keys.type("499")
    keys.no_dialog()
    with store.store.engine.connect() as conn:
        given = conn.execute(text("SELECT count(*) FROM audit_log "
                                  "WHERE action = 'approval_given'")).scalar()
    assert given == 2


def test_cancel_sale_needs_the_key_twice(cashier_keys, window: MainWindow) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan(COAT)
    keys.press(Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.sale.total.fen == 59900
    keys.press(Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.sale.total.fen == 0


def test_help_lists_every_key(cashier_keys, window: MainWindow) -> None:
    keys = cashier_keys
    keys.login()
    keys.press(Qt.Key.Key_F1)
    help_dialog = keys.dialog("help_dialog")
    listed = keys.child("help_keys", help_dialog).text()
    for key in ("F2", "F10", "Shift+F12"):
        assert f"<b>{key}</b>" in listed
    keys.press(Qt.Key.Key_Escape)
    keys.no_dialog()
