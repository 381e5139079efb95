"""Keyboard-wedge devices at the till, key event by key event as a US-layout HID scanner or
stripe reader sends them (issue 12, items 4–6): receipts, member cards, coupons and dynamic QR
with Shift and CapsLock, code fields with the input method off, and fast typing elsewhere."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QInputMethodQueryEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWidget

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from desktop.screens.manage.points_report import PointsReportPage
from domain import dynamicqr
from domain.coupons import format_code
from domain.services.members import MemberView
from sync import qrkeys
from tests.gui.conftest import tasks_done
from tests.gui.hid_keys import play, strokes

COAT, SCARF = "6901234567892", "6901234567984"
RECEIPT = "S001-T01-000001"


def ring_a_sale(keys, window: MainWindow) -> None:
    keys.login()
    for code in (COAT, SCARF):
        keys.scan(code)
    keys.press(Qt.Key.Key_Return)
    keys.dialog("payment_dialog")
    keys.type("700")
    keys.no_dialog()
    assert window.sale.sale().view().lines == ()


def hid(keys, key_clock, code: str, *, caps_lock: bool = False) -> None:
    """The scanner or reader types `code` and Enter into whatever has the focus."""
    play(strokes(code, report_ms=2.0, caps_lock=caps_lock), key_clock)
    keys.qtbot.wait(20)  # the burst is delivered from the event loop


def test_a_receipt_barcode_from_a_hid_scanner_opens_the_return(
        cashier_keys, window: MainWindow, key_clock) -> None:
    keys = cashier_keys
    ring_a_sale(keys, window)
    hid(keys, key_clock, RECEIPT, caps_lock=True)  # Shift around each capital, CapsLock on
    returns = keys.dialog("returns_dialog")
    assert RECEIPT in keys.child("return_original", returns).text()
    assert window.sale.input.text() == ""  # no "S001-" left behind


def test_a_receipt_barcode_scanned_into_f8_loads_the_sale(cashier_keys, window: MainWindow,
                                                          key_clock) -> None:
    keys = cashier_keys
    ring_a_sale(keys, window)
    keys.press(Qt.Key.Key_F8)
    returns = keys.dialog("returns_dialog")
    assert QApplication.focusWidget() is keys.child("return_code", returns)
    hid(keys, key_clock, RECEIPT)
    assert RECEIPT in keys.child("return_original", returns).text()
    assert keys.child("return_code", returns).text() == ""


@pytest.mark.parametrize("sentinels", [True, False], ids=["sentinels", "bare"])
def test_a_member_card_swiped_on_a_wedge_reader_attaches_the_member(
        cashier_keys, window: MainWindow, key_clock, cards: list[str],
        stripe: Callable[[str], str], sentinels: bool) -> None:
    keys = cashier_keys
    keys.login()
    track2 = stripe(cards[0])  # ;number=expiry+check?  (`?` is Shift+/)
    hid(keys, key_clock, track2 if sentinels else track2.strip(";?"))
    member = window.sale.sale().view().member
    assert member is not None and member.card_presented
    assert window.sale.input.text() == ""
    assert window.sale.sale().view().lines == ()  # not searched as a product


def test_a_stripe_with_the_number_alone_is_a_swipe_not_a_product_search(
        cashier_keys, window: MainWindow, key_clock, cards: list[str]) -> None:
    keys = cashier_keys
    keys.login()
    hid(keys, key_clock, f";{cards[0]}?")  # written from the printed number: the member
    assert "stripe is not genuine" in window.sale.alert.text()  # look-up refuses it as such
    assert window.sale.input.text() == "" and window.sale.sale().view().member is None


def test_a_card_swiped_while_the_member_prompt_is_open_attaches_the_member(
        cashier_keys, window: MainWindow, key_clock, cards: list[str],
        stripe: Callable[[str], str]) -> None:
    keys = cashier_keys
    keys.login()
    keys.press(Qt.Key.Key_F4)
    keys.dialog("member_dialog")
    hid(keys, key_clock, stripe(cards[0]))
    keys.no_dialog()
    member = window.sale.sale().view().member
    assert member is not None and member.card_presented


def test_a_coupon_and_a_dynamic_qr_from_a_hid_scanner_with_capslock_on(
        cashier_keys, window: MainWindow, key_clock, store: App, cards: list[str],
        zhang: MemberView) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan(COAT)
    shown: list[str] = []
    window.sale.input.textChanged.connect(shown.append)
    payload = dynamicqr.make_payload(cards[0], store.ctx.now(),
                                     qrkeys.demo_pair(Path(store.store.path)).private.sign,
                                     b"\x07" * 6)
    hid(keys, key_clock, payload, caps_lock=True)  # 131 capitals and digits, each with Shift
    member = window.sale.sale().view().member
    assert member is not None and member.card_number == cards[0]
    hid(keys, key_clock, format_code(zhang.coupons[0].code), caps_lock=True)
    assert "Coupon added" in window.sale.alert.text()
    assert window.sale.total.fen == 59900 - 5000
    assert shown == []  # both arrived as scans: no key of them reached the field


def asks_input_method(widget: QWidget) -> bool:
    query = QInputMethodQueryEvent(Qt.InputMethodQuery.ImEnabled)
    QApplication.sendEvent(widget, query)
    return bool(query.value(Qt.InputMethodQuery.ImEnabled))


def latin_only(widget: QWidget) -> bool:
    hints = widget.inputMethodHints()
    return (not asks_input_method(widget)
            and not widget.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
            and bool(hints & Qt.InputMethodHint.ImhLatinOnly)
            and bool(hints & Qt.InputMethodHint.ImhNoPredictiveText)
            and bool(hints & Qt.InputMethodHint.ImhPreferLatin))


def test_every_code_field_at_the_till_keeps_the_input_method_out(
        cashier_keys, window: MainWindow) -> None:
    keys = cashier_keys
    keys.login()
    assert latin_only(window.sale.input)
    for key, name, field in ((Qt.Key.Key_F5, "coupon_dialog", "prompt_edit"),
                             (Qt.Key.Key_F4, "member_dialog", "prompt_edit"),
                             (Qt.Key.Key_F8, "returns_dialog", "return_code")):
        keys.press(key)
        dialog = keys.dialog(name)
        assert latin_only(keys.child(field, dialog)), name
        keys.press(Qt.Key.Key_Escape)
        keys.no_dialog()
    keys.scan(COAT)
    keys.press(Qt.Key.Key_Return)
    pay = keys.dialog("payment_dialog")
    assert latin_only(keys.child("pay_amount", pay))
    assert latin_only(keys.child("pay_reference", pay))


def test_a_scan_through_an_input_method_still_adds_the_item(cashier_keys, window: MainWindow,
                                                            key_clock) -> None:
    """An IME that composes anyway (full-width mode): preedit never shows, ＡＳＣＩＩ reads."""
    keys = cashier_keys
    keys.login()
    field = window.sale.input
    shown: list[str] = []
    field.textChanged.connect(shown.append)
    key_clock.step = 0.0
    for ch in COAT:
        key_clock.now += 0.003
        QApplication.sendEvent(field, QInputMethodEvent(ch, []))
        commit = QInputMethodEvent("", [])
        commit.setCommitString(chr(ord(ch) + 0xFEE0))  # ６９０…
        QApplication.sendEvent(field, commit)
    play(strokes("", report_ms=2.0), key_clock, after_s=0.003)
    keys.qtbot.wait(20)
    assert [ln.name for ln in window.sale.sale().view().lines] == ["羊毛外套"]
    assert shown == [] and field.text() == ""


def test_fast_typing_into_the_coupon_dialog_adds_the_coupon(
        cashier_keys, window: MainWindow, key_clock, cards: list[str],
        stripe: Callable[[str], str], zhang: MemberView) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan(stripe(cards[0]))
    keys.scan(COAT)
    keys.press(Qt.Key.Key_F5)
    keys.dialog("coupon_dialog")
    typed = format_code(zhang.coupons[0].code).lower()
    play(strokes(typed, report_ms=4.0), key_clock)  # as fast as a scanner: not lost
    keys.no_dialog()
    assert "Coupon added" in window.sale.alert.text()
    assert window.sale.total.fen == 59900 - 5000


def test_fast_typing_into_a_dialogs_fields_arrives_as_typed(cashier_keys, window: MainWindow,
                                                           key_clock) -> None:
    """A manager's number and PIN typed fast (or by a keystroke tool) are not a "scan"."""
    keys = cashier_keys
    keys.login()
    keys.press(Qt.Key.Key_F8)
    keys.dialog("returns_dialog")
    keys.press(Qt.Key.Key_F4)  # no receipt: the item, its amount, then a manager at F10
    keys.type("F6001")
    keys.dialog("return_amount_dialog")
    keys.type("60")
    keys.dialog("returns_dialog")
    keys.press(Qt.Key.Key_F10)
    keys.dialog("manager_dialog")
    play(strokes("2001", report_ms=3.0), key_clock)
    keys.qtbot.wait(20)
    play(strokes("2468", report_ms=3.0), key_clock)
    returns = keys.dialog("returns_dialog")
    assert "Refunded ￥60.00" in keys.child("return_outcome", returns).text()


def test_fast_typing_in_the_save_file_dialog_saves_under_that_name(
        qtbot, window: MainWindow, key_clock, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(tmp_path))
    window._on_login("2001", "2468")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.office, timeout=3000)
    assert window.office is not None
    page = window.office.open("manage_points")
    assert isinstance(page, PointsReportPage)
    tasks_done(qtbot, window)  # the report is read on the task runner

    def name_the_file(tries: int = 100) -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, QFileDialog) and w.isVisible()), None)
        edit = dialog.findChild(QLineEdit, "fileNameEdit") if dialog is not None else None
        if edit is None or QApplication.focusWidget() is not edit:
            if tries:  # the dialog is still opening
                QTimer.singleShot(20, lambda: name_the_file(tries - 1))
            elif dialog is not None:
                dialog.reject()  # fail the test, do not hang it
            return
        edit.selectAll()
        play(strokes("26-12-07.pdf", report_ms=3.0), key_clock)
        if dialog.isVisible():
            dialog.reject()  # the Enter was lost: the test fails below

    QTimer.singleShot(0, name_the_file)
    saved = page.view.save_pdf()
    assert saved == tmp_path / "26-12-07.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
