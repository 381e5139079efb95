"""What the receipt tells the customer and the cashier (issue 12, item 21): the stored value
left after paying with it, a won coupon's terms, and where a card or mobile refund is made."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from domain.services.members import MemberView
from hardware.peers.printer_peer import PrinterPeer
from tests.gui.test_returns_flows import has, page_with

COAT, SCARF = "6901234567892", "6901234567984"  # 羊毛外套 ￥599, 丝巾 ￥89


def test_a_stored_value_payment_prints_what_is_left_on_the_card(
        cashier_keys, window: MainWindow, printer_peer: PrinterPeer, cards: list[str],
        stripe: Callable[[str], str]) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan(stripe(cards[0]))  # 张三: ￥1,000 + ￥50 bonus on the card
    keys.scan(SCARF)
    keys.press(Qt.Key.Key_Return)
    keys.dialog("payment_dialog")
    keys.press(Qt.Key.Key_F4)  # stored value, ￥89 (below the PIN limit)
    keys.press(Qt.Key.Key_Return)
    keys.no_dialog()
    page = page_with(printer_peer, "销售小票")
    assert has(page, "储值卡", "￥89.00")
    assert has(page, "卡内余额", "￥961.00")


def test_a_won_coupon_prints_its_minimum_spend_and_last_day(
        cashier_keys, window: MainWindow, printer_peer: PrinterPeer, store: App,
        cards: list[str], zhang: MemberView, stripe: Callable[[str], str]) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan(stripe(cards[0]))
    keys.scan(COAT)  # ￥599 ≥ ￥488: 满488送100
    keys.press(Qt.Key.Key_Return)
    keys.dialog("payment_dialog")
    keys.type("600")
    keys.no_dialog()
    page = page_with(printer_peer, "销售小票")
    with store.ctx.reader() as uow:
        (won,) = [c for c in uow.coupons.for_member(zhang.member.id)
                  if c.template_code == "spend488"]
    assert has(page, "赠券", "￥100.00")
    assert has(page, "无门槛", f"有效期至 {won.valid_to.isoformat()}")  # 礼金券: no minimum


def test_a_refund_to_a_bank_card_says_where_to_refund_it_and_the_reference(
        cashier_keys, window: MainWindow, printer_peer: PrinterPeer) -> None:
    keys = cashier_keys
    keys.login()
    keys.scan(COAT)
    keys.scan(SCARF)
    keys.press(Qt.Key.Key_F10)
    pay = keys.dialog("payment_dialog")
    keys.press(Qt.Key.Key_F2)  # bank card ￥300 on the card terminal, slip 889900
    keys.type("300")
    keys.type("889900")
    assert keys.child("pay_remaining", pay).fen == 38800
    keys.press(Qt.Key.Key_F1)
    keys.type("388")
    keys.no_dialog()
    keys.scan("S001-T01-000001")  # the customer brings everything back
    returns = keys.dialog("returns_dialog")
    for line in (1, 2):
        box = keys.child(f"return_qty_{line}", returns)
        box.setValue(box.maximum())
    keys.press(Qt.Key.Key_F10)
    page = page_with(printer_peer, "退货单")
    assert has(page, "请在银行卡终端退款")
    assert has(page, "银行卡", "￥300.00")
    assert has(page, "原交易参考号", "889900")
    assert has(page, "现金", "￥388.00")
