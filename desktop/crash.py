"""Never a traceback in front of a person: unexpected errors are logged in full with a support
code, and the cashier reads whether the sale is safe and the code to give support."""

from __future__ import annotations

import logging
import secrets
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop import feedback

log = logging.getLogger("kaika.crash")

SavedReceipt = Callable[[], str | None]


def support_code() -> str:
    """Six hex digits: short enough to read over the phone, unique enough to find the log."""
    return secrets.token_hex(3).upper()


def report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
           saved: SavedReceipt, parent: QWidget | None = None) -> str:
    """Log the error with a support code and tell the person at the till; returns the code."""
    code = support_code()
    log.error("unexpected error, support code %s", code, exc_info=(exc_type, exc, tb))
    text = feedback.unexpected(code, _safe(saved))
    if QApplication.instance() is not None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Kaika", text, QMessageBox.StandardButton.Ok,
                          parent)
        box.setObjectName("crash_box")
        box.open()
    return code


def install(saved: SavedReceipt, parent: Callable[[], QWidget | None]) -> None:
    """Route every uncaught exception (slots included: PySide6 calls the hook) to `report`."""
    def hook(exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report(exc_type, exc, tb, saved, parent())
    sys.excepthook = hook


def _safe(saved: SavedReceipt) -> str | None:
    try:
        return saved()
    except Exception:  # the crash report itself must not crash
        return None
