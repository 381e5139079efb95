"""A label that shows an amount of fen through QLocale (￥1,234.50) and remembers the fen."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop import i18n


class MoneyLabel(QLabel):
    def __init__(self, name: str, parent: QWidget | None = None, *, fen: int = 0) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.fen = fen
        self.set_fen(fen)

    def set_fen(self, fen: int) -> None:
        self.fen = fen
        self.setText(i18n.money(fen))
