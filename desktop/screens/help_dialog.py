"""F1: every key of the sale screen, so a new cashier needs no manual."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget


class HelpDialog(QDialog):
    def __init__(self, keys: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.setWindowTitle(self.tr("Keys"))
        layout = QVBoxLayout(self)
        rows = "".join(f"<tr><td><b>{key}</b></td><td>&nbsp;&nbsp;{text}</td></tr>"
                       for key, text in keys)
        extra = [
            (self.tr("Enter"), self.tr("add the code typed; with nothing typed: pay")),
            (self.tr("Esc"), self.tr("clear what was typed; close a dialog")),
            (self.tr("↑ ↓"), self.tr("choose a line or a search result")),
            (self.tr("Scan / swipe"), self.tr("items, member cards and QR codes, coupons, "
                                              "receipts (return) — at any time")),
        ]
        rows += "".join(f"<tr><td><b>{key}</b></td><td>&nbsp;&nbsp;{text}</td></tr>"
                        for key, text in extra)
        label = QLabel(f"<table>{rows}</table>", self)
        label.setObjectName("help_keys")
        layout.addWidget(label)
        close = QPushButton(self.tr("Esc Close"), self)
        close.clicked.connect(self.reject)
        layout.addWidget(close)
