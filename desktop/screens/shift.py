"""Opening a shift with the cash float, closing it with the cash counted in the drawer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import i18n
from desktop.screens.prompt import Kind, PromptDialog, ask
from desktop.viewmodels.session import ShiftSummary, TillSession


def ask_float(parent: QWidget, session: TillSession, done: Callable[[], None]) -> PromptDialog:
    """No open shift for this cashier: count the float into the drawer and type it."""
    def open_shift(fen: int | str) -> None:
        session.open_shift(int(fen))
        done()
    title = QCoreApplication.translate("shift", "Open shift")
    label = QCoreApplication.translate("shift", "Cash float in the drawer (yuan):")
    return ask(parent, title, label, Kind.MONEY, open_shift, default="0",
               name="shift_open_dialog")


def ask_counted(parent: QWidget, session: TillSession,
                done: Callable[[ShiftSummary], None]) -> PromptDialog:
    """Closing: the cashier counts the drawer; expected and over/short are recorded."""
    def close_shift(fen: int | str) -> None:
        done(session.close_shift(int(fen)))
    title = QCoreApplication.translate("shift", "Close shift")
    label = QCoreApplication.translate("shift", "Cash counted in the drawer (yuan):")
    return ask(parent, title, label, Kind.MONEY, close_shift, name="shift_close_dialog")


class ShiftClosedDialog(QDialog):
    """What the drawer should have held, what was counted, and the difference."""

    def __init__(self, summary: ShiftSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shift_closed_dialog")
        self.setWindowTitle(self.tr("Shift closed"))
        layout = QVBoxLayout(self)
        rows = ((self.tr("Float"), summary.shift.float_fen),
                (self.tr("Expected in the drawer"), summary.expected_fen),
                (self.tr("Counted"), summary.counted_fen),
                (self.tr("Over (+) / short (−)"), summary.over_short_fen))
        names = ("shift_float", "shift_expected", "shift_counted", "shift_over_short")
        for (title, fen), name in zip(rows, names, strict=True):
            label = QLabel(f"{title}: {i18n.money(fen)}", self)
            label.setObjectName(name)
            layout.addWidget(label)
        close = QPushButton(self.tr("Enter Log out"), self)
        close.setObjectName("shift_closed_ok")
        close.setProperty("role", "primary")
        close.clicked.connect(self.accept)
        close.setDefault(True)
        layout.addWidget(close)
