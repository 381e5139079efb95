"""The back office in the till's window: who lands where, the way back and forth to the till."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop import feedback
from desktop.screens.main_window import MainWindow
from desktop.screens.office import DESK_ROLES, OfficeContext, OfficeScreen, Page
from desktop.screens.office_pages import office_pages
from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.session import TillSession
from domain.errors import DomainError
from domain.records import Role
from tests.gui.conftest import Cashier


def office_login(keys: Cashier, number: str, pin: str) -> OfficeScreen:
    keys.window.login.number.setFocus()
    keys.type(number)
    keys.type(pin)
    keys.no_dialog()
    office = keys.window.office
    assert office is not None and keys.window.stack.currentWidget() is office
    return office


def test_front_desk_lands_in_the_office_without_a_shift_or_the_till(
        window: MainWindow, cashier_keys: Cashier) -> None:
    office = office_login(cashier_keys, "3001", "3579")
    assert window.session.shift is None  # no float is counted to sign a member up
    assert office.findChild(QWidget, "office_till") is None
    staff = office.findChild(QLabel, "office_staff")
    assert "3001" in staff.text()
    assert all(Role.FRONT_DESK in page.roles for page in office.pages)


def test_a_manager_goes_to_the_till_and_back(window: MainWindow, cashier_keys: Cashier) -> None:
    office = office_login(cashier_keys, "2001", "2468")
    cashier_keys.press(Qt.Key.Key_F10)
    cashier_keys.dialog("shift_open_dialog")
    cashier_keys.type("300")
    cashier_keys.no_dialog()
    assert window.stack.currentWidget() is window.sale
    assert window.session.shift is not None and window.session.shift.float_fen == 30000
    assert cashier_keys.child("key_office").isVisible()
    cashier_keys.press(Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    assert window.stack.currentWidget() is office


def test_a_cashier_has_no_back_office(window: MainWindow, cashier_keys: Cashier) -> None:
    cashier_keys.login()
    assert not cashier_keys.child("key_office").isVisible()
    cashier_keys.press(Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    assert window.stack.currentWidget() is window.sale
    assert window.office is None


def test_logging_out_of_the_office_forgets_it(window: MainWindow, cashier_keys: Cashier) -> None:
    office_login(cashier_keys, "2001", "2468")
    cashier_keys.press(Qt.Key.Key_F12, Qt.KeyboardModifier.ShiftModifier)
    assert window.office is None and window.stack.currentWidget() is window.login
    assert window.session.staff is None


def test_pages_follow_roles_and_scans_reach_the_page_in_front(
        qtbot: QtBot, env: TillEnv) -> None:
    seen: list[object] = []

    class Scannable(QWidget):
        def on_scanned(self, code: object) -> None:
            seen.append(code)

    pages = [Page("desk_page", "Desk", DESK_ROLES, lambda _ctx: Scannable()),
             Page("boss_page", "Boss", frozenset({Role.MANAGER}), lambda _ctx: QWidget())]
    session = TillSession(env)
    session.login("3001", "3579")
    holder = QWidget()
    qtbot.addWidget(holder)
    notes: list[object] = []
    office = OfficeScreen(OfficeContext(env, session, None, notes.append, holder), pages,
                          holder)
    assert [page.key for page in office.pages] == ["desk_page"]
    office.on_scanned("CODE")  # type: ignore[arg-type]
    assert seen == ["CODE"] and office.current().objectName() == "desk_page"
    session.login("2001", "2468")
    boss = OfficeScreen(OfficeContext(env, session, None, notes.append, holder), pages, holder)
    boss.open("boss_page")
    boss.on_scanned("CODE")  # type: ignore[arg-type]
    assert len(notes) == 1 and seen == ["CODE"]


def test_every_registered_page_is_reachable_by_some_role() -> None:
    for page in office_pages():
        assert page.roles and page.roles <= DESK_ROLES, page.key


def test_a_refusal_names_the_role_in_words_not_its_code() -> None:
    text = feedback.describe(DomainError("staff.role_not_allowed", role="front_desk")).text
    assert text == "Only an administrator may give, change or switch off the role Front desk."
