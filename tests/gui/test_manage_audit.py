"""The manager's audit trail page: entries newest first, filters, paging, export, chain check."""

from __future__ import annotations

import csv
import hashlib
import sqlite3
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QLabel, QTableWidget

from desktop.bootstrap import App
from desktop.screens.main_window import MainWindow
from desktop.screens.manage.audit import AuditPage
from domain.services import audit as audit_service
from domain.services.staff import login
from tests.gui.conftest import Cashier, tasks_done


def office_login(keys: Cashier, window: MainWindow, number: str, pin: str) -> None:
    window.login.number.setFocus()
    keys.type(number)
    keys.type(pin)
    keys.no_dialog()
    assert window.stack.currentWidget() is window.office


def open_audit(keys: Cashier, window: MainWindow) -> AuditPage:
    office_login(keys, window, "2001", "2468")
    assert window.office is not None
    page = window.office.open("manage_audit")
    assert isinstance(page, AuditPage)
    keys.qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)
    return page


def cells(table: QTableWidget, column: int) -> list[str]:
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_entries_newest_first_with_staff_named(window: MainWindow, cashier_keys: Cashier) -> None:
    page = open_audit(cashier_keys, window)
    table = cashier_keys.child("audit_table", page)
    assert table.rowCount() > 0
    assert cells(table, 1)[0] == "2001 李店长" and cells(table, 2)[0] == "Log-in"
    assert table.editTriggers() == QTableWidget.EditTrigger.NoEditTriggers
    position = cashier_keys.child("audit_position", page)
    assert position.text().startswith("Entries 1–")


def test_filters_by_action_and_staff_and_pages(store: App, window: MainWindow,
                                              cashier_keys: Cashier) -> None:
    for _ in range(audit_service.PAGE_SIZE + 5):
        login(store.ctx, "1001", "1357")
    page = open_audit(cashier_keys, window)
    action: QComboBox = cashier_keys.child("audit_action", page)
    staff: QComboBox = cashier_keys.child("audit_staff", page)
    action.setCurrentIndex(action.findData("login"))
    staff.setCurrentIndex(staff.findText("1001 王收银"))
    staff.setFocus()
    cashier_keys.press(Qt.Key.Key_Return)
    table = cashier_keys.child("audit_table", page)
    assert table.rowCount() == audit_service.PAGE_SIZE
    assert set(cells(table, 1)) == {"1001 王收银"}
    position: QLabel = cashier_keys.child("audit_position", page)
    assert position.text() == "Entries 1–100 of 105"
    cashier_keys.press(Qt.Key.Key_PageDown)
    assert table.rowCount() == 5 and position.text() == "Entries 101–105 of 105"
    cashier_keys.press(Qt.Key.Key_PageUp)
    assert table.rowCount() == 100


def test_a_reversed_range_is_refused_naming_the_dates(window: MainWindow,
                                                      cashier_keys: Cashier) -> None:
    page = open_audit(cashier_keys, window)
    since: QDateEdit = cashier_keys.child("audit_since", page)
    until: QDateEdit = cashier_keys.child("audit_until", page)
    until.setDate(since.date().addDays(-1))
    cashier_keys.child("audit_apply", page).click()
    assert cashier_keys.child("audit_error", page).text() == (
        "The end date is before the start date. Change one of them.")


def test_export_writes_the_filtered_list(window: MainWindow, cashier_keys: Cashier,
                                         tmp_path: Path) -> None:
    page = open_audit(cashier_keys, window)
    action: QComboBox = cashier_keys.child("audit_action", page)
    action.setCurrentIndex(action.findData("staff_added"))
    page.apply()
    target = tmp_path / "audit.csv"
    assert page.export_to(target)  # written on the window's task runner
    tasks_done(cashier_keys.qtbot, window)
    assert window.status.notice.text() == f"4 entries written to {target}"  # the four staff
    with target.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["subject"] for r in rows) == ["0001", "1001", "2001", "3001"]
    assert {r["action"] for r in rows} == {"staff_added"}


def test_verify_shows_ok_then_the_first_tampered_entry(store: App, window: MainWindow,
                                                       cashier_keys: Cashier) -> None:
    page = open_audit(cashier_keys, window)
    chain: QLabel = cashier_keys.child("audit_chain", page)
    cashier_keys.child("audit_verify", page).click()
    tasks_done(cashier_keys.qtbot, window)  # the chain is checked on the task runner
    assert chain.text() == "Audit chain OK: no entry has been changed or removed."
    with sqlite3.connect(store.store.path) as raw:
        seq, entry_id = raw.execute(
            "SELECT seq, id FROM audit_log WHERE action = 'staff_added' ORDER BY seq LIMIT 1"
        ).fetchone()
        raw.execute("UPDATE audit_log SET details = '{\"role\":\"admin\"}' WHERE seq = ?",
                    (seq,))
    cashier_keys.child("audit_verify", page).click()
    tasks_done(cashier_keys.qtbot, window)  # the chain is checked on the task runner
    assert chain.text() == (f"Audit chain broken: entry no. {seq} ({entry_id}) was changed "
                            "after it was written. Call head office before anything else is "
                            "changed.")


def test_dates_default_to_the_last_thirty_days(store: App, window: MainWindow,
                                               cashier_keys: Cashier) -> None:
    page = open_audit(cashier_keys, window)
    today = store.ctx.today()
    until: QDateEdit = cashier_keys.child("audit_until", page)
    since: QDateEdit = cashier_keys.child("audit_since", page)
    assert until.date() == QDate(today.year, today.month, today.day)
    assert since.date().daysTo(until.date()) == 29


def test_verify_says_when_the_trail_was_cut(store: App, window: MainWindow,
                                            cashier_keys: Cashier) -> None:
    page = open_audit(cashier_keys, window)
    with sqlite3.connect(store.store.path) as raw:
        top = raw.execute("SELECT MAX(seq) FROM audit_log").fetchone()[0]
        raw.execute("DELETE FROM audit_log WHERE seq > ?", (top - 2,))
    cashier_keys.child("audit_verify", page).click()
    tasks_done(cashier_keys.qtbot, window)  # the chain is checked on the task runner
    chain: QLabel = cashier_keys.child("audit_chain", page)
    assert chain.text() == (f"Audit trail cut: it reached entry no. {top} but now ends at no. "
                            f"{top - 2}; the entries after it were deleted. Call head office "
                            "before anything else is changed.")


def test_verify_says_when_the_trail_was_rewritten_without_the_key(
        store: App, window: MainWindow, cashier_keys: Cashier) -> None:
    page = open_audit(cashier_keys, window)
    with sqlite3.connect(store.store.path) as raw:
        rows = raw.execute("SELECT seq, hash FROM audit_log ORDER BY seq").fetchall()
        prev = rows[0][1]
        for seq, _ in rows[1:]:  # relinked with links made without the key
            link = hashlib.sha256(f"{seq}{prev}".encode()).hexdigest()
            raw.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
                        (prev, link, seq))
            prev = link
    cashier_keys.child("audit_verify", page).click()
    tasks_done(cashier_keys.qtbot, window)  # the chain is checked on the task runner
    chain: QLabel = cashier_keys.child("audit_chain", page)
    assert chain.text() == (f"Audit trail rewritten: from entry no. {rows[1][0]} on, the entries "
                            "were recomputed without this store's key. Call head office before "
                            "anything else is changed.")
