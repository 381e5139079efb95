"""Editing a member's profile from the look-up page: each bad field named beside it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
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
from desktop.viewmodels.lookup import profile_text
from domain import forms
from domain.errors import DomainError
from domain.records import Member

TEXT_FIELDS = ("name", "mobile", "birthday", "email", "occupation", "address", "notes")
Save = Callable[[dict[str, object]], Member]


class ProfileDialog(QDialog):
    """Only the fields that were changed are sent; what was typed stays after a refusal."""

    def __init__(self, member: Member, save: Save, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profile_dialog")
        self.setWindowTitle(self.tr("Edit {name}'s profile").format(name=member.name))
        self.setMinimumWidth(560)
        self.original = profile_text(member)
        self.save_with = save
        self.saved: Member | None = None
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        labels = {"name": self.tr("Name"), "mobile": self.tr("Mobile"),
                  "birthday": self.tr("Birthday (1990-03-08 or 03-08)"),
                  "email": self.tr("E-mail"), "occupation": self.tr("Occupation"),
                  "address": self.tr("Address"), "notes": self.tr("Notes")}
        for field in TEXT_FIELDS:
            edit = QLineEdit(str(self.original[field]), self)
            edit.setObjectName(f"profile_{field}")
            edit.returnPressed.connect(self.submit)
            self.edits[field] = edit
            form.addRow(labels[field], self._with_error(field, edit))
        self.gender = QComboBox(self)
        self.gender.setObjectName("profile_gender")
        for value, text in (("", self.tr("not given")), ("male", self.tr("male")),
                            ("female", self.tr("female"))):
            self.gender.addItem(text, value)
        self.gender.setCurrentIndex(max(self.gender.findData(self.original["gender"]), 0))
        form.addRow(self.tr("Gender"), self._with_error("gender", self.gender))
        self.consent = QCheckBox(self.tr("Agrees to marketing messages"), self)
        self.consent.setObjectName("profile_consent_marketing")
        self.consent.setChecked(bool(self.original["consent_marketing"]))
        form.addRow("", self._with_error("consent_marketing", self.consent))
        # Short in this narrow dialog; what a partner sees is in the tooltip.
        self.alliance = QCheckBox(self.tr("Agrees to alliance partners"), self)
        self.alliance.setToolTip(self.tr(
            "Agrees to be known at partner shops (masked name, tier)"))
        self.alliance.setObjectName("profile_consent_alliance")
        self.alliance.setChecked(bool(self.original["consent_alliance"]))
        form.addRow("", self._with_error("consent_alliance", self.alliance))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("profile_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addLayout(self._buttons())

    def _with_error(self, field: str, widget: QWidget) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(widget)
        error = QLabel(box)
        error.setObjectName(f"profile_error_{field}")
        error.setStyleSheet("color: #c0392b;")
        error.setWordWrap(True)
        error.hide()
        column.addWidget(error)
        self.errors[field] = error
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton(self.tr("Esc Cancel"), self)
        cancel.setObjectName("profile_cancel")
        cancel.clicked.connect(self.reject)
        save = QPushButton(self.tr("Enter Save"), self)
        save.setObjectName("profile_save")
        save.setProperty("role", "primary")
        save.setDefault(True)
        save.clicked.connect(self.submit)
        row.addWidget(cancel)
        row.addWidget(save)
        return row

    def changes(self) -> dict[str, object]:
        typed: dict[str, object] = {f: e.text().strip() for f, e in self.edits.items()}
        typed["gender"] = self.gender.currentData() or ""
        typed["consent_marketing"] = self.consent.isChecked()
        typed["consent_alliance"] = self.alliance.isChecked()
        return {f: v for f, v in typed.items() if v != self.original[f]}

    def submit(self) -> None:
        for label in self.errors.values():
            label.hide()
        changes = self.changes()
        if not changes:
            self.reject()
            return
        try:
            self.saved = self.save_with(changes)
        except forms.FormErrors as bad:
            self._show_errors(bad)
            return
        except DomainError as err:
            self.message.setText(feedback.describe(err).text)
            return
        self.accept()

    def _show_errors(self, bad: forms.FormErrors) -> None:
        first: QWidget | None = None
        for error in bad.errors:
            field = str(error.params.get("field", ""))
            label = self.errors.get(field)
            if label is None:
                continue
            label.setText(feedback.describe(error).text)
            label.show()
            if first is None and field in self.edits:
                first = self.edits[field]
        self.message.setText(self.tr("Nothing was saved. Correct the fields marked in red."))
        self.adjustSize()  # room for the sentences just shown under their fields
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
