"""The drawers and the day (issue 12, items 16–18): a shift slip printed when a drawer is
counted, the front desk's cash top-ups in a drawer and in the Z, and a day close that prints
a frozen Z, refuses a second close and sends later sales to the next business date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop import i18n
from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from desktop.screens.manage.z_report import ZReportPage
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.services import maintenance, shifts
from domain.services import reports as report_services
from domain.services.staff import login
from hardware.peers.printer_peer import PrinterLog, PrinterPeer
from tests.gui.conftest import tasks_done
from tests.gui.desk_keys import desk_login, has, open_page, slip_with

SCARF = "6901234567984"  # 丝巾 ￥89


def pages_with(peer: PrinterPeer, title: str, count: int) -> list[list[str]]:
    log: PrinterLog = peer.wait_for(
        lambda log: sum(any(title in ln for ln in p) for p in log.pages) >= count, timeout=5.0)
    return [page for page in log.pages if any(title in line for line in page)]


def cash_sale_and_close(keys, window: MainWindow, counted: str) -> None:
    keys.login(float_yuan="500")
    keys.scan(SCARF)
    keys.press(Qt.Key.Key_Return)
    keys.dialog("payment_dialog")
    keys.type("100")
    keys.no_dialog()
    keys.press(Qt.Key.Key_F12, Qt.KeyboardModifier.ShiftModifier)
    keys.dialog("shift_close_dialog")
    keys.type(counted)
    keys.dialog("shift_closed_dialog")
    keys.press(Qt.Key.Key_Return)
    keys.no_dialog()


def test_closing_a_shift_prints_the_shift_slip(cashier_keys, window: MainWindow,
                                               printer_peer: PrinterPeer) -> None:
    cash_sale_and_close(cashier_keys, window, "580")
    (slip,) = pages_with(printer_peer, "交班单", 1)
    assert has(slip, "收银员", "1001")
    assert has(slip, "销售 1笔", "￥89.00")
    assert has(slip, "现金", "￥89.00")
    assert has(slip, "备用金", "￥500.00")
    assert has(slip, "应有现金", "￥589.00")
    assert has(slip, "实点现金", "￥580.00")
    assert has(slip, "长短款", "-￥9.00")


def test_a_till_set_not_to_print_the_slip_prints_none(cashier_keys, window: MainWindow,
                                                      printer_peer: PrinterPeer) -> None:
    window.env.print_shift_slip = False
    cash_sale_and_close(cashier_keys, window, "589")
    log = printer_peer.wait_for(lambda log: log.cuts >= 1, timeout=5.0)  # the sale's receipt
    assert not any("交班单" in line for page in log.pages for line in page)


def test_the_desks_cash_top_up_is_in_its_drawer_and_in_the_z(
        cashier_keys, window: MainWindow, store: App, cards: list[str],
        stripe: Callable[[str], str], printer_peer: PrinterPeer) -> None:
    keys = cashier_keys
    desk_login(keys, window)
    office = window.office
    assert office is not None and office.close_drawer.isHidden()  # no drawer yet
    page = open_page(keys, window, "desk_wallet")
    keys.scan(stripe(cards[0]))
    keys.type("1000")
    keys.dialog("shift_open_dialog")  # cash: the clerk counts a float into a drawer
    keys.type("200")
    keys.no_dialog()
    assert "Topped up ￥1,000.00" in keys.child("wallet_result", page).text()
    assert not office.close_drawer.isHidden()
    keys.press(Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)  # Close drawer
    keys.dialog("shift_close_dialog")
    keys.type("1200")
    closed = keys.dialog("shift_closed_dialog")
    assert "￥1,200.00" in keys.child("shift_expected", closed).text()  # float + top-up
    keys.press(Qt.Key.Key_Return)
    keys.no_dialog()
    slip = slip_with(printer_peer, "交班单")
    assert has(slip, "储值充值(现金)", "￥1,000.00")
    assert has(slip, "应有现金", "￥1,200.00")
    z = report_services.z_report(store.ctx, store.ctx.today())
    assert (z.expected_cash_fen, z.counted_cash_fen, z.open_shifts) == (120000, 120000, 0)


def test_the_day_close_prints_a_frozen_z_and_the_next_sale_is_tomorrows(
        cashier_keys, window: MainWindow, store: App, clock: FixedClock,
        printer_peer: PrinterPeer) -> None:
    keys = cashier_keys
    cash_sale_and_close(keys, window, "589")
    day = store.ctx.today()
    clock.advance(timedelta(hours=10))  # 20:00, the store is shutting
    desk_login(keys, window, "2001", "2468")
    assert window.office is not None
    page = window.office.open("manage_z")
    assert isinstance(page, ZReportPage)
    tasks_done(keys.qtbot, window)  # the page reads the Z on the window's task runner
    page.dates.edit.setFocus()  # the manager taps the page (F-keys act within it)
    assert page.close_button.isEnabled(), page.close_note.text()
    keys.press(Qt.Key.Key_F9)
    keys.dialog("close_day_dialog")
    keys.press(Qt.Key.Key_Return)
    keys.no_dialog()
    tasks_done(keys.qtbot, window)  # the close runs on the task runner, then the Z again
    (first,) = pages_with(printer_peer, "日结报表", 1)[-1:]
    assert page.report is not None and page.report.closed_at == clock.now()
    assert not page.close_button.isEnabled()  # closed: F9 is off until the next day
    keys.press(Qt.Key.Key_F9)
    assert window.findChild(QPushButton, "ok") is None  # no second "close the day?" question
    try:
        maintenance.close_day(store.ctx, login(store.ctx, "2001", "2468").id)
        raise AssertionError("a second close ran")
    except DomainError as refused:
        assert refused.code == "day.already_closed"
    # A late sale after the close goes to the next business date, not into the closed Z.
    cashier = login(store.ctx, "1001", "1357").id
    shift = shifts.open_shift(store.ctx, cashier, 0)
    assert shift.business_date == day + timedelta(days=1)
    frozen = report_services.z_report(store.ctx, day)
    assert (frozen.sales, frozen.expected_cash_fen) == (1, 58900)
    page.view.print_report()  # a reprint: the same paper, byte for byte as decoded
    second = pages_with(printer_peer, "日结报表", 2)[-1]
    assert second == first
    assert printer_peer.received.bytes_received > 0
    window.office.open("manage_points")  # revisited, the Z page moves on to the new day
    window.office.open("manage_z")
    tasks_done(keys.qtbot, window)
    assert page.dates.day() == date.fromordinal(day.toordinal() + 1)
    assert page.report is not None and page.report.sales == 0



def test_the_close_names_the_forgotten_day_it_closed_first(
        cashier_keys, window: MainWindow, store: App, clock: FixedClock,
        printer_peer: PrinterPeer) -> None:
    """Yesterday was sold on and never closed; tonight's close closes it first and says so."""
    keys = cashier_keys
    cash_sale_and_close(keys, window, "589")
    yesterday = store.ctx.today()
    keys.press(Qt.Key.Key_Escape)  # the cashier signs off
    clock.advance(timedelta(days=1))
    cash_sale_and_close(keys, window, "589")
    clock.advance(timedelta(hours=10))
    desk_login(keys, window, "2001", "2468")
    assert window.office is not None
    page = window.office.open("manage_z")
    assert isinstance(page, ZReportPage)
    tasks_done(keys.qtbot, window)
    page.dates.edit.setFocus()
    keys.press(Qt.Key.Key_F9)
    keys.dialog("close_day_dialog")
    keys.press(Qt.Key.Key_Return)
    keys.no_dialog()
    tasks_done(keys.qtbot, window)
    assert f"Also closed {i18n.date_text(yesterday)}, which nobody had closed" in (
        page.close_note.text())
    assert report_services.z_report(store.ctx, yesterday).sales == 1
    with store.store.reader() as uow:
        assert uow.days.get(yesterday) is not None
