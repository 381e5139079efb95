"""Small pieces the stored-value, gifts, lucky-draw and events pages share."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.widgets.style import reserve_lines

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class DeskPage(QWidget):
    """A front-desk page that puts the keyboard in its first field whenever it appears."""

    def focus_target(self) -> QWidget | None:
        return None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # After this turn of the loop: the window gives the office the focus as it shows it.
        QTimer.singleShot(0, self._focus_first)

    def _focus_first(self) -> None:
        target = self.focus_target()
        if target is not None and self.isVisible():
            target.setFocus()


def label(parent: QWidget, name: str, *, big: bool = False, text: str = "") -> QLabel:
    made = QLabel(text, parent)
    made.setObjectName(name)
    made.setWordWrap(True)
    if big:
        made.setProperty("big", True)
    return made


def error_label(parent: QWidget, name: str, lines: int = 2) -> QLabel:
    """A refusal beside the field it is about, red like the till's own (#error)."""
    made = label(parent, name)
    made.setStyleSheet("color: #b42318; font-weight: bold;")
    reserve_lines(made, lines)
    return made


def cell(text: str, align: Qt.AlignmentFlag | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if align is not None:
        item.setTextAlignment(align)
    return item


def table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    """A read-only table chosen by row (touch or arrow keys)."""
    made = QTableWidget(0, len(headers), parent)
    made.setObjectName(name)
    made.setHorizontalHeaderLabels(headers)
    made.horizontalHeader().setStretchLastSection(True)
    made.verticalHeader().setVisible(False)
    made.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    made.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    made.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    made.setAlternatingRowColors(True)
    return made


def fill(target: QTableWidget, rows: list[list[str]], right: tuple[int, ...] = ()) -> None:
    target.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            target.setItem(r, c, cell(value, RIGHT if c in right else None))
    target.resizeColumnsToContents()
    target.horizontalHeader().setStretchLastSection(True)


def button(parent: QWidget, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
    """A named button that runs `slot` when pressed."""
    made = QPushButton(text, parent)
    made.setObjectName(name)
    made.clicked.connect(slot)
    return made


def shortcut(owner: QWidget, key: str, slot: Callable[[], object]) -> None:
    """A key that works anywhere on the page (not only in the focused field)."""
    made = QShortcut(QKeySequence(key), owner)
    made.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    made.activated.connect(slot)
