"""Sales on hold: a table of what waits (when, what, how much), pick one to carry on with it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import i18n
from domain.clock import BusinessDay
from domain.records import HeldSale

NAMES_SHOWN = 3  # product names listed per held sale before "…"


class RecallDialog(QDialog):
    def __init__(self, held: list[HeldSale], calendar: BusinessDay,
                 on_pick: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recall_dialog")
        self.setWindowTitle(self.tr("Sales on hold"))
        self.setMinimumSize(720, 360)
        self.held, self.on_pick = held, on_pick
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Choose a sale and press Enter."), self))
        self.table = self._table(calendar)
        layout.addWidget(self.table)
        layout.addLayout(self._buttons())
        self.table.setFocus()

    def _table(self, calendar: BusinessDay) -> QTableWidget:
        table = QTableWidget(len(self.held), 4, self)
        table.setObjectName("recall_list")
        table.setHorizontalHeaderLabels([self.tr("Held at"), self.tr("Items"),
                                         self.tr("Qty"), self.tr("Total")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(52)  # a finger's height
        header = table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, held in enumerate(self.held):
            cells = [i18n.datetime_text(calendar.local(held.held_at)), self._names(held),
                     i18n.number(held.items), i18n.money(held.total_fen)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        table.resizeColumnToContents(0)
        table.selectRow(len(self.held) - 1)  # the sale held last is usually the one wanted
        table.itemActivated.connect(lambda _item: self.pick())
        return table

    def _names(self, held: HeldSale) -> str:
        lines = held.cart.get("lines", [])
        names = [str(line["product"]["name"]) for line in lines[:NAMES_SHOWN]]
        text = ", ".join(names) + ("…" if len(lines) > NAMES_SHOWN else "")
        if held.member_id:
            text = self.tr("Member · {items}").format(items=text)
        return text

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        back = QPushButton(self.tr("Esc Back"), self)
        back.setObjectName("recall_back")
        back.setAutoDefault(False)
        back.clicked.connect(self.reject)
        button = QPushButton(self.tr("Enter Recall"), self)
        button.setObjectName("recall_ok")
        button.setProperty("role", "primary")
        button.clicked.connect(self.pick)
        button.setDefault(True)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(button)
        return row

    def pick(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.held) and self.isVisible():  # Enter reaches table and button
            self.accept()
            self.on_pick(self.held[row].id)
