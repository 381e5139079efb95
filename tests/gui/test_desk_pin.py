"""Front desk, payment PIN: the member types a new PIN twice on the numpad; from then on only
that PIN pays from stored value at the till. A mismatch or a too-simple PIN saves nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget
from sqlalchemy import text

from desktop import feedback
from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.payment import PaymentViewModel
from desktop.viewmodels.sale import SaleViewModel
from domain.errors import DomainError
from domain.records import Staff
from domain.services import member_pin
from domain.services.members import MemberView
from tests.gui.desk_keys import desk_login, open_page

NEW_PIN = "250819"
ZHANG_MOBILE = "13800138000"  # 张三: ￥1,050 stored value; no PIN of her own in the demo


def _touch(dialog: QWidget, digits: str) -> None:
    """The member presses the on-screen keys, then the numpad's Enter."""
    for digit in digits:
        button = dialog.findChild(QPushButton, f"numpad_{digit}")
        assert button is not None, digit
        button.click()
    enter = dialog.findChild(QPushButton, "numpad_enter")
    assert enter is not None
    enter.click()


def _wallet_sale(env: TillEnv, cashier: Staff, card: str) -> PaymentViewModel:
    sale = SaleViewModel.start(env, cashier, None)
    sale.enter("A1001")  # ￥599: above the ￥500 limit, so stored value asks for the PIN
    sale.enter(card)
    return PaymentViewModel(sale)


def _pin_rows(store: App) -> int:
    with store.store.engine.connect() as conn:
        return conn.execute(text(
            "SELECT count(*) FROM audit_log WHERE action LIKE 'member_pin%'")).scalar_one()


def test_pin_set_on_the_numpad_pays_and_the_mobile_digits_no_longer_do(
        cashier_keys, window: MainWindow, env: TillEnv, cashier: Staff, cards: list[str],
        store: App) -> None:
    keys = cashier_keys
    desk_login(keys, window)
    page = open_page(keys, window, "desk_wallet")
    button = keys.child("pin_set", page)
    assert not button.isEnabled()  # no member chosen yet
    keys.type(ZHANG_MOBILE)
    assert button.isEnabled()
    assert "last six digits of the registered mobile" in keys.child("pin_state", page).text()
    keys.press(Qt.Key.Key_F6)
    dialog = keys.dialog("pin_dialog")
    first = keys.child("pin_first", dialog)
    assert first.echoMode() is QLineEdit.EchoMode.Password
    keys.type(NEW_PIN)  # typed, then Enter moves to the second field
    assert keys.focus() is keys.child("pin_again", dialog)
    _touch(dialog, NEW_PIN)  # the same again on the on-screen keys
    keys.no_dialog()
    assert "new payment PIN is saved" in keys.child("pin_result", page).text()
    assert "own PIN, set on" in keys.child("pin_state", page).text()
    assert all(NEW_PIN not in label.text() for label in page.findChildren(QWidget, "pin_state")
               + page.findChildren(QWidget, "pin_result"))
    assert _pin_rows(store) == 1  # audited once: member_pin_set

    pay = _wallet_sale(env, cashier, cards[0])
    with pytest.raises(DomainError) as err:
        pay.add_wallet(pin=ZHANG_MOBILE[-6:])
    assert err.value.params["left"] == member_pin.MAX_TRIES - 1
    assert feedback.describe(err.value).text == (
        "The PIN is wrong. Tries left today before stored value locks: 4. Ask the member to "
        "type it again.")
    assert pay.add_wallet(pin=NEW_PIN).balanced
    assert pay.complete().sale.total_fen == 59900


def test_a_mismatch_or_a_too_simple_pin_is_named_and_nothing_is_saved(
        cashier_keys, window: MainWindow, zhang: MemberView, store: App) -> None:
    keys = cashier_keys
    desk_login(keys, window)
    page = open_page(keys, window, "desk_wallet")
    keys.type(ZHANG_MOBILE)
    keys.press(Qt.Key.Key_F6)
    dialog = keys.dialog("pin_dialog")
    error = keys.child("error", dialog)
    keys.type("123456")  # a run: refused at the first Enter, before typing it twice
    assert "too easy to guess" in error.text()
    assert keys.focus() is keys.child("pin_first", dialog)
    keys.type("250")  # 4 to 6 digits, as the service takes them from any caller
    assert error.text() == "A PIN is 4 to 6 digits. Type it again."
    keys.type(NEW_PIN)
    keys.type("250818")
    assert error.text().startswith("The two PINs are not the same, so nothing was saved.")
    assert keys.child("pin_first", dialog).text() == ""
    assert keys.child("pin_again", dialog).text() == ""
    assert dialog.isVisible()
    keys.press(Qt.Key.Key_Escape)
    keys.no_dialog()
    assert not member_pin.has_own_pin(store.ctx, zhang.member.id)
    assert _pin_rows(store) == 0
    assert keys.child("pin_result", page).text() == ""


def test_a_locked_member_is_told_and_a_new_pin_from_the_members_page_lifts_the_lock(
        cashier_keys, window: MainWindow, zhang: MemberView, store: App) -> None:
    for _ in range(member_pin.MAX_TRIES - 1):
        assert not member_pin.check_pin(store.ctx, zhang.member, "000000")
    with pytest.raises(DomainError):
        member_pin.check_pin(store.ctx, zhang.member, "000000")  # the fifth: locked
    keys = cashier_keys
    desk_login(keys, window)
    page = open_page(keys, window, "desk_lookup")
    keys.type(ZHANG_MOBILE)
    state = keys.child("pin_state", page)
    assert state.text().startswith("Stored value is locked today: the PIN was wrong 5 times.")
    keys.press(Qt.Key.Key_F6)
    keys.dialog("pin_dialog")
    keys.type(NEW_PIN)
    keys.type(NEW_PIN)
    keys.no_dialog()
    assert not member_pin.pin_state(store.ctx, zhang.member.id).locked
    assert state.text().startswith("The member's own PIN, set on")
    assert member_pin.check_pin(store.ctx, zhang.member, NEW_PIN)
