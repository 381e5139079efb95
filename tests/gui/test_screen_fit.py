"""Every screen, dialog and back-office page fits the common till panels (1024×768 and
1366×768) with the till's own style and font: every action button and the status bar lie
inside the screen and are at least 40 px high, whatever is on screen (issue 12, item 1)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QTableWidget,
    QWidget,
)

from desktop.app import apply_style, choose_font, window_placement
from desktop.screens.desk.lookup import LookupPage
from desktop.screens.main_window import MainWindow
from desktop.screens.manage.report_view import ReportView
from desktop.screens.office import OfficeScreen
from domain.records import Role
from tests.gui.conftest import Cashier, tasks_done
from tests.gui.test_desk_pin import ZHANG_MOBILE

SIZES = [QSize(1024, 768), QSize(1366, 768)]
TOUCH_PX = 40


@pytest.fixture(autouse=True)
def till_style(qapp: QApplication) -> Iterator[None]:
    """The style sheet and Chinese font `kaika run` uses: sizes are only real with them."""
    font = QFont(qapp.font())
    apply_style(qapp)
    choose_font(qapp)
    yield
    qapp.setStyleSheet("")
    qapp.setFont(font)


def _rect_in(widget: QWidget, top: QWidget) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def _actions(top: QWidget) -> list[QWidget]:
    """What a finger acts on: buttons, fields, drop-down lists, shown on `top` now."""
    kinds = (QAbstractButton, QLineEdit, QComboBox)
    return [w for w in top.findChildren(QWidget) if isinstance(w, kinds)
            and w.isVisibleTo(top) and w.window() is top
            and not w.objectName().startswith("qt_")
            and w.parent() is not None and not _in_scroller(w, top)]


def _in_scroller(widget: QWidget, top: QWidget) -> bool:
    """Inside a list or table viewport (an editor in a cell): the view scrolls to it."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if parent.objectName() == "qt_scrollarea_viewport":
            return True
        parent = parent.parentWidget()
    return False


def assert_fits(top: QWidget, size: QSize, what: str) -> None:
    """`top` resized to `size` keeps that size (its minimum is no bigger), and every action on
    it lies inside it, whole, and is at least 40 px high."""
    top.resize(size)
    QApplication.processEvents()
    assert top.width() <= size.width() and top.height() <= size.height(), (
        f"{what}: needs {top.minimumSizeHint().width()}×{top.minimumSizeHint().height()}, "
        f"the panel is {size.width()}×{size.height()}")
    whole = top.rect()
    for widget in _actions(top):
        name = widget.objectName() or type(widget).__name__
        assert whole.contains(_rect_in(widget, top)), f"{what}: {name} is off the screen"
        if isinstance(widget, QAbstractButton) and widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget, (QAbstractButton, QLineEdit, QComboBox)) and not _checkbox(widget):
            assert widget.height() >= TOUCH_PX, f"{what}: {name} is {widget.height()} px high"
        assert widget.width() >= widget.minimumSizeHint().width(), f"{what}: {name} is cut"


def _checkbox(widget: QWidget) -> bool:
    return widget.metaObject().className() in ("QCheckBox", "QRadioButton")


def assert_window_fits(window: MainWindow, size: QSize, what: str) -> None:
    assert_fits(window, size, what)
    status = window.statusBar()
    assert status.isVisible()
    assert window.rect().contains(_rect_in(status, window)), f"{what}: the status bar is cut"


def assert_dialog_fits(dialog: QWidget, what: str) -> None:
    """A dialog opens no bigger than the smaller panel (less a title bar), its buttons and
    fields inside it."""
    QApplication.processEvents()
    room = QSize(SIZES[0].width(), SIZES[0].height() - 40)
    assert dialog.width() <= room.width() and dialog.height() <= room.height(), (
        f"{what}: opens at {dialog.width()}×{dialog.height()}")
    assert_fits(dialog, dialog.size(), what)


