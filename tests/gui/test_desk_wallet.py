"""Front desk, stored value: a top-up whose previewed bonus is what is credited and printed;
closing a wallet with a manager, principal refunded and bonus forfeited."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from sqlalchemy import text

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from domain.services.members import find_by_card
from hardware.peers.printer_peer import PrinterPeer
from tests.gui.desk_keys import desk_login, has, open_page, slip_with


def test_top_up_with_bonus_previewed_credited_and_printed(
        cashier_keys, window: MainWindow, store: App, cards: list[str],
        stripe: Callable[[str], str], printer_peer: PrinterPeer) -> None:
    keys = cashier_keys
    desk_login(keys, window)
    page = open_page(keys, window, "desk_wallet")
    assert keys.child("wallet_tiers", page).rowCount() == 3  # ¥1,000 / ¥5,000 / ¥10,000
    keys.scan(stripe(cards[0]))  # 张三 swipes her card at the desk
    assert "张*" in keys.child("member_name", page).text()
    keys.type("5000", enter=False)
    preview = keys.child("wallet_preview", page).text()
    assert "+￥500.00" in preview and "￥5,500.00" in preview  # before anything is paid
    assert "￥10,000.00" in preview  # the next tier is suggested
    keys.press(Qt.Key.Key_Return)
    keys.dialog("shift_open_dialog")  # cash at the desk: a float is counted into a drawer
    keys.type("200")
    keys.no_dialog()
    assert "Balance ￥6,550.00" in keys.child("wallet_result", page).text()
    with store.store.engine.connect() as conn:
        row = conn.execute(text(
            "SELECT principal_fen, bonus_fen, tender_kind FROM wallet_ledger "
            "WHERE kind = 'topup' ORDER BY at DESC, id DESC LIMIT 1")).one()
    assert tuple(row) == (500000, 50000, "cash")  # the bonus credited is the one previewed
    slip = slip_with(printer_peer, "储值充值")
    assert has(slip, "充值本金", "￥5,000.00")
    assert has(slip, "赠送金额", "￥500.00")
    assert has(slip, "储值余额", "￥6,550.00")
    assert printer_peer.received.drawer_pulses  # cash went into the drawer
    balances = find_by_card(store.ctx, cards[0]).balances
    assert (balances.wallet_principal_fen, balances.wallet_bonus_fen) == (600000, 55000)


def test_bank_card_top_up_needs_the_terminal_reference(
        cashier_keys, window: MainWindow, store: App, cards: list[str]) -> None:
    keys = cashier_keys
    desk_login(keys, window)
    page = open_page(keys, window, "desk_wallet")
    keys.type("13900139000")  # 李四 gives her mobile number
    keys.type("800", enter=False)
    assert "+￥0.00" in keys.child("wallet_preview", page).text()  # below the first tier
    keys.press(Qt.Key.Key_F2)
    keys.press(Qt.Key.Key_Return)  # no reference typed
    assert "reference" in keys.child("wallet_error", page).text()
    keys.type("POS-778812")
    assert "Topped up ￥800.00" in keys.child("wallet_result", page).text()
    with store.store.engine.connect() as conn:
        row = conn.execute(text(
            "SELECT tender_kind, reference FROM wallet_ledger WHERE kind = 'topup' "
            "AND principal_fen = 80000")).one()
    assert tuple(row) == ("bank_card", "POS-778812")


def test_closing_a_wallet_needs_a_manager_and_refunds_principal_only(
        cashier_keys, window: MainWindow, store: App, cards: list[str],
        printer_peer: PrinterPeer) -> None:
    keys = cashier_keys
    desk_login(keys, window)
    page = open_page(keys, window, "desk_wallet")
    keys.type("13800138000")  # 张三: ￥1,000 principal and ￥50 bonus from the demo top-up
    keys.press(Qt.Key.Key_F9)
    assert keys.child("wallet_close_preview", page).text() == (
        "Refund ￥1,000.00 in cash. Bonus ￥50.00 is forfeited.")
    keys.child("wallet_close_confirm", page).click()
    manager = keys.dialog("manager_dialog")
    keys.type("3001")
    keys.type("3579")  # the front desk cannot approve its own closing
    assert "not a manager" in keys.child("error", manager).text()
    keys.child("manager_number", manager).clear()
    keys.child("manager_number", manager).setFocus()
    keys.type("2001")
    keys.type("2468")
    keys.dialog("shift_open_dialog")  # the refund is paid out of the desk's drawer
    keys.type("1000")
    keys.no_dialog()
    assert "￥1,000.00 refunded" in keys.child("wallet_result", page).text()
    balances = find_by_card(store.ctx, cards[0]).balances
    assert (balances.wallet_principal_fen, balances.wallet_bonus_fen) == (0, 0)
    slip = slip_with(printer_peer, "储值退卡")
    assert has(slip, "退还本金", "￥1,000.00")
    assert has(slip, "赠送作废", "￥50.00")
    assert has(slip, "授权", "李店长")
    with store.store.engine.connect() as conn:
        close = conn.execute(text("SELECT principal_fen, bonus_fen FROM wallet_ledger "
                                  "WHERE kind = 'close'")).one()
        audit = conn.execute(text("SELECT COUNT(*) FROM audit_log "
                                  "WHERE action = 'wallet_closed'")).scalar_one()
    assert tuple(close) == (-100000, -5000)
    assert audit == 1

