"""Front desk, gifts and vouchers: redemption takes stock and points and prints a slip; a
manager keeps the catalogue, the front desk does not see that form."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from domain.records import Staff
from domain.services import rewards
from domain.services.members import find_by_card
from domain.services.staff import login
from hardware.peers.printer_peer import PrinterPeer
from tests.gui.desk_keys import desk_login, has, open_page, slip_with


def give_points(store: App, card: str, points: int) -> str:
    manager: Staff = login(store.ctx, "2001", "2468")
    member_id = find_by_card(store.ctx, card).member.id
    rewards.adjust_points(store.ctx, member_id, points, "migrated from the old system",
                          manager.id)
    return member_id


def stock_of(store: App, code: str) -> int:
    with store.ctx.uow() as uow:
        gift = uow.gifts.get(code)
    assert gift is not None
    return gift.stock


def test_gift_redemption_takes_stock_and_points_and_prints(
        cashier_keys, window: MainWindow, store: App, cards: list[str],
        stripe: Callable[[str], str], printer_peer: PrinterPeer) -> None:
    keys = cashier_keys
    give_points(store, cards[0], 1000)
    desk_login(keys, window)
    page = open_page(keys, window, "desk_rewards")
    assert not keys.child("rewards_gift_form", page).isVisibleTo(page)  # managers only
    gifts = keys.child("rewards_gifts", page)
    assert [gifts.item(r, 3).text() for r in range(gifts.rowCount())] == [
        "GIFT-BAG", "GIFT-SCARF"]  # cheapest first
    keys.scan(stripe(cards[0]))
    gifts.selectRow(0)  # 帆布包, 300 points
    keys.press(Qt.Key.Key_F2)
    assert "49 left" in keys.child("rewards_result", page).text()
    assert stock_of(store, "GIFT-BAG") == 49
    assert find_by_card(store.ctx, cards[0]).balances.points == 700
    assert gifts.item(0, 2).text() == "49"
    assert "Points: 700" in keys.child("member_points", page).text()
    slip = slip_with(printer_peer, "积分兑换礼品")
    assert has(slip, "帆布包")
    assert has(slip, "扣除积分", "300")
    assert has(slip, "积分余额", "700")
    gifts.selectRow(1)  # 丝巾礼盒, 900 points: more than she has
    keys.press(Qt.Key.Key_F2)
    assert keys.child("rewards_error", page).text() == "The member has only 700 points."
    assert stock_of(store, "GIFT-SCARF") == 20


def test_voucher_for_points(cashier_keys, window: MainWindow, store: App, cards: list[str],
                            printer_peer: PrinterPeer) -> None:
    keys = cashier_keys
    member_id = give_points(store, cards[1], 2500)
    desk_login(keys, window)
    page = open_page(keys, window, "desk_rewards")
    keys.type("13900139000")
    keys.child("rewards_vouchers", page).selectRow(0)  # 2,000 points → ￥50
    keys.press(Qt.Key.Key_F3)
    assert "￥50.00 voucher issued" in keys.child("rewards_result", page).text()
    assert find_by_card(store.ctx, cards[1]).balances.points == 500
    with store.ctx.uow() as uow:
        issued = [c for c in uow.coupons.for_member(member_id) if c.issued_reason == "points"]
    assert [c.amount_fen for c in issued] == [5000]
    slip = slip_with(printer_peer, "积分兑换代金券")
    assert has(slip, "代金券", "￥50.00")
    assert issued[0].code in printer_peer.received.qr


def test_manager_restocks_a_gift(cashier_keys, window: MainWindow, store: App) -> None:
    keys = cashier_keys
    desk_login(keys, window, "2001", "2468")
    page = open_page(keys, window, "desk_rewards")
    assert keys.child("rewards_gift_form", page).isVisibleTo(page)
    keys.child("rewards_gifts", page).selectRow(1)  # the scarf box fills the form
    assert keys.child("gift_code", page).text() == "GIFT-SCARF"
    keys.child("gift_stock", page).setValue(35)
    keys.child("gift_points", page).setText("九百")  # not a number: named, nothing saved
    keys.child("rewards_gift_save", page).click()
    assert "points price" in keys.child("rewards_error", page).text()
    assert stock_of(store, "GIFT-SCARF") == 20
    keys.child("gift_points", page).setText("900")
    keys.child("rewards_gift_save", page).click()
    assert stock_of(store, "GIFT-SCARF") == 35
    assert "35 in stock" in keys.child("rewards_result", page).text()
