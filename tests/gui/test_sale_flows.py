"""Whole sales at the till, from key presses to the bytes the printer peer received."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from domain.coupons import format_code
from domain.services.members import MemberView
from hardware.peers.printer_peer import PrinterLog, PrinterPeer

COAT, SCARF = "6901234567892", "6901234567984"  # 羊毛外套 ￥599, 丝巾 ￥89


def printed(peer: PrinterPeer, cuts: int = 1) -> PrinterLog:
    log = peer.wait_for(lambda log: log.cuts >= cuts, timeout=5.0)
    assert log.cuts >= cuts, log.lines
    return log


def line_with(log: PrinterLog, *parts: str) -> str:
    """The printed line holding every part (label and amount share a line)."""
    for line in log.pages[-1]:
        if all(part in line for part in parts):
            return line
    raise AssertionError(f"no line with {parts} in {log.pages[-1]}")


def test_member_sale_with_ladder_multiplier_and_coupon(cashier_keys, window: MainWindow,
                                                       printer_peer: PrinterPeer, store: App,
                                                       cards: list[str], zhang: MemberView,
                                                       stripe: Callable[[str], str]) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan(stripe(cards[0]))  # the member's card through the wedge stripe reader
    keys.scan(COAT)
    keys.scan(SCARF)
    keys.scan(SCARF)  # the same item again: quantity 2
    sale = window.sale
    assert [ln.qty for ln in sale.sale().view().lines] == [1, 2]
    keys.press(Qt.Key.Key_F5)
    keys.dialog("coupon_dialog")
    coupon = zhang.coupons[0].code
    keys.type(format_code(coupon).lower())  # as a person reads it off the phone
    keys.no_dialog()
    assert sale.total.fen == 72700
    assert "1,454" in sale.points.text()  # ￥727 ≥ ￥200: × 2
    keys.press(Qt.Key.Key_Return)  # Enter with nothing typed: pay
    pay = keys.dialog("payment_dialog")
    assert keys.child("pay_due", pay).fen == 72700
    keys.type("800")
    keys.no_dialog()
    assert "￥73.00" in sale.alert.text()
    log = printed(printer_peer)
    line_with(log, "合计", "￥727.00")
    line_with(log, "找零", "￥73.00")
    line_with(log, "用券", format_code(coupon))
    line_with(log, "会员", "张*")
    line_with(log, "本单积分", "1454")
    line_with(log, "积分余额", "1454")
    line_with(log, "赠券", "￥100.00")  # 满 ￥488 送 ￥100, with its QR
    assert len(log.qr) == 1
    assert log.barcodes[-1][1] == "S001-T01-000001"
    assert len(log.drawer_pulses) == 1  # cash: the drawer opened


def test_mixed_tender_bank_card_and_cash_with_change(cashier_keys, window: MainWindow,
                                                     printer_peer: PrinterPeer,
                                                     store: App) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan(COAT)
    keys.type("F6001")  # typed SKU
    assert window.sale.total.fen == 68800
    keys.press(Qt.Key.Key_F10)
    pay = keys.dialog("payment_dialog")
    keys.press(Qt.Key.Key_F2)  # bank card
    keys.type("300")
    assert keys.focus() is keys.child("pay_reference", pay)  # the slip number is asked for
    keys.type("889900")
    assert keys.child("pay_remaining", pay).fen == 38800
    keys.press(Qt.Key.Key_F1)  # cash
    keys.type("400")
    keys.no_dialog()
    log = printed(printer_peer)
    line_with(log, "银行卡", "￥300.00")
    line_with(log, "现金", "￥400.00")
    line_with(log, "找零", "￥12.00")
    assert len(log.drawer_pulses) == 1
    with store.ctx.uow() as uow:
        sale = uow.sales.by_receipt("S001-T01-000001")
    assert sale is not None
    assert [(t.kind.value, t.amount_fen, t.reference) for t in sale.tenders] == [
        ("bank_card", 30000, "889900"), ("cash", 38800, "")]


def test_wallet_payment_needs_the_members_pin(cashier_keys, window: MainWindow,
                                              printer_peer: PrinterPeer, cards: list[str],
                                              stripe: Callable[[str], str]) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan(stripe(cards[0]))
    keys.scan(COAT)  # ￥599: above the ￥500 PIN limit
    keys.press(Qt.Key.Key_Return)
    keys.dialog("payment_dialog")
    keys.press(Qt.Key.Key_F4)  # stored value, ￥599 suggested
    keys.press(Qt.Key.Key_Return)
    pin = keys.dialog("pin_dialog")
    keys.type("123456")
    assert "wrong" in keys.child("error", pin).text()
    keys.type("138000")  # the last six digits of the member's mobile
    keys.no_dialog()
    assert "S001-T01-000001" in window.sale.alert.text()
    log = printed(printer_peer)
    line_with(log, "储值卡", "￥599.00")
    assert log.drawer_pulses == []  # no cash, no drawer
