"""Front desk, lucky draw: the outcome is the service's, the wheel only shows it; prize stock
is respected (a prize that ran out is never won again); spins cost points after the free one."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import text

from desktop.bootstrap import App
from desktop.screens.desk.draw_wheel import stop_angle
from desktop.screens.main_window import MainWindow
from domain.services import draws, rewards
from domain.services.members import find_by_card
from domain.services.staff import login
from hardware.peers.printer_peer import PrinterPeer
from tests.gui.desk_keys import desk_login, has, open_page, slip_with


def points_for(store: App, card: str, points: int) -> str:
    manager = login(store.ctx, "2001", "2468")
    member_id = find_by_card(store.ctx, card).member.id
    rewards.adjust_points(store.ctx, member_id, points, "draw test", manager.id)
    return member_id


def spin_and_wait(keys, page) -> str:
    with keys.qtbot.waitSignal(page.wheel.stopped, timeout=3000):
        keys.child("draw_spin", page).click()
    return keys.child("draw_result", page).text()


def test_top_prize_with_stock_one_is_won_once_then_never_and_spins_cost_points(
        cashier_keys, window: MainWindow, store: App, cards: list[str],
        stripe: Callable[[str], str], printer_peer: PrinterPeer) -> None:
    keys = cashier_keys
    draws.allot_stock(store.ctx, "DEMO-WHEEL", "P1", -2,  # one 丝巾礼盒 left at this store
                      login(store.ctx, "2001", "2468").id)
    store.ctx.random_below = lambda n: 0  # every roll lands on the first slice in play
    member_id = points_for(store, cards[0], 100)
    desk_login(keys, window)
    page = open_page(keys, window, "desk_draw")
    page.wheel.duration_ms = 30
    assert keys.child("draw_prizes", page).item(0, 1).text() == "1"
    keys.scan(stripe(cards[0]))
    assert "1 free spin(s) left today" in keys.child("draw_offer", page).text()
    assert spin_and_wait(keys, page) == "Congratulations! 丝巾礼盒"  # the free spin
    assert page.wheel.labels[page.wheel.under_pointer()][0] == "丝巾礼盒"
    assert keys.child("draw_prizes", page).item(0, 1).text() == "All given"
    assert "costs 10 points (100 points" in keys.child("draw_offer", page).text()
    won = [spin_and_wait(keys, page) for _ in range(3)]  # roll 0 again: the next prize in stock
    assert "丝巾礼盒" not in [label for label, _ in page.wheel.labels]
    assert won == ["Congratulations! 200积分"] * 3
    balance = find_by_card(store.ctx, cards[0]).balances.points
    assert balance == 100 - 3 * 10 + 3 * 200  # paid spins after the free one, prizes credited
    with store.store.engine.connect() as conn:
        spins = conn.execute(text(
            "SELECT free, cost_points, prize_code FROM draw_spins WHERE member_id = :m "
            "ORDER BY at, id"), {"m": member_id}).all()
        given = conn.execute(text("SELECT allotted, given FROM draw_prizes "
                                  "WHERE code = 'P1'")).one()
    assert [tuple(s) for s in spins] == [(1, 0, "P1")] + [(0, 10, "P2")] * 3
    assert tuple(given) == (1, 1)
    assert has(slip_with(printer_peer, "幸运大转盘"), "丝巾礼盒")


def test_pressing_spin_while_the_wheel_turns_does_nothing(
        cashier_keys, window: MainWindow, store: App, cards: list[str]) -> None:
    keys = cashier_keys
    store.ctx.random_below = lambda n: n - 1  # the last slice: 谢谢参与
    desk_login(keys, window)
    page = open_page(keys, window, "desk_draw")
    page.wheel.duration_ms = 600
    keys.type("13700137000")  # 王五, no points: only the free spin
    keys.child("draw_spin", page).click()
    assert page.wheel.spinning
    keys.child("draw_spin", page).click()
    with keys.qtbot.waitSignal(page.wheel.stopped, timeout=3000):
        keys.child("draw_spin", page).click()
    with store.store.engine.connect() as conn:
        count = conn.execute(text("SELECT COUNT(*) FROM draw_spins")).scalar_one()
    assert count == 1
    assert keys.child("draw_result", page).text() == (
        "Thanks for playing — better luck next time!")
    keys.child("draw_spin", page).click()  # the free spin is used and there are no points
    assert keys.child("draw_error", page).text() == "The member has only 0 points."


def test_the_wheel_stops_on_the_slice_it_was_sent_to() -> None:
    for current in (0.0, 37.5, 359.0, 1234.0):
        for index in range(5):
            end = stop_angle(current, index, 5)
            assert end >= current + 6 * 360
            pointer_on = int(((-end) % 360.0) // 72.0)
            assert pointer_on == index
