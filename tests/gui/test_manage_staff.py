"""The "Staff and roles" page: accounts, new staff with named errors, roles, cards, alerts."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QTableWidget

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from desktop.screens.manage.staff import StaffPage
from domain.errors import DomainError
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout
from domain.services.members import find_by_card
from domain.services.staff import login
from tests.gui.conftest import Cashier
from tests.gui.test_manage_audit import cells, office_login


def open_staff(keys: Cashier, window: MainWindow, number: str = "2001",
               pin: str = "2468") -> StaffPage:
    office_login(keys, window, number, pin)
    assert window.office is not None
    page = window.office.open("manage_staff")
    assert isinstance(page, StaffPage)
    keys.qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)
    return page


def select(page: StaffPage, number: str) -> None:
    page.table.selectRow([s.number for s in page.model.staff].index(number))


def test_the_list_shows_every_account_with_its_role(window: MainWindow,
                                                    cashier_keys: Cashier) -> None:
    page = open_staff(cashier_keys, window)
    table: QTableWidget = cashier_keys.child("staff_table", page)
    assert cells(table, 0) == ["0001", "1001", "2001", "3001"]
    assert cells(table, 2) == ["Administrator", "Cashier", "Manager", "Front desk"]
    assert set(cells(table, 3)) == {"Active"}
    roles: QComboBox = cashier_keys.child("staff_new_role", page)
    assert [roles.itemText(i) for i in range(roles.count())] == ["Cashier", "Front desk"]


def test_a_new_cashier_with_a_simple_pin_is_corrected_and_logs_in(
        store: App, window: MainWindow, cashier_keys: Cashier) -> None:
    page = open_staff(cashier_keys, window)
    cashier_keys.child("staff_new_number", page).setText("1002")
    cashier_keys.child("staff_new_name", page).setText("钱收银")
    pin: QLineEdit = cashier_keys.child("staff_new_pin", page)
    pin.setFocus()
    cashier_keys.type("1111")
    error = cashier_keys.child("staff_new_error", page)
    assert error.text().startswith("That PIN is too easy to guess")
    assert QApplication.focusWidget() is pin and "b42318" in pin.styleSheet()
    assert cashier_keys.child("staff_new_name", page).text() == "钱收银"  # kept
    pin.clear()
    cashier_keys.type("4826")
    assert error.text() == ""
    assert "1002" in cells(page.table, 0)
    assert login(store.ctx, "1002", "4826").name == "钱收银"


def test_a_taken_number_names_the_number_field(window: MainWindow,
                                               cashier_keys: Cashier) -> None:
    page = open_staff(cashier_keys, window)
    number: QLineEdit = cashier_keys.child("staff_new_number", page)
    number.setText("1001")
    cashier_keys.child("staff_new_name", page).setText("重复")
    cashier_keys.child("staff_new_pin", page).setText("4826")
    cashier_keys.press(Qt.Key.Key_F2)
    assert cashier_keys.child("staff_new_error", page).text() == (
        "Staff number 1001 is already taken. Choose another number.")
    assert "b42318" in number.styleSheet()


def test_switching_a_cashier_off_and_on(store: App, window: MainWindow,
                                        cashier_keys: Cashier) -> None:
    page = open_staff(cashier_keys, window)
    select(page, "1001")
    cashier_keys.child("staff_toggle", page).click()
    cashier_keys.dialog("staff_confirm_off")
    cashier_keys.press(Qt.Key.Key_Return)
    cashier_keys.no_dialog()
    assert cells(page.table, 3)[1] == "Switched off"
    try:
        login(store.ctx, "1001", "1357")
        raise AssertionError("a switched-off cashier logged in")
    except DomainError as err:
        assert err.code == "staff.inactive"
    cashier_keys.child("staff_toggle", page).click()
    assert cells(page.table, 3)[1] == "Active"


def test_a_manager_may_not_switch_off_themself_nor_touch_the_admin(
        window: MainWindow, cashier_keys: Cashier) -> None:
    page = open_staff(cashier_keys, window)
    select(page, "2001")
    page.ask_toggle()
    cashier_keys.dialog("staff_confirm_off")
    cashier_keys.press(Qt.Key.Key_Return)
    cashier_keys.no_dialog()
    error = cashier_keys.child("staff_error", page)
    assert error.text().startswith("You cannot change the role of your own account")
    select(page, "0001")
    page.pin.setText("4826")
    page.reset_pin()
    assert error.text() == ("Only an administrator may give, change or switch off the role "
                            "Administrator.")


def test_an_admin_makes_a_front_desk_clerk_a_manager(store: App, window: MainWindow,
                                                     cashier_keys: Cashier) -> None:
    page = open_staff(cashier_keys, window, "0001", "8024")
    select(page, "3001")
    role: QComboBox = cashier_keys.child("staff_role", page)
    role.setCurrentIndex(role.findData("manager"))
    cashier_keys.press(Qt.Key.Key_F4)
    assert cells(page.table, 2)[3] == "Manager"
    assert login(store.ctx, "3001", "3579").role.value == "manager"


def test_permissions_come_from_the_role_checks(window: MainWindow,
                                               cashier_keys: Cashier) -> None:
    page = open_staff(cashier_keys, window)
    table: QTableWidget = cashier_keys.child("staff_permissions", page)
    rows = {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 5)]
            for r in range(table.rowCount())}
    assert rows["Ring sales and returns at the till"] == ["✓", "—", "✓", "✓"]
    assert rows["Add, reset, switch off managers and administrators"] == ["—", "—", "—", "✓"]
    assert rows["Open the page “Audit trail”"] == ["—", "—", "✓", "✓"]
    assert rows["Open the page “Application form”"] == ["—", "✓", "✓", "✓"]


def test_a_swiped_card_is_flagged_as_staff_and_busy_cards_are_alerted(
        store: App, window: MainWindow, cashier_keys: Cashier, cards: list[str],
        stripe: object) -> None:
    cashier = login(store.ctx, "1001", "1357")
    member = find_by_card(store.ctx, cards[1]).member
    for _ in range(store.ctx.pack.cards.staff_card_daily_alert + 1):
        cart = carts.start_sale(store.ctx, cashier.id)
        cart = replace(cart, member_id=member.id)
        cart = carts.add_item(store.ctx, cart, "F6001")
        cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
        checkout.complete(store.ctx, cart)
    page = open_staff(cashier_keys, window)
    select(page, "1001")
    page.card.setFocus()
    cashier_keys.scan(stripe(cards[1]))  # type: ignore[operator]
    assert page.card.text() == cards[1]
    cashier_keys.press(Qt.Key.Key_F7)
    assert cells(page.table, 4)[1] == f"{cards[1]} (staff card)"
    assert page.tabs.tabText(2) == "Card alerts (1)"
    alerts: QTableWidget = cashier_keys.child("staff_alerts", page)
    assert [alerts.item(0, c).text() for c in range(1, 5)] == [
        cards[1], member.name, "6", "Staff card"]
