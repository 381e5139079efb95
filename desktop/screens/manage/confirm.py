"""Asking a manager "are you sure?" before something that cannot be taken back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.screens.prompt import show_dialog


class ConfirmDialog(QDialog):
    """What will happen, in a sentence; Enter does it, Esc backs out."""

    def __init__(self, parent: QWidget, name: str, title: str, text: str, action: str,
                 on_yes: Callable[[], object]) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.on_yes = on_yes
        layout = QVBoxLayout(self)
        message = QLabel(text, self)
        message.setObjectName("confirm_text")
        message.setWordWrap(True)
        message.setMinimumWidth(420)
        layout.addWidget(message)
        row = QHBoxLayout()
        back = QPushButton(self.tr("Esc Back"), self)
        back.setObjectName("cancel")
        back.clicked.connect(self.reject)
        yes = QPushButton(self.tr("Enter {action}").format(action=action), self)  # 回车 in zh
        yes.setObjectName("ok")
        yes.setProperty("role", "primary")
        yes.setDefault(True)
        yes.clicked.connect(self.confirm)
        row.addWidget(back)
        row.addWidget(yes)
        layout.addLayout(row)

    def confirm(self) -> None:
        self.accept()
        self.on_yes()


def confirm(parent: QWidget, name: str, title: str, text: str, action: str,
            on_yes: Callable[[], object]) -> ConfirmDialog:
    """Open the question window-modal without blocking (the scanner stays alive)."""
    dialog = ConfirmDialog(parent, name, title, text, action, on_yes)
    show_dialog(dialog)
    return dialog