@pytest.mark.parametrize("size", SIZES, ids=["1024x768", "1366x768"])
def test_the_sale_screen_with_a_member_fits_and_every_key_is_on_screen(
        window: MainWindow, cashier_keys: Cashier, stripe, cards: list[str], size: QSize
        ) -> None:
    assert_window_fits(window, size, "log-in")
    cashier_keys.login()
    for code in ("6901234567892", "6901234567984"):
        cashier_keys.scan(code)
    cashier_keys.scan(stripe(cards[0]))
    assert window.sale.sale().view().member is not None
    window.status.set_waiting(3)  # printer out of paper: the notice a cashier touches
    assert_window_fits(window, size, "sale with a member")
    for name in ("key_pay", "key_help", "key_close_shift", "status_waiting"):
        button = cashier_keys.child(name)
        assert button.isVisible() and window.rect().contains(_rect_in(button, window)), name


@pytest.mark.parametrize("size", SIZES, ids=["1024x768", "1366x768"])
def test_every_back_office_page_fits_with_its_buttons_on_screen(
        window: MainWindow, cashier_keys: Cashier, size: QSize) -> None:
    window.login.number.setFocus()
    cashier_keys.type("2001")
    cashier_keys.type("2468")
    office = window.office
    assert office is not None and len(office.pages) >= 14
    for page in office.pages:
        widget = office.open(page.key)
        dates = getattr(widget, "dates", None)
        if dates is not None:
            dates.step(-1)  # a day with figures: the widest tables
        tasks_done(cashier_keys.qtbot, window)  # what the page read is on it
        assert_window_fits(window, size, page.key)
        for view in widget.findChildren(ReportView):
            for table in view.findChildren(QTableWidget):  # per cashier: no column cut off
                columns = sum(table.horizontalHeader().sectionSize(c)
                              for c in range(table.columnCount()))
                assert columns <= table.viewport().width() + 1, f"{page.key}: a table is cut"


@pytest.mark.parametrize("size", SIZES, ids=["1024x768", "1366x768"])
def test_the_administrators_pages_fit_too(window: MainWindow, cashier_keys: Cashier,
                                          size: QSize) -> None:
    """The pages only an administrator has (the till's devices), after the look for devices."""
    window.login.number.setFocus()
    cashier_keys.type("0001")
    cashier_keys.type("8024")
    office = window.office
    assert office is not None
    admin_only = [p for p in office.pages if p.roles == {Role.ADMIN}]
    assert [p.key for p in admin_only] == ["manage_devices"]
    for page in admin_only:
        office.open(page.key)
        tasks_done(cashier_keys.qtbot, window)
        assert_window_fits(window, size, page.key)


def test_the_sale_screens_dialogs_fit_the_smaller_panel(
        window: MainWindow, cashier_keys: Cashier, stripe, cards: list[str]) -> None:
    keys = cashier_keys
    window.resize(SIZES[0])
    keys.login()
    keys.scan("6901234567892")
    keys.scan(stripe(cards[0]))
    shift, plain = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.NoModifier
    for key, modifier, name in (
            (Qt.Key.Key_F1, plain, "help_dialog"), (Qt.Key.Key_F2, plain, "qty_dialog"),
            (Qt.Key.Key_F5, plain, "coupon_dialog"), (Qt.Key.Key_F9, plain, "discount_dialog"),
            (Qt.Key.Key_F9, shift, "ticket_discount_dialog"),
            (Qt.Key.Key_F8, plain, "returns_dialog"), (Qt.Key.Key_F10, plain, "payment_dialog")):
        keys.press(key, modifier)
        dialog = keys.dialog(name)
        assert isinstance(dialog, QDialog)
        assert_dialog_fits(dialog, name)
        dialog.reject()
        keys.no_dialog()
    keys.press(Qt.Key.Key_F6)  # hold it: the recall list and the shift close open next
    for key, modifier, name in (
            (Qt.Key.Key_F7, Qt.KeyboardModifier.NoModifier, "recall_dialog"),
            (Qt.Key.Key_F12, Qt.KeyboardModifier.ShiftModifier, "shift_close_dialog")):
        keys.press(key, modifier)
        dialog = keys.dialog(name)
        assert isinstance(dialog, QDialog)
        assert_dialog_fits(dialog, name)
        dialog.reject()
        keys.no_dialog()


