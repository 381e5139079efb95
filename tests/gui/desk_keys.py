"""Helpers for the front-desk page tests: log in to the office, open a page, read slips."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from desktop.screens.main_window import MainWindow
from hardware.peers.printer_peer import PrinterLog, PrinterPeer


def desk_login(keys, window: MainWindow, number: str = "3001", pin: str = "3579") -> None:
    """Front desk (or a manager) types number and PIN and lands in the office."""
    window.login.number.setFocus()
    keys.type(number)
    keys.type(pin)
    keys.no_dialog()
    assert window.stack.currentWidget() is window.office


def open_page(keys, window: MainWindow, key: str) -> QWidget:
    """Bring a page up and wait until it has put the keyboard in its first field."""
    assert window.office is not None
    page = window.office.open(key)
    keys.qtbot.waitUntil(lambda: page.isAncestorOf(QApplication.focusWidget()), timeout=3000)
    return page


def slip_with(peer: PrinterPeer, title: str) -> list[str]:
    """The printed page (text between cuts, decoded from GB18030) that has `title`."""
    log: PrinterLog = peer.wait_for(lambda log: any(title in ln for p in log.pages for ln in p),
                                    timeout=5.0)
    return next(page for page in log.pages if any(title in line for line in page))


def has(page: list[str], *parts: str) -> bool:
    return any(all(p in line for p in parts) for line in page)
