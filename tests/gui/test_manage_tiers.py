"""The tiers page: a member about to drop is listed with the spend short, and their history."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from pytestqt.qtbot import QtBot

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from desktop.screens.manage.tiers import DROP, KEEP, TiersPage
from domain.clock import FixedClock
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout
from domain.services.members import find_by_card
from domain.services.staff import login
from hardware.scan_codes import interpret
from tests.gui.conftest import tasks_done


def at(text: str) -> datetime:
    return datetime.fromisoformat(text + "T10:00:00+08:00")


def reach_silver(store: App, clock: FixedClock, card: str, qty: int) -> None:
    """One sale of 羽绒服 (￥899.00 each) on 2024-06-10: ￥2,500 in one sale makes 银卡."""
    clock.set(at("2024-06-10"))
    cashier = login(store.ctx, "1001", "1357").id
    cart = carts.start_sale(store.ctx, cashier)
    cart = replace(cart, member_id=find_by_card(store.ctx, card).member.id)
    cart = carts.add_item(store.ctx, cart, "A1002", qty=qty)
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    checkout.complete(store.ctx, cart)


def open_tiers(qtbot: QtBot, window: MainWindow) -> TiersPage:
    window._on_login("2001", "2468")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.office, timeout=3000)
    assert window.office is not None
    page = window.office.open("manage_tiers")
    assert isinstance(page, TiersPage)
    tasks_done(qtbot, window)  # the page reads on the window's task runner
    return page


def cells(page: TiersPage, row: int) -> list[str]:
    return [page.outlook.text(row, c) for c in range(page.outlook.rows.columnCount())]


def test_a_member_below_the_retention_figure_is_listed_as_dropping(
        qtbot: QtBot, window: MainWindow, store: App, clock: FixedClock,
        cards: list[str]) -> None:
    reach_silver(store, clock, cards[0], 3)  # ￥2,697: short of 银卡's ￥3,000 retention
    reach_silver(store, clock, cards[1], 4)  # ￥3,596: keeps it
    clock.set(at("2025-05-20"))
    page = open_tiers(qtbot, window)
    assert page.outlook.rowCount() == 2
    zhang, li = cells(page, 0), cells(page, 1)
    assert zhang[0] == "张三" and zhang[2] == "银卡" and zhang[3] == "6/10/25"
    assert zhang[4:] == ["￥2,697.00", "￥3,000.00", "￥303.00", "Drops to 普通会员"]
    assert li[0] == "李四" and li[6:] == ["—", "Keeps 银卡"]
    assert page.outlook.foreground(0, 7) == DROP and page.outlook.foreground(1, 7) == KEEP
    assert page.summary.text() == ("2 anniversaries: 1 would drop a tier if they bought "
                                   "nothing more.")
    assert page.chart.values() == [("普通会员", 1), ("银卡", 2), ("金卡", 0), ("钻石卡", 0)]


def test_the_window_in_days_decides_who_is_listed(qtbot: QtBot, window: MainWindow,
                                                 store: App, clock: FixedClock,
                                                 cards: list[str]) -> None:
    reach_silver(store, clock, cards[0], 3)
    clock.set(at("2025-05-20"))
    page = open_tiers(qtbot, window)
    page.days.setValue(21)  # the anniversary, 2025-06-10, is the 22nd day
    tasks_done(qtbot, window)
    assert page.outlook.rowCount() == 0
    assert page.summary.text() == "No tier anniversaries in the next 21 days."
    page.days.setValue(22)
    tasks_done(qtbot, window)
    assert page.outlook.rowCount() == 1


def test_picking_a_row_or_typing_a_mobile_shows_the_history(
        qtbot: QtBot, window: MainWindow, store: App, clock: FixedClock,
        cards: list[str]) -> None:
    reach_silver(store, clock, cards[0], 3)
    clock.set(at("2025-05-20"))
    page = open_tiers(qtbot, window)
    page.outlook.selectRow(0)  # a touch on the row, or the arrow keys
    assert page.member.text() == "张三: 银卡 since 6/10/24"
    shown = [[page.history.item(r, c).text() for c in (1, 2, 3)]
             for r in range(page.history.rowCount())]
    # The demo store signed 张三 up on 2025-05-06; this test's sale is dated before that.
    assert shown == [["—", "普通会员", "Sign-up"], ["普通会员", "银卡", "Upgrade at a sale"]]
    page.code.setText("13900139000")
    page.code.returnPressed.emit()
    assert page.member.text().startswith("李四: 普通会员")
    page.code.setText("13911112222")
    page.code.returnPressed.emit()
    assert page.member.text() == window.status.notice.text() != ""


def test_a_scan_goes_to_the_office_page_that_takes_codes_and_is_said_elsewhere(
        qtbot: QtBot, window: MainWindow, cards: list[str]) -> None:
    """The till routes a scanner's code by what a page declares (desktop/scan_targets.py): the
    Tiers page takes a member's card; the Analysis page takes none, and the status bar says
    so instead of dropping the code."""
    page = open_tiers(qtbot, window)
    window.on_scanned(interpret(cards[0]))
    assert page.member.text().startswith("张三: ")
    assert window.office is not None
    window.office.open("manage_analysis")
    tasks_done(qtbot, window)
    window.on_scanned(interpret(cards[1]))
    assert window.status.notice.text() == "This page does not take a card or a code."
