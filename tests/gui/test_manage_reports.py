"""The manager's daily points report and Z-report pages on a busy day, and the day close."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from desktop.screens.manage.points_report import PointsReportPage, difference
from desktop.screens.manage.z_report import ZReportPage
from domain.clock import FixedClock
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout, maintenance, returns, rewards, shifts
from domain.services import reports as report_services
from domain.services.checkout import Completed
from domain.services.context import ServiceContext
from domain.services.members import find_by_card
from domain.services.staff import login
from hardware.peers.printer_peer import PrinterPeer
from tests.gui.conftest import tasks_done

DAY = date(2026, 1, 1)
CASH = carts.TenderRequest(TenderKind.CASH)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text + "+08:00")


def sell(ctx: ServiceContext, cashier: str, member: str | None, items: list[tuple[str, int]],
         tenders: list[carts.TenderRequest], shift: str | None = None) -> Completed:
    cart = carts.start_sale(ctx, cashier, shift)
    cart = replace(cart, member_id=member)
    for sku, qty in items:
        cart = carts.add_item(ctx, cart, sku, qty=qty)
    for tender in tenders:
        cart = carts.add_tender(cart, tender)
    return checkout.complete(ctx, cart)


@dataclass
class Busy:
    cashier: str
    manager: str
    members: list[str]


def busy_day(store: App, clock: FixedClock, cards: list[str], close_shift: bool = True) -> Busy:
    """2024 purchases (their points lapse at the end of 2025); on 2026-01-01 the day close
    expires them, then a sale partly paid with points, a gift, a voucher, a sale and a
    return, and manual adjustments both ways; the cashier's shift ends ￥1.00 short."""
    ctx = store.ctx
    cashier = login(ctx, "1001", "1357").id
    manager = login(ctx, "2001", "2468").id
    a, b, c = (find_by_card(ctx, n).member.id for n in cards)
    clock.set(at("2024-06-01T10:00:00"))
    sell(ctx, cashier, a, [("A1001", 1)], [CASH])  # 1,198 points
    sell(ctx, cashier, b, [("B2001", 1)], [CASH])  # 598 points
    clock.set(at("2025-03-01T10:00:00"))
    rewards.adjust_points(ctx, a, 5000, "old card balance", manager)
    clock.set(at("2026-01-01T03:00:00"))  # before 04:00: the close of 31 December
    maintenance.close_day(ctx, manager)  # the 2024 lots lapse with 2025's last day
    clock.set(at("2026-01-01T10:00:00"))
    shift = shifts.open_shift(ctx, cashier, 50000).id
    sell(ctx, cashier, a, [("A1001", 1)],
         [carts.TenderRequest(TenderKind.POINTS, points=1000), CASH], shift)
    desk = login(ctx, "3001", "3579").id
    rewards.redeem_gift(ctx, a, "GIFT-BAG", desk)
    rewards.redeem_voucher(ctx, a, 2000, desk)
    scarves = sell(ctx, cashier, c, [("F6001", 2)], [CASH], shift)
    returns.return_with_receipt(ctx, scarves.sale.receipt_no, {1: 1}, cashier, shift)
    rewards.adjust_points(ctx, b, -50, "duplicate earning", manager)
    rewards.adjust_points(ctx, c, 100, "goodwill", manager)
    if close_shift:
        expected = 50000 + 49900 + 17800 - 8900
        shifts.close_shift(ctx, cashier, expected - 100)
    return Busy(cashier, manager, [a, b, c])


def office_login(qtbot: QtBot, window: MainWindow, number: str = "2001",
                 pin: str = "2468") -> None:
    window._on_login(number, pin)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.office, timeout=3000)


def open_page(qtbot: QtBot, window: MainWindow, key: str) -> object:
    office_login(qtbot, window)
    assert window.office is not None
    page = window.office.open(key)
    tasks_done(qtbot, window)  # the page reads its report on the window's task runner
    return page


def figure(page: object, name: str) -> int:
    tiles = page.tiles  # type: ignore[attr-defined]
    return int(tiles[name].value.text().replace(",", "").replace("+", ""))


def test_the_points_page_adds_up_and_says_ok(qtbot: QtBot, window: MainWindow, store: App,
                                             clock: FixedClock, cards: list[str]) -> None:
    busy_day(store, clock, cards)
    page = open_page(qtbot, window, "manage_points")
    assert isinstance(page, PointsReportPage)
    assert page.day() == DAY
    report = report_services.daily_points_report(store.ctx, DAY)
    shown = {name: figure(page, name) for name in page.tiles}
    assert shown["points_open"] == report.opening == 5000  # 31 December's close expired 1,796
    assert shown["points_expired"] == 0
    assert shown["points_spent"] == 1000 + 300 + 2000
    assert shown["points_adjusted"] == 100 - 50
    assert shown["points_earned"] > 0 and shown["points_returns"] < 0  # the scarf's 89 back
    assert (shown["points_open"] + shown["points_earned"] + shown["points_bonus"]
            - shown["points_spent"] - shown["points_expired"] + shown["points_adjusted"]
            + shown["points_returns"]) == shown["points_close"] == report.closing
    assert page.check.text().startswith("Check: opening plus the day's movements equals "
                                        "closing — OK.")
    assert difference(report) == 0


