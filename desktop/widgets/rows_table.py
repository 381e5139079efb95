"""A read-only table over a list of rows that draws only the rows on screen: a manager's list
of 17,000 anniversaries or 300,000 dormant members fills in a blink, where a QTableWidget
made an item per cell on the window's thread (3.2 s for 17,000 rows, minutes beyond)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Colour = Callable[[int, int], QColor | None]
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: Sequence[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: Sequence[Sequence[str]] = []
        self.right: frozenset[int] = frozenset()
        self.colour: Colour | None = None

    def set_rows(self, rows: Sequence[Sequence[str]], right: Sequence[int] = (),
                 colour: Colour | None = None) -> None:
        self.beginResetModel()
        self.rows, self.right, self.colour = rows, frozenset(right), colour
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r, c = index.row(), index.column()
        if not index.isValid() or r >= len(self.rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[r][c]
        if role == Qt.ItemDataRole.TextAlignmentRole and c in self.right:
            return int(RIGHT.value)
        if role == Qt.ItemDataRole.ForegroundRole and self.colour is not None:
            return self.colour(r, c)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None


class RowsTable(QTableView):
    """Chosen by row (touch or arrow keys); `row_chosen(row)` on a click or a move.

    Signals:
        row_chosen(int): the current row changed or was clicked.
    """

    row_chosen = Signal(int)

    def __init__(self, parent: QWidget, name: str, headers: Sequence[str]) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.rows = RowsModel(headers, self)
        self.setModel(self.rows)
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(0)  # sized from the rows on screen, not every row
        header.setStretchLastSection(True)
        self.clicked.connect(lambda index: self.row_chosen.emit(index.row()))
        self.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.row_chosen.emit(current.row()))

    def fill(self, rows: Sequence[Sequence[str]], right: Sequence[int] = (),
             colour: Colour | None = None) -> None:
        self.rows.set_rows(rows, right, colour)

    def rowCount(self) -> int:
        return self.rows.rowCount()

    def text(self, row: int, column: int) -> str:
        return str(self.rows.rows[row][column])

    def foreground(self, row: int, column: int) -> QColor | None:
        return self.rows.colour(row, column) if self.rows.colour is not None else None
