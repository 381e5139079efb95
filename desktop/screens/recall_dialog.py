"""Sales on hold: pick one to carry on with it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from desktop import i18n
from domain.clock import BusinessDay
from domain.services.cart import Cart


class RecallDialog(QDialog):
    def __init__(self, held: list[Cart], calendar: BusinessDay, on_pick: Callable[[int], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recall_dialog")
        self.setWindowTitle(self.tr("Sales on hold"))
        self.on_pick = on_pick
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Choose a sale and press Enter."), self))
        self.list = QListWidget(self)
        self.list.setObjectName("recall_list")
        for cart in held:
            when = i18n.datetime_text(calendar.local(cart.started_at))
            names = ", ".join(line.product.name for line in cart.lines[:3])
            more = "…" if len(cart.lines) > 3 else ""
            self.list.addItem(self.tr("{time}: {count} item(s) — {names}").format(
                time=when, count=sum(line.qty for line in cart.lines), names=names + more))
        self.list.setCurrentRow(len(held) - 1)
        self.list.itemActivated.connect(lambda _item: self.pick())
        layout.addWidget(self.list)
        button = QPushButton(self.tr("Enter Recall"), self)
        button.setObjectName("recall_ok")
        button.setProperty("role", "primary")
        button.clicked.connect(self.pick)
        button.setDefault(True)
        layout.addWidget(button)
        self.list.setFocus()

    def pick(self) -> None:
        row = self.list.currentRow()
        if row >= 0 and self.isVisible():  # Enter reaches both the list and the button
            self.accept()
            self.on_pick(row)
