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
FITTED = (0, 2, 3, 5)  # as wide as their widest cell; item and discount share the rest


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
        # Not ResizeToContents: that measures every cell of the column again on each change,
        # a millisecond a scan; a cell widens its column itself when it is set (_fit).
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.line_numbers: list[int] = []
        self._narrow()

    def set_lines(self, lines: tuple[LineView, ...], current: int | None = None) -> None:
        """Show the lines with `current` (the line just scanned or changed) chosen.

        Only cells whose text changed are touched: a scan adds one line to a basket of up to
        twenty, and every cell set makes Qt measure and repaint again (docs/performance.md)."""
        keep = current if current is not None else self.selected_line_no()
        if not lines:
            self._narrow()
        self.setRowCount(len(lines))
        self.line_numbers = [line.line_no for line in lines]
        for row, line in enumerate(lines):
            cells = (str(row + 1), f"{line.name}  {line.sku}", i18n.number(line.qty),
                     i18n.money(line.unit_fen), self._discount(line), i18n.money(line.final_fen))
            for col, text in enumerate(cells):
                self._set_cell(row, col, text)
        if lines:
            row = self.line_numbers.index(keep) if keep in self.line_numbers else len(lines) - 1
            if self.currentRow() != row or not self.selectionModel().hasSelection():
                self.selectRow(row)

    def _set_cell(self, row: int, col: int, text: str) -> None:
        item = self.item(row, col)
        if item is not None:
            if item.text() != text:
                item.setText(text)
                self._fit(row, col)
            return
        item = QTableWidgetItem(text)
        if col in (2, 3, 5):
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setItem(row, col, item)
        self._fit(row, col)

    def _fit(self, row: int, col: int) -> None:
        """Widen a fitted column to the cell just set, measured as ResizeToContents would."""
        if col not in FITTED:
            return
        wanted = self.sizeHintForIndex(self.model().index(row, col)).width()
        wanted += 1 if self.showGrid() else 0
        if wanted > self.columnWidth(col):
            self.setColumnWidth(col, wanted)

    def _narrow(self) -> None:
        """Back to the headings' widths: a new sale starts with no wide cells."""
        header = self.horizontalHeader()
        for col in FITTED:
            self.setColumnWidth(col, header.sectionSizeHint(col))

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
