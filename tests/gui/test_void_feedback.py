"""A void at the till says, on screen and on its receipt, what it took back besides the money:
the spend-and-get coupon the sale won and the tier it raised."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from desktop.viewmodels.env import TillEnv
from domain.coupons import format_code
from hardware.peers.printer_peer import PrinterPeer
from tests.gui.test_returns_flows import SCARF, has, page_with, ring_a_sale

DOWN_JACKET = "6901234567908"  # A1002 羽绒服 ￥899: three in one sale make 银卡, 满888送200
RECEIPT = "S001-T01-000001"


def sell_three_jackets(keys, card: str) -> None:
    keys.login()
    keys.scan(card)  # 李四: 普通会员, no stored value
    ring_a_sale(keys, (DOWN_JACKET, DOWN_JACKET, DOWN_JACKET), "2700")


def void_it(keys, receipt: str = RECEIPT):
    keys.press(Qt.Key.Key_F8)
    keys.dialog("returns_dialog")
    keys.type(receipt)
    keys.press(Qt.Key.Key_F3)
    keys.dialog("void_reason_dialog")
    keys.type("customer changed their mind")
    keys.dialog("manager_dialog")
    keys.type("2001")
    keys.type("2468")
    return keys.dialog("returns_dialog")


def won_coupon(store: App, member_id: str) -> str:
    with store.ctx.reader() as uow:
        [code] = [c.code for c in uow.coupons.for_member(member_id)
                  if c.issued_reason.startswith("spend_and_get:")]
    return code


def member_of(store: App, card: str) -> str:
    with store.ctx.reader() as uow:
        found = uow.cards.get(card)
    assert found is not None
    return found.member_id


def test_the_void_names_the_coupon_withdrawn_and_the_tier_set_back(
        cashier_keys, window: MainWindow, printer_peer: PrinterPeer, store: App,
        cards: list[str], stripe: Callable[[str], str]) -> None:
    keys = cashier_keys
    sell_three_jackets(keys, stripe(cards[1]))
    member = member_of(store, cards[1])
    code = won_coupon(store, member)
    with store.ctx.reader() as uow:
        assert uow.members.get(member).tier == "银卡"  # type: ignore[union-attr]

    returns = void_it(keys)

    outcome = keys.child("return_outcome", returns).text()
    assert "Refunded ￥2,697.00" in outcome
    assert f"Coupon {format_code(code)} withdrawn." in outcome
    assert "Tier back to 普通会员." in outcome
    page = page_with(printer_peer, "作废单")  # GB18030 through the printer peer
    assert has(page, "退款合计", "￥2,697.00")
    assert has(page, "收回赠券", format_code(code))
    assert has(page, "会员等级恢复为", "普通会员")
    with store.ctx.reader() as uow:
        assert uow.members.get(member).tier == "普通会员"  # type: ignore[union-attr]


def test_the_void_receipt_speaks_the_receipt_language(
        cashier_keys, window: MainWindow, printer_peer: PrinterPeer, store: App, env: TillEnv,
        cards: list[str], stripe: Callable[[str], str]) -> None:
    env.receipt_lang = "en"  # the store prints its receipts in English
    keys = cashier_keys
    sell_three_jackets(keys, stripe(cards[1]))
    code = won_coupon(store, member_of(store, cards[1]))

    void_it(keys)

    page = page_with(printer_peer, "Void receipt")
    assert has(page, "Coupon withdrawn", format_code(code))
    assert has(page, "Tier back to", "普通会员")
    assert not any("收回" in line for line in page)


def test_a_void_that_took_nothing_else_back_says_only_the_refund(
        cashier_keys, window: MainWindow, printer_peer: PrinterPeer) -> None:
    keys = cashier_keys
    keys.login()
    ring_a_sale(keys, (SCARF,), "100")  # no member: nothing won

    returns = void_it(keys)

    outcome = keys.child("return_outcome", returns).text()
    assert "Refunded ￥89.00" in outcome
    assert "withdrawn" not in outcome and "Tier" not in outcome
    page = page_with(printer_peer, "作废单")
    assert not any("收回赠券" in line or "会员等级" in line for line in page)
