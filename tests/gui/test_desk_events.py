"""Front desk, events: the invitation list by rule and its CSV; check-in by swipe issues the
welcome coupon once and politely refuses a second check-in."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from domain.services import rewards
from domain.services.members import find_by_card
from domain.services.staff import login
from hardware.peers.printer_peer import PrinterPeer
from tests.gui.conftest import tasks_done
from tests.gui.desk_keys import desk_login, has, open_page, slip_with


def give_points(store: App, card: str, points: int) -> None:
    manager = login(store.ctx, "2001", "2468")
    member_id = find_by_card(store.ctx, card).member.id
    rewards.adjust_points(store.ctx, member_id, points, "event test", manager.id)


def test_invitation_list_by_points_and_csv(cashier_keys, window: MainWindow, store: App,
                                           cards: list[str], tmp_path: Path) -> None:
    keys = cashier_keys
    give_points(store, cards[0], 3500)  # 张三
    give_points(store, cards[1], 1200)  # 李四
    desk_login(keys, window)
    page = open_page(keys, window, "desk_events")
    tasks_done(keys.qtbot, window)  # the list is read on the window's task runner
    invited = keys.child("events_invited", page)
    assert invited.rowCount() == 1  # points ≥ 3,000: only 张三
    assert invited.item(0, 0).text() == "张三"
    assert invited.item(0, 1).text() == "138****8000"  # masked on screen
    assert "1 member(s) invited" in keys.child("events_invited_count", page).text()
    keys.child("events_min_points", page).setValue(1000)
    tasks_done(keys.qtbot, window)
    assert invited.rowCount() == 2
    keys.child("events_month", page).setCurrentIndex(11)  # birthday in November: 李四
    tasks_done(keys.qtbot, window)
    assert [invited.item(r, 0).text() for r in range(invited.rowCount())] == ["李四"]
    keys.child("events_month", page).setCurrentIndex(0)
    tasks_done(keys.qtbot, window)
    out = tmp_path / "invitations.csv"
    page.export_to(out)
    with out.open(encoding="utf-8-sig", newline="") as saved:
        rows = list(csv.DictReader(saved))
    assert [(r["name"], r["mobile"], r["points"]) for r in rows] == [
        ("张三", "13800138000", "3500"), ("李四", "13900139000", "1200")]


def test_check_in_by_swipe_issues_the_welcome_coupon_once(
        cashier_keys, window: MainWindow, store: App, cards: list[str],
        stripe: Callable[[str], str], printer_peer: PrinterPeer) -> None:
    keys = cashier_keys
    desk_login(keys, window)
    page = open_page(keys, window, "desk_events")
    event = keys.child("events_name", page).text()
    assert event == "Members' evening 2025-05-06"
    assert keys.child("events_count", page).text() == "Checked in today: 0"
    keys.scan(stripe(cards[0]))
    assert keys.child("events_result", page).text() == (
        "Welcome, 张*! A ￥50.00 welcome coupon is on the card.")
    assert keys.child("events_count", page).text() == "Checked in today: 1"
    member_id = find_by_card(store.ctx, cards[0]).member.id
    with store.ctx.uow() as uow:
        welcome = [c for c in uow.coupons.for_member(member_id)
                   if c.issued_reason == f"checkin:{event}"]
    assert [(c.template_code, c.amount_fen) for c in welcome] == [("checkin50", 5000)]
    slip = slip_with(printer_peer, "活动签到")
    assert has(slip, "代金券", "￥50.00")
    assert welcome[0].code in printer_peer.received.qr
    keys.scan(stripe(cards[0]))  # the same card again at the door
    assert keys.child("events_result", page).text() == ""
    assert "already checked in" in keys.child("events_error", page).text()
    assert keys.child("events_count", page).text() == "Checked in today: 1"
    with store.ctx.uow() as uow:
        assert len([c for c in uow.coupons.for_member(member_id)
                    if c.issued_reason == f"checkin:{event}"]) == 1
    keys.scan(stripe(cards[1]))  # the next guest
    assert keys.child("events_count", page).text() == "Checked in today: 2"
    assert keys.child("events_error", page).text() == ""
