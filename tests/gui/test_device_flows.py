"""Devices at the till: a printer that drops the line mid-sale, and the keyboard wedge telling
a scanner's burst from a person typing fast in the search field."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from domain.catalog import Product
from domain.services.setup import add_products
from hardware.barcodes import gtin_check_digit
from hardware.peers.printer_peer import PrinterPeer

COAT = "6901234567892"


def test_printer_disconnected_mid_sale_keeps_the_sale_and_reprints(
        cashier_keys, window: MainWindow, printer_peer: PrinterPeer, store: App, qtbot) -> None:
    keys = cashier_keys
    keys.login()
    printer_peer.drop_after(60)  # the network printer's cable is pulled mid-receipt
    keys.scan(COAT)
    keys.press(Qt.Key.Key_Return)
    keys.dialog("payment_dialog")
    keys.type("600")
    keys.no_dialog()
    waiting = keys.child("status_waiting")
    qtbot.waitUntil(waiting.isVisible, timeout=5000)
    assert "1 receipt" in waiting.text()
    notice = keys.child("status_notice").text()
    assert "connection dropped" in notice
    with store.ctx.uow() as uow:  # the sale was committed before anything was printed
        sale = uow.sales.by_receipt("S001-T01-000001")
    assert sale is not None and sale.total_fen == 59900
    assert "S001-T01-000001" in window.sale.alert.text()  # no modal box: the banner says saved
    printer_peer.drop_after(None)  # plugged back in
    keys.press(Qt.Key.Key_F11)
    log = printer_peer.wait_for(lambda log: log.cuts >= 1, timeout=5.0)
    assert log.cuts == 1
    assert any("合计" in line and "￥599.00" in line for line in log.pages[0])
    qtbot.waitUntil(lambda: not waiting.isVisible(), timeout=3000)


def test_paper_out_then_back_prints_the_waiting_receipt_by_itself(
        cashier_keys, window: MainWindow, printer_peer: PrinterPeer, qtbot) -> None:
    keys = cashier_keys
    keys.login()
    printer_peer.emulator.paper_out = True
    keys.scan(COAT)
    keys.press(Qt.Key.Key_Return)
    keys.dialog("payment_dialog")
    keys.type("600")
    keys.no_dialog()
    printer_label = keys.child("status_device_printer")
    qtbot.waitUntil(lambda: "out of paper" in printer_label.text(), timeout=5000)
    assert printer_peer.received.drawer_pulses  # the drawer opens even without paper
    printer_peer.emulator.paper_out = False
    assert window.devices is not None
    window.devices.poll()  # the status timer's next round
    log = printer_peer.wait_for(lambda log: log.cuts >= 1, timeout=5.0)
    assert log.cuts == 1
    qtbot.waitUntil(lambda: printer_label.text() == "● Printer", timeout=3000)  # green: ready


def test_fast_typing_in_the_search_field_is_not_a_scan(cashier_keys, window: MainWindow,
                                                       key_clock, qtbot) -> None:
    keys = cashier_keys
    keys.login()
    scans: list[str] = []
    window.wedge.burst.connect(scans.append)
    key_clock.step = 0.05  # a quick typist: 50 ms apart, slower than any scanner
    field = window.sale.input
    from PySide6.QtTest import QTest

    QTest.keyClicks(field, "ymwt")  # 羊毛外套 by its pinyin initials
    qtbot.wait(30)
    assert field.text() == "ymwt"  # every key reached the field
    results = window.sale.results
    qtbot.waitUntil(lambda: results.isVisible() and results.count() == 1, timeout=2000)
    QTest.keyClick(field, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert scans == []
    assert [ln.name for ln in window.sale.sale().view().lines] == ["羊毛外套"]
    key_clock.step = 0.005  # a scanner: 5 ms apart, then Enter
    QTest.keyClicks(field, "6901234567984")
    QTest.keyClick(field, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert scans == ["6901234567984"]
    assert field.text() == ""  # the scanner's keys never reached the field
    assert [ln.name for ln in window.sale.sale().view().lines] == ["羊毛外套", "丝巾"]


def test_bank_card_swiped_is_refused_and_not_shown(cashier_keys, window: MainWindow) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan("%B4111111111111111^DEMO/CARD^2912101?;4111111111111111=2912101?")
    assert "bank card" in window.sale.alert.text()
    assert "4111" not in window.sale.alert.text()
    assert window.sale.sale().view().member is None


def test_a_scale_label_naming_a_coat_is_refused_at_the_till(cashier_keys, window: MainWindow,
                                                            store: App) -> None:
    """The issue's label: `20 PPPPP AAAAA C` with ￥0.01 for a ￥2,599.00 coat sold by the piece."""
    add_products(store.ctx, [Product("00456", "羊绒大衣", 259900)])
    keys = cashier_keys
    keys.login()
    digits = "200045600001"
    keys.scan(digits + str(gtin_check_digit(digits)))
    assert "not sold by weight" in window.sale.alert.text()
    assert window.sale.sale().view().lines == ()