def test_another_date_shows_that_days_report(qtbot: QtBot, window: MainWindow, store: App,
                                            clock: FixedClock, cards: list[str]) -> None:
    busy_day(store, clock, cards)
    page = open_page(qtbot, window, "manage_points")
    assert isinstance(page, PointsReportPage)
    page.dates.step(-1)
    tasks_done(qtbot, window)
    assert page.report is not None and page.report.business_date == date(2025, 12, 31)
    assert figure(page, "points_close") == 5000
    assert figure(page, "points_expired") == 1198 + 598  # the close of 31 December
    assert figure(page, "points_spent") == 0


def test_the_points_report_prints_and_saves(qtbot: QtBot, window: MainWindow, store: App,
                                            clock: FixedClock, cards: list[str],
                                            printer_peer: PrinterPeer, tmp_path: Path) -> None:
    busy_day(store, clock, cards)
    page = open_page(qtbot, window, "manage_points")
    assert isinstance(page, PointsReportPage)
    report = report_services.daily_points_report(store.ctx, DAY)
    closing = f"{report.closing:,}"
    assert page.view.print_report()
    log = printer_peer.wait_for(lambda log: log.cuts >= 1, timeout=5.0)
    printed = "\n".join(log.lines)
    assert "每日积分报表" in printed
    (close_line,) = [line for line in log.lines if line.startswith("期末积分 ")]
    assert close_line.split()[-1] == closing
    pdf = page.view.save_pdf(tmp_path / "points.pdf")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "每日积分报表" in text and closing in text and "5,000" in text
    saved = page.view.save_csv(tmp_path / "points.csv")
    assert saved is not None
    rows = list(csv.reader(io.StringIO(saved.read_text(encoding="utf-8-sig"))))
    figures = {row[1]: row[2] for row in rows if len(row) == 3 and row[0] == "积分变动"}
    assert figures["期初积分"] == f"{report.opening:,}"
    assert figures["期末积分"] == closing
    assert figures["过期积分"] == "0"
    assert figures["核对"] == "平衡"


def test_a_file_that_cannot_be_written_is_refused_with_the_path(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    page = open_page(qtbot, window, "manage_points")
    assert isinstance(page, PointsReportPage)
    target = tmp_path / "missing" / "points.csv"
    assert page.view.save_csv(target) is None
    notice = window.status.notice.text()
    assert notice.startswith(f"The report could not be saved to {target}: ")
    assert not target.exists()


def test_the_z_page_shows_the_services_figures_and_the_shortfall(
        qtbot: QtBot, window: MainWindow, store: App, clock: FixedClock,
        cards: list[str]) -> None:
    busy_day(store, clock, cards)
    page = open_page(qtbot, window, "manage_z")
    assert isinstance(page, ZReportPage)
    z = report_services.z_report(store.ctx, DAY)
    assert page.report == z
    assert page.tiles["z_net"].value.text() == "￥" + f"{z.net_fen / 100:,.2f}"
    assert page.tiles["z_over_short"].value.text() == "-￥1.00"
    assert page.tiles["z_open_shifts"].value.text() == "0"
    assert page.view.rows("Cash") == [("Expected", "￥1,088.00"), ("Counted", "￥1,087.00"),
                                      ("Over/short", "-￥1.00"), ("Shifts still open", "0")]


def test_closing_the_day_waits_for_open_shifts_then_runs(
        qtbot: QtBot, window: MainWindow, store: App, clock: FixedClock,
        cards: list[str]) -> None:
    busy = busy_day(store, clock, cards, close_shift=False)
    page = open_page(qtbot, window, "manage_z")
    assert isinstance(page, ZReportPage)
    assert page.close_day()  # started on the task runner; the service refuses
    tasks_done(qtbot, window)
    assert page.closed is None
    assert "Shifts still open: 1001 王收银" in page.close_note.text()
    shifts.close_shift(store.ctx, busy.cashier, 108800)
    clock.set(at("2027-01-01T09:00:00"))  # 2026's points lapse; the page moves to today
    page.dates.set_day(store.ctx.today())
    tasks_done(qtbot, window)
    page.ask_close()
    dialog = window.findChild(object, "close_day_dialog")
    assert dialog is not None
    dialog.confirm()  # type: ignore[attr-defined]
    tasks_done(qtbot, window)  # the close, then the closed day's Z read again
    assert page.closed is not None and page.closed.points_expired > 0
    assert page.close_note.text().startswith("Day ")
    closed_day = page.closed.business_date  # the day it closed: sales now go to the next
    assert closed_day == date(2027, 1, 1) and store.ctx.today() == date(2027, 1, 2)
    expired = report_services.daily_points_report(store.ctx, closed_day).expired
    assert expired == page.closed.points_expired


@pytest.mark.parametrize("key", ["manage_points", "manage_z"])
def test_front_desk_does_not_see_the_managers_reports(qtbot: QtBot, window: MainWindow,
                                                      key: str) -> None:
    office_login(qtbot, window, "3001", "3579")
    assert window.office is not None
    assert key not in [page.key for page in window.office.pages]
