"""The analysis page: the top-20 % share, RFMW charts, birthdays, and coupons to the dormant."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from pytestqt.qtbot import QtBot

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from desktop.screens.manage.analysis import AnalysisPage
from desktop.screens.manage.confirm import ConfirmDialog
from domain.clock import FixedClock
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout
from domain.services.members import find_by_card
from domain.services.staff import login
from tests.gui.conftest import tasks_done

START = datetime.fromisoformat("2025-05-06T10:00:00+08:00")


def buy(store: App, clock: FixedClock, card: str, day: str, sku: str, qty: int) -> str:
    clock.set(datetime.fromisoformat(day + "T10:00:00+08:00"))
    cashier = login(store.ctx, "1001", "1357").id
    member = find_by_card(store.ctx, card).member.id
    cart = carts.start_sale(store.ctx, cashier)
    cart = replace(cart, member_id=member)
    cart = carts.add_item(store.ctx, cart, sku, qty=qty)
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    checkout.complete(store.ctx, cart)
    return member


def history(store: App, clock: FixedClock, cards: list[str]) -> dict[str, str]:
    """张三 bought once last September (dormant by May); 李四 ￥1,995 and 王五 ￥89 in spring."""
    ids = {"zhang": buy(store, clock, cards[0], "2024-09-01", "A1001", 1),
           "li": buy(store, clock, cards[1], "2025-04-20", "D4001", 5),
           "wang": buy(store, clock, cards[2], "2025-05-01", "F6001", 1)}
    clock.set(START)
    return ids


def open_analysis(qtbot: QtBot, window: MainWindow) -> AnalysisPage:
    window._on_login("2001", "2468")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.office, timeout=3000)
    assert window.office is not None
    page = window.office.open("manage_analysis")
    assert isinstance(page, AnalysisPage)
    tasks_done(qtbot, window)  # every member is read on the window's task runner
    return page


def test_the_share_of_the_top_fifth_and_the_bands(qtbot: QtBot, window: MainWindow, store: App,
                                                   clock: FixedClock, cards: list[str]) -> None:
    history(store, clock, cards)
    page = open_analysis(qtbot, window)
    # One buyer of three is the top 20 %: 李四's ￥1,995 of ￥2,683.
    assert page.share.text() == ("74.4 % of members' revenue in the last year came from the "
                                 "top 1 of 3 buyers (￥1,995.00 of ￥2,683.00).")
    assert (page.donut.part, page.donut.whole) == (199500, 268300)
    assert page.tiles["analysis_members"].value.text() == "3"
    assert page.tiles["analysis_active"].value.text() == "2"
    assert page.tiles["analysis_dormant"].value.text() == "1"
    assert page.charts["recency"].values() == [
        ("≤ 90", 2), ("91–180", 0), ("181–270", 1), ("271–360", 0), ("> 360 or never", 0)]
    assert page.charts["segments"].values() == [
        ("Key (3+ orders)", 0), ("Light", 3), ("Never bought", 0)]


def test_birthdays_in_the_next_days(qtbot: QtBot, window: MainWindow, clock: FixedClock) -> None:
    clock.set(datetime.fromisoformat("2025-11-15T10:00:00+08:00"))
    page = open_analysis(qtbot, window)
    assert page.birthday_list.rowCount() == 0  # 李四 turns a year older on 25 November
    page.birthday_days.setValue(11)  # 15 to 25 November
    tasks_done(qtbot, window)
    assert [page.birthday_list.text(0, c) for c in (0, 1, 2)] == [
        "11/25/25", "李四", "139****9000"]


def test_a_coupon_to_every_dormant_member_issues_one_each(
        qtbot: QtBot, window: MainWindow, store: App, clock: FixedClock,
        cards: list[str]) -> None:
    ids = history(store, clock, cards)
    page = open_analysis(qtbot, window)
    page.setCurrentIndex(2)
    page.dormant_days.setValue(30)  # 张三: 247 days without a purchase
    tasks_done(qtbot, window)
    assert page.dormant_count.text() == "1 members"
    page.dormant_days.setValue(10)  # now 李四 (16 days) too; 王五 bought 5 days ago
    tasks_done(qtbot, window)
    assert page.dormant_list.rowCount() == 2
    page.template.setCurrentIndex(page.template.findData("spend488"))
    page.ask_issue()
    dialog = page.findChild(ConfirmDialog, "bulk_coupon_dialog")
    assert dialog is not None
    assert "each of the 2 members" in dialog.findChild(object, "confirm_text").text()
    dialog.confirm()
    tasks_done(qtbot, window)  # issued on the task runner, then the page read again
    assert page.issued.text() == "2 coupons issued."
    with store.ctx.reader() as uow:
        got = {m: [c.template_code for c in uow.coupons.for_member(ids[m])
                   if c.issued_reason == "bulk:dormant"] for m in ids}
    assert got == {"zhang": ["spend488"], "li": ["spend488"], "wang": []}
