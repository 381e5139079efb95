"""Small dialogs that ask one thing: an amount, a number, a code, a PIN, a manager's approval.

Each runs its action when Enter is pressed and stays open with the refusal shown inline if
the rules say no, so the cashier corrects the entry instead of starting over. Dialogs open
window-modal without blocking (`open()`), which keeps the event loop and the scanner alive.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import feedback, i18n
from desktop.scan_targets import TakesSwipes
from desktop.viewmodels.session import TillSession
from desktop.wedge_filter import takes_codes
from desktop.widgets.numpad import Numpad
from desktop.widgets.style import reserve_lines
from domain.errors import DomainError, ValidationError
from domain.services.proofs import Approval
from hardware.scan_codes import ScannedCode
from hardware.tracks import Tracks


class Kind(StrEnum):
    MONEY = "money"  # yuan with a point: "128.50"
    COUNT = "count"  # a whole number: quantities, points
    TEXT = "text"  # codes, mobile numbers, references
    PIN = "pin"  # digits, hidden
    DISCOUNT = "discount"  # yuan off ("20") or a rate ("9折", "90%"): the action parses it


def parse(kind: Kind, text: str) -> int | str:
    """The typed text as the value the action wants, or a ValidationError naming why not."""
    if kind is Kind.MONEY:
        fen = i18n.parse_money(text)
        if fen is None:
            raise ValidationError("tender.amount_invalid", field="amount", amount_fen=0)
        return fen
    if kind is Kind.COUNT:
        digits = text.strip()
        if not digits.isdigit():
            raise ValidationError("sale.qty_invalid", field="qty", qty=digits)
        return int(digits)
    return text.strip()


class PromptDialog(QDialog):
    """Ask for one value; `action(value)` runs on Enter and may refuse with a DomainError."""

    def __init__(self, parent: QWidget, title: str, label: str, kind: Kind,
                 action: Callable[[int | str], None], *, default: str = "",
                 name: str = "prompt", codes: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.kind = kind
        self.action = action
        layout = QVBoxLayout(self)
        heading = QLabel(label, self)
        heading.setObjectName("prompt_label")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.edit = QLineEdit(default, self)
        self.edit.setObjectName("prompt_edit")
        if kind is Kind.PIN:
            self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.codes = codes
        if codes:
            takes_codes(self.edit)
        self.edit.selectAll()
        self.edit.returnPressed.connect(self.submit)
        layout.addWidget(self.edit)
        self.error = _error_label(self)
        layout.addWidget(self.error)
        if kind is not Kind.TEXT:
            pad = Numpad(self, point=kind in (Kind.MONEY, Kind.DISCOUNT))
            pad.attach(self.edit)
            layout.addWidget(pad)
        if kind is Kind.DISCOUNT:
            layout.addLayout(self._rate_keys())
        layout.addLayout(_buttons(self, self.submit))

    def _rate_keys(self) -> QHBoxLayout:
        """折 and % for a touch screen: 9 then 折 is 9折."""
        row = QHBoxLayout()
        for text, name in (("折", "prompt_zhe"), ("%", "prompt_percent")):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setMinimumHeight(48)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, t=text: self.edit.insert(t))
            row.addWidget(button)
        return row

    def submit(self) -> None:
        try:
            self.action(parse(self.kind, self.edit.text()))
        except DomainError as err:
            self.error.setText(feedback.describe(err).text)
            self.edit.selectAll()
            self.edit.setFocus()
            return
        self.accept()

    def on_scanned(self, code: ScannedCode) -> None:
        """A code scanned while the dialog asks for one (a coupon, a member's card) is the
        answer; any other prompt says it takes no scan instead of losing it."""
        if not self.codes:
            self.error.setText(self.tr("This window does not take a scan: type the value."))
            return
        self.edit.setText(code.text)
        self.submit()

    def on_swiped(self, tracks: Tracks) -> None:
        """A member's card swiped while a code is asked for: the screen behind takes it (the
        sale attaches the member), as it would with no prompt open."""
        behind: object = self.parentWidget()
        if not self.codes or not isinstance(behind, TakesSwipes):
            self.error.setText(self.tr("This window does not take a card."))
            return
        self.reject()
        behind.on_swiped(tracks)


def show_dialog(dialog: QDialog, focus: QWidget | None = None) -> QDialog:
    """Open window-modal without blocking; deleted when closed; the keyboard goes back to
    `focus` (or the window's own choice) afterwards, so the next scan or key lands right."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    for button in dialog.findChildren(QPushButton):
        # A line edit passes Enter on to the dialog; only an explicit default button may
        # take it (QDialog otherwise presses the first button it finds: "Esc Back").
        if not button.isDefault():
            button.setAutoDefault(False)
    owner = dialog.parentWidget()
    dialog.finished.connect(lambda _result: QTimer.singleShot(0, lambda: _refocus(owner, focus)))
    dialog.open()
    dialog.raise_()
    dialog.activateWindow()  # not every platform activates a new window by itself
    return dialog


def _refocus(owner: QWidget | None, focus: QWidget | None) -> None:
    if owner is None or not shiboken6.isValid(owner):
        return  # the window itself is gone (closing down)
    window = owner.window()
    modal = QApplication.activeModalWidget()
    if modal is not None and modal is not window:
        return  # another dialog took over
    window.activateWindow()
    if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
        focus.setFocus()
        return
    restore = getattr(window, "refocus", None)
    if restore is not None:
        restore()
    elif window.focusWidget() is not None:
        window.focusWidget().setFocus()  # back to the field it had before


def ask(parent: QWidget, title: str, label: str, kind: Kind,
        action: Callable[[int | str], None], *, default: str = "",
        name: str = "prompt", codes: bool = False) -> PromptDialog:
    """`codes`: the answer is a code (a coupon, a card), so a scan into the field is one."""
    dialog = PromptDialog(parent, title, label, kind, action, default=default, name=name,
                          codes=codes)
    show_dialog(dialog)
    dialog.edit.setFocus()
    return dialog


Approved = Callable[[Approval | None], None]  # None: the manager logged in acts on their own


class ManagerDialog(QDialog):
    """A manager approves with their own staff number and PIN: the service mints an approval
    of this one action (and subject) for the staff member logged in; audited."""

    def __init__(self, parent: QWidget, session: TillSession, why: str, action: str,
                 on_approved: Approved, subject: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("manager_dialog")
        self.setWindowTitle(self.tr("Manager approval"))
        self.session = session
        self.action, self.subject = action, subject
        self.on_approved = on_approved
        layout = QVBoxLayout(self)
        reason = QLabel(why, self)
        reason.setObjectName("manager_reason")
        reason.setWordWrap(True)
        layout.addWidget(reason)
        self.number = QLineEdit(self)
        self.number.setObjectName("manager_number")
        self.number.setPlaceholderText(self.tr("Manager's staff number"))
        self.pin = QLineEdit(self)
        self.pin.setObjectName("manager_pin")
        self.pin.setPlaceholderText(self.tr("Manager's PIN"))
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.number.returnPressed.connect(self.pin.setFocus)
        self.pin.returnPressed.connect(self.submit)
        layout.addWidget(self.number)
        layout.addWidget(self.pin)
        self.error = _error_label(self)
        layout.addWidget(self.error)
        pad = Numpad(self, point=False)
        pad.follow((self.number, self.pin))
        layout.addWidget(pad)
        layout.addLayout(_buttons(self, self.submit))

    def submit(self) -> None:
        try:
            approval = self.session.approve(self.number.text(), self.pin.text(), self.action,
                                            self.subject)
        except DomainError as err:
            self.error.setText(feedback.describe(err).text)
            self.pin.clear()
            self.pin.setFocus()
            return
        self.accept()
        self.on_approved(approval)


def approve(parent: QWidget, session: TillSession, why: str, action: str,
            on_approved: Approved, subject: str = "") -> ManagerDialog | None:
    """A manager logged in acts at once on their own authority; anyone else asks a manager."""
    if session.is_manager:
        on_approved(None)
        return None
    dialog = ManagerDialog(parent, session, why, action, on_approved, subject)
    show_dialog(dialog)
    dialog.number.setFocus()
    return dialog


def approver_name(session: TillSession, approval: Approval | None) -> str:
    """Whose word it is: the approving manager, or the manager logged in."""
    if approval is not None:
        return approval.approver_name
    return session.staff.name if session.staff is not None else ""


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("error")
    label.setWordWrap(True)
    reserve_lines(label, 2)  # a refusal appearing does not move the buttons under the finger
    return label


def _buttons(dialog: QDialog, submit: Callable[[], None]) -> QHBoxLayout:
    row = QHBoxLayout()
    cancel = QPushButton(QCoreApplication.translate("prompt", "Esc Back"), dialog)
    cancel.setObjectName("cancel")
    cancel.setAutoDefault(False)
    cancel.clicked.connect(dialog.reject)
    ok = QPushButton(QCoreApplication.translate("prompt", "Enter OK"), dialog)
    ok.setObjectName("ok")
    ok.setAutoDefault(False)
    ok.setProperty("role", "primary")
    ok.clicked.connect(submit)
    row.addWidget(cancel)
    row.addWidget(ok)
    return row
