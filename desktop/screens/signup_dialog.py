"""Signing a customer up at the till (a one-person store): name, mobile, the two consents.

The rest of the application form (birthday, ID number, address, ...) is the front desk's; the
member can complete it there later. The new member goes on the sale at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import feedback
from domain.errors import DomainError
from domain.forms import FormErrors

ERROR_LINES = 3  # the error label keeps this height, so a message never moves the fields


class SignupDialog(QDialog):
    """`save(raw)` registers the member (and puts them on the sale); it may refuse."""

    def __init__(self, mobile: str, save: Callable[[dict[str, object]], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signup_dialog")
        self.setWindowTitle(self.tr("Sign up a member"))
        self.save = save
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = self._edit("signup_name", "")
        self.mobile = self._edit("signup_mobile", mobile)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Mobile"), self.mobile)
        layout.addLayout(form)
        self.privacy = self._box("signup_privacy", self.tr(
            "The customer has read and accepts the privacy policy"))
        self.marketing = self._box("signup_marketing", self.tr(
            "Agrees to receive offers by SMS and WeChat"))
        self.alliance = self._box("signup_alliance", self.tr(
            "Agrees to be known at partner shops (masked name, tier)"))
        layout.addWidget(self.privacy)
        layout.addWidget(self.marketing)
        layout.addWidget(self.alliance)
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setMinimumHeight(self.error.fontMetrics().lineSpacing() * ERROR_LINES)
        self.error.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.error)
        layout.addLayout(self._buttons())
        (self.mobile if not mobile else self.name).setFocus()

    def _edit(self, name: str, text: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setObjectName(name)
        edit.setMinimumHeight(40)
        edit.returnPressed.connect(self.submit)
        return edit

    def _box(self, name: str, text: str) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setObjectName(name)
        box.setMinimumHeight(40)
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for name, text, slot in (("signup_back", self.tr("Esc Back"), self.reject),
                                 ("signup_save", self.tr("Enter Sign up"), self.submit)):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setMinimumHeight(40)
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            row.addWidget(button)
        return row

    def raw(self) -> dict[str, object]:
        return {"name": self.name.text(), "mobile": self.mobile.text(),
                "privacy_accepted": self.privacy.isChecked(),
                "consent_marketing": self.marketing.isChecked(),
                "consent_alliance": self.alliance.isChecked(), "source": "store"}

    def submit(self) -> None:
        try:
            self.save(self.raw())
        except FormErrors as errors:
            self.error.setText(" ".join(feedback.describe(e).text for e in errors.errors))
            return
        except DomainError as err:
            self.error.setText(feedback.describe(err).text)
            return
        self.accept()
