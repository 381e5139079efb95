"""Front desk, stored value: a top-up above the pack's threshold is read back in words and
booked only when confirmed; Enter (a hurried second press) backs out."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from domain.errors import DomainError
from domain.services import shifts, wallet
from domain.services.members import find_by_card
from domain.services.staff import login
from hardware.peers.printer_peer import PrinterPeer
from tests.gui.desk_keys import desk_login, has, open_page, slip_with


def wallet_fen(store: App, card: str) -> tuple[int, int]:
    balances = find_by_card(store.ctx, card).balances
    return balances.wallet_principal_fen, balances.wallet_bonus_fen


def test_ten_thousand_typed_for_one_thousand_is_caught_before_it_is_booked(
        cashier_keys, window: MainWindow, store: App, cards: list[str],
        stripe: Callable[[str], str], printer_peer: PrinterPeer) -> None:
    keys = cashier_keys
    desk_login(keys, window)
    page = open_page(keys, window, "desk_wallet")
    keys.scan(stripe(cards[0]))  # 张三: ￥1,000 + ￥50 bonus from the demo
    before = wallet_fen(store, cards[0])
    keys.type("10000")  # one zero too many, and Enter
    dialog = keys.dialog("topup_confirm_dialog")
    assert keys.child("topup_confirm_words", dialog).text() == "壹万元整"
    assert "￥10,000.00" in keys.child("confirm_text", dialog).text()
    assert "+￥1,200.00" in keys.child("confirm_text", dialog).text()
    keys.press(Qt.Key.Key_Return)  # the hurried second Enter backs out
    keys.no_dialog()
    assert wallet_fen(store, cards[0]) == before
    assert keys.child("wallet_result", page).text() == ""
    keys.press(Qt.Key.Key_Return)  # asked again: this time the customer agrees
    keys.dialog("topup_confirm_dialog")
    keys.press(Qt.Key.Key_F10)
    keys.dialog("shift_open_dialog")  # cash: the desk counts a float into its drawer first
    keys.type("200")
    keys.no_dialog()
    assert wallet_fen(store, cards[0]) == (before[0] + 1000000, before[1] + 120000)
    slip = slip_with(printer_peer, "储值充值")
    assert has(slip, "充值本金", "￥10,000.00")


def test_the_service_refuses_a_large_top_up_without_the_confirmation(
        store: App, cards: list[str]) -> None:
    member = find_by_card(store.ctx, cards[0]).member.id
    desk = login(store.ctx, "3001", "3579").id
    with pytest.raises(DomainError) as refused:
        wallet.top_up(store.ctx, member, 1000000, desk)
    assert refused.value.code == "wallet.topup_confirm"
    assert refused.value.params == {"amount_fen": 1000000, "threshold_fen": 500000}
    shifts.open_shift(store.ctx, desk, 0)  # the desk's drawer takes the cash
    wallet.top_up(store.ctx, member, 500000, desk)  # at the threshold: no question
    done = wallet.top_up(store.ctx, member, 1000000, desk, confirmed=True)
    assert (done.entry.principal_fen, done.entry.bonus_fen) == (1000000, 120000)