def office_at_small_panel(window: MainWindow, keys: Cashier, number: str,
                          pin: str) -> OfficeScreen:
    """The window at 1024×768 with `number` logged in to the back office."""
    window.resize(SIZES[0])
    window.login.number.setFocus()
    keys.type(number)
    keys.type(pin)
    office = window.office
    assert office is not None
    return office


def test_the_front_desks_dialogs_fit_the_smaller_panel(
        window: MainWindow, cashier_keys: Cashier) -> None:
    keys = cashier_keys
    office = office_at_small_panel(window, keys, "2001", "2468")
    office.open("desk_wallet")
    keys.qtbot.wait(20)
    keys.type(ZHANG_MOBILE)
    keys.press(Qt.Key.Key_F6)
    dialog = keys.dialog("pin_dialog")
    assert_dialog_fits(dialog, "pin_dialog")
    dialog.close()
    keys.no_dialog()
    office.open("desk_draw")
    keys.qtbot.wait(20)
    keys.press(Qt.Key.Key_F8)
    dialog = keys.dialog("draw_setup_dialog")
    assert_dialog_fits(dialog, "draw_setup_dialog")
    dialog.close()


@pytest.mark.parametrize(("available", "maximized"), [
    (QSize(1024, 768), True), (QSize(1366, 728), True), (QSize(1920, 1040), False)])
def test_the_window_opens_within_the_screen_it_is_on(available: QSize, maximized: bool
                                                     ) -> None:
    size, whole = window_placement(available)
    assert whole is maximized
    assert size.width() <= available.width() and size.height() <= available.height()


@pytest.mark.parametrize("size", SIZES, ids=["1024x768", "1366x768"])
def test_the_demo_panel_never_pushes_the_office_off_the_screen(
        window: MainWindow, cashier_keys: Cashier, cards: list[str], size: QSize) -> None:
    from desktop.screens.demo_panel import add_demo_panel, fit_demo_dock
    from hardware.peers.demo import DemoRig

    with DemoRig() as rig:
        dock = add_demo_panel(window, rig, cards)
        fit_demo_dock(window, dock, size)
        window._on_login("2001", "2468")  # a floating panel may hold the keyboard: log in directly
        assert window.office is not None
        for key in ("manage_z", "manage_audit", "desk_application"):
            window.office.open(key)
            tasks_done(cashier_keys.qtbot, window)
            assert_window_fits(window, size, f"{key} beside the demo panel")
        assert dock.isFloating() is (size.width() < 1280)
        dock.close()


def test_the_no_receipt_return_and_the_managers_dialog_fit_the_smaller_panel(
        window: MainWindow, cashier_keys: Cashier) -> None:
    keys = cashier_keys
    window.resize(SIZES[0])
    keys.login()
    keys.press(Qt.Key.Key_F8)
    keys.dialog("returns_dialog")
    keys.press(Qt.Key.Key_F4)  # no receipt: the item, its amount, then a manager at F10
    keys.type("F6001")
    amount = keys.dialog("return_amount_dialog")
    assert_dialog_fits(amount, "return_amount_dialog")
    keys.type("60")
    keys.dialog("returns_dialog")
    keys.press(Qt.Key.Key_F10)
    manager = keys.dialog("manager_dialog")
    assert_dialog_fits(manager, "manager_dialog")
    manager.reject()


def test_the_member_profile_form_fits_the_smaller_panel(
        window: MainWindow, cashier_keys: Cashier) -> None:
    keys = cashier_keys
    page = office_at_small_panel(window, keys, "3001", "3579").open("desk_lookup")
    assert isinstance(page, LookupPage)
    page.search.setFocus()
    keys.type("zs")
    dialog = page.edit_profile()
    assert dialog is not None
    assert_dialog_fits(dialog, "profile_dialog")
    dialog.reject()
