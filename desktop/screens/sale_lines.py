"""The sale's lines: item, quantity, price, discount with the reason, amount."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop import explain, i18n
from desktop.viewmodels.sale import LineView

COLUMNS = ("#", "item", "qty", "price", "discount", "amount")


class SaleLinesTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setObjectName("sale_lines")
        self.setHorizontalHeaderLabels([
            self.tr("#"), self.tr("Item"), self.tr("Qty"), self.tr("Price"),
            self.tr("Discount (why)"), self.tr("Amount")])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the code field keeps the keyboard
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(40)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.line_numbers: list[int] = []

    def set_lines(self, lines: tuple[LineView, ...], current: int | None = None) -> None:
        """Show the lines with `current` (the line just scanned or changed) chosen."""
        keep = current if current is not None else self.selected_line_no()
        self.setRowCount(len(lines))
        self.line_numbers = [line.line_no for line in lines]
        for row, line in enumerate(lines):
            cells = (str(row + 1), f"{line.name}  {line.sku}", i18n.number(line.qty),
                     i18n.money(line.unit_fen), self._discount(line), i18n.money(line.final_fen))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (2, 3, 5):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, col, item)
        if lines:
            row = self.line_numbers.index(keep) if keep in self.line_numbers else len(lines) - 1
            self.selectRow(row)

    def _discount(self, line: LineView) -> str:
        if not line.discount_fen:
            return ""
        # One reason: the amount is already in front; several: each says what it took off.
        why = explain.line_reasons(line.reasons, amounts=len(line.reasons) > 1)
        return f"−{i18n.money(line.discount_fen)}  {why}"

    def selected_line_no(self) -> int | None:
        rows = self.selectionModel().selectedRows() if self.selectionModel() else []
        if not rows or rows[0].row() >= len(self.line_numbers):
            return self.line_numbers[-1] if self.line_numbers else None
        return self.line_numbers[rows[0].row()]

    def step_selection(self, step: int) -> None:
        """Up/Down in the code field move the selection here."""
        if not self.line_numbers:
            return
        rows = self.selectionModel().selectedRows()
        row = rows[0].row() if rows else len(self.line_numbers) - 1
        self.selectRow(max(0, min(len(self.line_numbers) - 1, row + step)))
