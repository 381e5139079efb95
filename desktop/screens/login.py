"""Log-in with staff number and PIN; the same screen locks the till after idle time."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.wedge_filter import takes_codes
from desktop.widgets.numpad import Numpad
from desktop.widgets.style import reserve_lines


class LoginScreen(QWidget):
    """Signals:
        submitted(str, str): staff number and PIN typed; the window checks them.
    """

    submitted = Signal(str, str)

    def __init__(self, store_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("login_screen")
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        outer.addLayout(column, 2)
        outer.addStretch(1)
        column.addStretch(1)
        self.title = QLabel(store_name, self)
        self.title.setObjectName("login_title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.title)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("login_subtitle")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle.setWordWrap(True)
        column.addWidget(self.subtitle)
        self._form(column)
        column.addStretch(1)
        self.show_login()

    def _form(self, column: QVBoxLayout) -> None:
        self.number = QLineEdit(self)
        self.number.setObjectName("login_number")
        # A scan or swipe at log-in is not a staff number (nor kept in the audit as one).
        takes_codes(self.number)
        self.number.setPlaceholderText(self.tr("Staff number"))
        self.pin = QLineEdit(self)
        self.pin.setObjectName("login_pin")
        self.pin.setPlaceholderText(self.tr("PIN"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.number.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self._submit)
        column.addWidget(self.number)
        column.addWidget(self.pin)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        reserve_lines(self.error, 2)  # a wrong PIN's message does not move the numpad
        column.addWidget(self.error)
        pad = Numpad(self, point=False)
        pad.follow((self.number, self.pin))
        column.addWidget(pad)
        self.button = QPushButton(self.tr("Enter Log in"), self)
        self.button.setObjectName("login_button")
        self.button.setProperty("role", "primary")
        self.button.clicked.connect(self._submit)
        column.addWidget(self.button)

    def show_login(self) -> None:
        self.subtitle.setText(self.tr("Type your staff number and PIN."))
        self.button.setText(self.tr("Enter Log in"))
        self.number.setReadOnly(False)
        self.reset()

    def show_locked(self, name: str, number: str) -> None:
        """Locked after idle time: the sale on screen waits behind this."""
        self.subtitle.setText(self.tr("Locked. {name}, type your PIN to carry on; a manager "
                                      "can unlock too.").format(name=name))
        self.button.setText(self.tr("Enter Unlock"))
        self.reset()
        self.number.setText(number)
        self.pin.setFocus()

    def reset(self) -> None:
        self.number.clear()
        self.pin.clear()
        self.error.clear()
        self.number.setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.pin.clear()
        self.pin.setFocus()

    def _submit(self) -> None:
        if not self.number.text().strip():
            self.number.setFocus()
            return
        self.submitted.emit(self.number.text().strip(), self.pin.text())
