"""Issue 12, keys and lines: the F-keys act on the line just scanned, unknown barcodes, report
keys wherever the focus is, a typed card number, the points preview, the member's coupons,
scanning in the return dialog, percent and whole-ticket discounts, sign-up at the till.

Every test drives the till as a cashier does: key events into whatever has the focus, on a
1024×768 window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.screens.main_window import MainWindow
from domain.services.members import MemberView
from hardware.peers.printer_peer import PrinterPeer
from tests.gui.conftest import Cashier, tasks_done
from tests.gui.test_manage_audit import office_login

COAT, SCARF = "6901234567892", "6901234567984"  # 羊毛外套 ￥599, 丝巾 ￥89


@pytest.fixture
def keys(cashier_keys: Cashier, window: MainWindow, qtbot: QtBot) -> Cashier:
    """The cashier at a 1024×768 till panel."""
    window.resize(1024, 768)
    qtbot.wait(10)
    return cashier_keys


def qty_of(window: MainWindow) -> dict[str, int]:
    return {ln.name: ln.qty for ln in window.sale.sale().view().lines}


def test_f2_f3_f9_act_on_the_line_just_scanned_and_name_it(keys: Cashier,
                                                          window: MainWindow) -> None:
    keys.login()
    keys.scan(COAT)
    keys.scan(SCARF)
    keys.press(Qt.Key.Key_F2)
    dialog = keys.dialog("qty_dialog")
    assert "丝巾" in keys.child("prompt_label", dialog).text()
    keys.type("3")
    keys.no_dialog()
    assert qty_of(window) == {"羊毛外套": 1, "丝巾": 3}  # not the first line
    keys.press(Qt.Key.Key_Up)  # the cashier chooses the coat
    keys.press(Qt.Key.Key_F9)
    dialog = keys.dialog("discount_dialog")
    assert "羊毛外套" in keys.child("prompt_label", dialog).text()
    keys.press(Qt.Key.Key_Escape)
    keys.no_dialog()
    keys.scan(SCARF)  # scanned again: its line is the chosen one once more
    assert qty_of(window) == {"羊毛外套": 1, "丝巾": 4}
    keys.press(Qt.Key.Key_F3)
    assert qty_of(window) == {"羊毛外套": 1}
    assert "丝巾" in window.sale.alert.text()


def test_an_unknown_ean13_is_an_unknown_product_not_a_card(keys: Cashier,
                                                           window: MainWindow) -> None:
    keys.login()
    keys.scan("6901234567007")  # a good EAN-13 this store does not sell
    text = window.sale.alert.text()
    assert "No product with this barcode" in text
    assert "card" not in text
    keys.type("4006381333931")  # typed from the label: the same answer
    assert "No product with this barcode" in window.sale.alert.text()
    keys.scan("6901234560046")  # its check digit passes Luhn too: still no such card
    assert "No product with this barcode" in window.sale.alert.text()
    assert window.sale.sale().view().member is None


def save_as(qtbot: QtBot, path: Path) -> list[bool]:
    """Answer the save-file dialog the next key opens with `path` (it runs its own loop)."""
    answered: list[bool] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.selectFile(str(path))
        dialog.accept()
        answered.append(True)
    QTimer.singleShot(20, answer)
    return answered


def test_report_keys_work_wherever_the_focus_is_on_the_page(
        keys: Cashier, window: MainWindow, qtbot: QtBot, printer_peer: PrinterPeer,
        tmp_path: Path) -> None:
    window.login.number.setFocus()
    keys.type("2001")
    keys.type("2468")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.office, timeout=3000)
    assert window.office is not None
    page = window.office.open("manage_z")
    qtbot.waitUntil(lambda: page.isAncestorOf(QApplication.focusWidget()), timeout=3000)
    tasks_done(qtbot, window)  # the Z is read on the task runner
    keys.press(Qt.Key.Key_F6)  # at once, no click first
    log = printer_peer.wait_for(lambda log: log.cuts >= 1, timeout=5.0)
    assert log.cuts >= 1
    keys.child("z_view", page).setFocus()  # the report body
    keys.press(Qt.Key.Key_F6)
    log = printer_peer.wait_for(lambda log: log.cuts >= 2, timeout=5.0)
    assert log.cuts >= 2
    date_edit = keys.child("z_date", page)
    QTest.mouseClick(date_edit, Qt.MouseButton.LeftButton)  # the manager picks the date
    assert page.isAncestorOf(keys.focus())
    pdf = tmp_path / "z.pdf"
    answered = save_as(qtbot, pdf)
    keys.press(Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: bool(answered), timeout=3000)
    assert pdf.read_bytes().startswith(b"%PDF")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    keys.child("z_prev", page).setFocus()  # a button of the date bar
    csv_file = tmp_path / "z.csv"
    answered = save_as(qtbot, csv_file)
    keys.press(Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: bool(answered), timeout=3000)
    assert csv_file.read_text(encoding="utf-8-sig")


def test_the_points_preview_is_what_a_stored_value_payment_earns(
        keys: Cashier, window: MainWindow, cards: list[str], stripe: Callable[[str], str],
        printer_peer: PrinterPeer) -> None:
    keys.login()
    keys.scan(stripe(cards[0]))  # 张三: ￥1,000 principal and ￥50 bonus
    keys.scan(COAT)
    keys.scan(SCARF)
    assert "1,376" in window.sale.points.text()  # ￥688 in money, × 2
    keys.press(Qt.Key.Key_Return)
    pay = keys.dialog("payment_dialog")
    keys.press(Qt.Key.Key_F4)  # stored value, the whole ￥688 suggested
    preview = keys.child("pay_balances", pay).text()
    assert "this sale earns 1,310 points" in preview  # ￥32.76 of it is bonus: no points
    keys.type("300", enter=False)  # ￥300 from stored value, the rest in cash
    assert "this sale earns 1,347 points" in keys.child("pay_balances", pay).text()
    keys.press(Qt.Key.Key_Return)  # ￥300: under the PIN limit
    keys.press(Qt.Key.Key_F1)
    keys.press(Qt.Key.Key_Return)
    keys.no_dialog()
    assert "1,347 points earned" in window.sale.alert.text()
    log = printer_peer.wait_for(lambda log: log.cuts >= 1, timeout=5.0)
    assert any("本单积分" in line and "1347" in line for line in log.lines)


def test_a_typed_card_number_is_not_a_card_shown(keys: Cashier, window: MainWindow,
                                                 cards: list[str],
                                                 stripe: Callable[[str], str]) -> None:
    keys.login()
    keys.press(Qt.Key.Key_F4)
    keys.dialog("member_dialog")
    keys.type(cards[0])  # the member says the number aloud
    keys.no_dialog()
    panel = keys.child("member_name").text()
    assert "(card)" not in panel and "not shown" in panel
    keys.scan(SCARF)  # ¥89: under the amount that needs a PIN with the card
    keys.press(Qt.Key.Key_Return)
    keys.dialog("payment_dialog")
    keys.press(Qt.Key.Key_F4)
    keys.press(Qt.Key.Key_Return)
    keys.dialog("pin_dialog")  # no card: the member's PIN
    keys.type("138000")
    keys.no_dialog()
    assert "saved" in window.sale.alert.text()
    keys.scan(stripe(cards[0]))  # the next sale: the card swiped
    assert "(card)" in keys.child("member_name").text()
    keys.scan(SCARF)
    keys.press(Qt.Key.Key_Return)
    keys.dialog("payment_dialog")
    keys.press(Qt.Key.Key_F4)
    keys.press(Qt.Key.Key_Return)  # no PIN asked: the sale is saved at once
    keys.no_dialog()
    assert "saved" in window.sale.alert.text()


def test_a_typed_card_number_is_not_a_card_shown_in_chinese(
        keys: Cashier, window: MainWindow, cards: list[str], qapp: QApplication) -> None:
    installed = i18n.install(qapp, "zh_CN")
    try:
        keys.login()
        keys.press(Qt.Key.Key_F4)
        keys.dialog("member_dialog")
        keys.type(cards[0])
        keys.no_dialog()
        assert "已出示会员卡" not in keys.child("member_name").text()
    finally:
        i18n.uninstall(qapp, installed)
        i18n.install(qapp, "en")


def test_the_members_coupons_are_picked_from_the_panel(
        keys: Cashier, window: MainWindow, cards: list[str], zhang: MemberView,
        stripe: Callable[[str], str]) -> None:
    code = zhang.coupons[0].code  # the ￥50 sign-up coupon
    keys.login()
    keys.scan(stripe(cards[0]))
    keys.scan(COAT)
    button = keys.child("member_coupon_0")
    assert code[-4:] in button.text() and "￥50.00" in button.text()
    keys.press(Qt.Key.Key_F5)
    keys.dialog("coupon_dialog")
    keys.type(code[-4:].lower())  # what the panel shows, read off the screen
    keys.no_dialog()
    assert window.sale.sale().view().coupons == (code,)
    assert window.sale.total.fen == 59900 - 5000
    keys.press(Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    keys.press(Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)  # the sale is cancelled
    keys.scan(stripe(cards[0]))
    keys.scan(COAT)
    QTest.mouseClick(keys.child("member_coupon_0"), Qt.MouseButton.LeftButton)  # by touch
    assert window.sale.sale().view().coupons == (code,)
    assert "Coupon added" in window.sale.alert.text()
    keys.press(Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    keys.press(Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    keys.scan(stripe(cards[0]))
    keys.scan(COAT)
    keys.type(code[-4:])  # straight into the code field
    assert window.sale.sale().view().coupons == (code,)


def test_in_the_return_a_scanned_item_chooses_its_line_and_keys_set_how_many(
        keys: Cashier, window: MainWindow, printer_peer: PrinterPeer) -> None:
    keys.login()
    keys.scan(COAT)
    keys.scan(SCARF)
    keys.scan(SCARF)  # 羊毛外套 ×1, 丝巾 ×2
    keys.press(Qt.Key.Key_Return)
    keys.dialog("payment_dialog")
    keys.type("800")
    keys.no_dialog()
    keys.scan("S001-T01-000001")
    returns = keys.dialog("returns_dialog")
    keys.scan(SCARF)  # the customer hands a scarf back: its line, one of it
    table = keys.child("return_lines", returns)
    assert table.currentRow() == 1
    assert keys.child("return_qty_2", returns).value() == 1
    assert keys.child("return_refund", returns).fen == 8900
    keys.scan(SCARF)
    assert keys.child("return_qty_2", returns).value() == 2
    keys.scan(SCARF)  # a third: there were only two
    assert "Only 2" in keys.child("error", returns).text()
    keys.press(Qt.Key.Key_Up)  # the coat's line
    assert table.currentRow() == 0
    keys.type("1")  # how many of it
    assert keys.child("return_qty_1", returns).value() == 1
    keys.type("-", enter=False)  # + and − step the chosen line
    assert keys.child("return_qty_1", returns).value() == 0
    keys.type("+", enter=False)
    assert keys.child("return_refund", returns).fen == 59900 + 17800
    keys.type("-", enter=False)
    keys.press(Qt.Key.Key_F10)
    assert "Refunded ￥178.00" in keys.child("return_outcome", returns).text()


def test_percent_discounts_on_a_line_and_the_whole_sale_beyond_the_limit_need_a_manager(
        keys: Cashier, window: MainWindow, printer_peer: PrinterPeer) -> None:
    keys.login()
    keys.scan(COAT)
    keys.scan(SCARF)
    keys.press(Qt.Key.Key_F9)  # on the scarf, just scanned
    dialog = keys.dialog("discount_dialog")
    keys.type("9", enter=False)
    QTest.mouseClick(keys.child("prompt_zhe", dialog), Qt.MouseButton.LeftButton)  # 9折
    keys.press(Qt.Key.Key_Return)  # within the cashier's 10 %: no manager
    keys.no_dialog()
    assert window.sale.total.fen == 59900 + 8010
    keys.press(Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    dialog = keys.dialog("ticket_discount_dialog")
    keys.type("8", enter=False)
    QTest.mouseClick(keys.child("prompt_zhe", dialog), Qt.MouseButton.LeftButton)
    keys.press(Qt.Key.Key_Return)  # 8折, 20 % off the whole sale: beyond the limit
    keys.dialog("manager_dialog")
    keys.press(Qt.Key.Key_Escape)  # no manager comes: the whole-sale discount is taken off
    keys.no_dialog()
    assert window.sale.total.fen == 59900 + 8010
    assert "nothing was changed" in window.sale.alert.text()
    keys.press(Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    keys.dialog("ticket_discount_dialog")
    keys.type("80%")
    keys.dialog("manager_dialog")
    keys.type("2001")
    keys.type("2468")
    keys.no_dialog()
    assert window.sale.total.fen == 54328  # (599 + 80.10) × 0.8
    assert "Whole-sale discount 20% off" in keys.child("sale_lines").item(0, 4).text()
    keys.press(Qt.Key.Key_Return)
    keys.dialog("payment_dialog")
    keys.type("600")
    keys.no_dialog()
    assert "saved" in window.sale.alert.text()
    log = printer_peer.wait_for(lambda log: log.cuts >= 1, timeout=5.0)
    assert any("合计" in line and "￥543.28" in line for line in log.lines)


def test_a_cashier_signs_a_customer_up_at_the_till_when_the_store_allows_it(
        keys: Cashier, window: MainWindow, qtbot: QtBot) -> None:
    keys.login()  # the store does not allow it yet: an unknown mobile is refused
    keys.press(Qt.Key.Key_F4)
    dialog = keys.dialog("member_dialog")
    keys.type("13912345678")
    assert "member" in keys.child("error", dialog).text().lower()
    keys.press(Qt.Key.Key_Escape)
    keys.no_dialog()
    window.logout()
    office_login(keys, window, "2001", "2468")  # the owner switches it on
    assert window.office is not None
    page = window.office.open("manage_staff")
    page.tabs.setCurrentIndex(1)
    QTest.mouseClick(keys.child("staff_cashier_signup", page), Qt.MouseButton.LeftButton)
    table = keys.child("staff_permissions", page)
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Sign members up"] == "✓"  # the cashier's column
    window.logout()
    keys.login(float_yuan="")
    keys.scan(SCARF)
    keys.press(Qt.Key.Key_F4)
    keys.dialog("member_dialog")
    keys.type("13912345678")
    signup = keys.dialog("signup_dialog")
    assert keys.child("signup_mobile", signup).text() == "13912345678"
    name_at = keys.child("signup_name", signup).geometry()
    keys.type("Li Lei")  # Enter without the privacy consent: refused, nothing moves
    assert "privacy" in keys.child("error", signup).text()
    assert keys.child("signup_name", signup).geometry() == name_at
    QTest.mouseClick(keys.child("signup_privacy", signup), Qt.MouseButton.LeftButton)
    keys.child("signup_name", signup).setFocus()
    keys.press(Qt.Key.Key_Return)
    keys.no_dialog()
    member = window.sale.sale().view().member
    assert member is not None and member.mobile == "139****5678"
    assert "attached" in window.sale.alert.text()
    assert member.coupons  # the sign-up coupon, on the panel at once
