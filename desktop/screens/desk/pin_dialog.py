"""The member's stored-value payment PIN at the front desk: its state on the page, and a dialog
where the member types a new six-digit PIN twice on the numpad (hidden, never shown again)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import feedback, i18n
from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.screens.desk import parts
from desktop.screens.office import OfficeContext
from desktop.screens.prompt import show_dialog
from desktop.viewmodels.desk_pin import PIN_DIGITS, DeskPin, PinFacts
from desktop.widgets.numpad import Numpad
from domain.errors import DomainError

KEY = "F6"  # the same key on every page that offers it (the button's text names it)


LOCKED = QT_TRANSLATE_NOOP("PinState", "Stored value is locked today: the PIN was wrong {tries} "
                                       "times. A new PIN lifts the lock.")
OWN = QT_TRANSLATE_NOOP("PinState", "The member's own PIN, set on {date}.")
MOBILE = QT_TRANSLATE_NOOP("PinState", "No PIN of their own yet: the last six digits of the "
                                       "registered mobile pay.")
WRONG = QT_TRANSLATE_NOOP("PinState", "Wrong tries today: {wrong} of {most}.")


def state_text(facts: PinFacts) -> str:
    """One sentence for the page: whose PIN pays, and whether stored value is locked today."""
    if facts.locked:
        return _tr(LOCKED).format(tries=facts.max_tries)
    if facts.own:
        day = i18n.date_text(facts.set_on) if facts.set_on else "—"
        text = _tr(OWN).format(date=day)
    else:
        text = _tr(MOBILE)
    if facts.wrong_today:
        text += " " + _tr(WRONG).format(wrong=facts.wrong_today, most=facts.max_tries)
    return text


def _tr(text: str) -> str:
    return QCoreApplication.translate("PinState", text)


class PinDialog(QDialog):
    """The new PIN, then the same again; Enter moves on and saves, Esc backs out unsaved.

    A refusal (not six digits, too simple, the two differ, member frozen) is named in the
    dialog and the member types again; nothing is saved until both typings agree.
    """

    def __init__(self, parent: QWidget, model: DeskPin, facts: PinFacts) -> None:
        super().__init__(parent)
        self.setObjectName("pin_dialog")
        self.setWindowTitle(self.tr("Set payment PIN"))
        self.setMinimumWidth(480)
        self.model, self.member_id = model, facts.member_id
        self.saved: PinFacts | None = None
        layout = QVBoxLayout(self)
        heading = parts.label(self, "pin_heading", big=True, text=self.tr(
            "New stored-value payment PIN for {name}").format(name=facts.name))
        layout.addWidget(heading)
        layout.addWidget(parts.label(self, "pin_rule", text=self.tr(
            "The member types six digits, not one digit repeated nor a run like 123456. "
            "Please look away while they type.")))
        self.first = self._pin_edit("pin_first", self.tr("New PIN (6 digits)"))
        self.again = self._pin_edit("pin_again", self.tr("The same PIN again"))
        self.first.returnPressed.connect(self.next_field)
        self.again.returnPressed.connect(self.submit)
        layout.addWidget(self.first)
        layout.addWidget(self.again)
        self.error = parts.error_label(self, "error")
        # Room for two lines from the start: a window-modal dialog does not grow once shown.
        self.error.setMinimumHeight(self.error.fontMetrics().lineSpacing() * 2 + 6)
        layout.addWidget(self.error)
        pad = Numpad(self, point=False)
        pad.follow((self.first, self.again))
        pad.setMinimumHeight(260)
        layout.addWidget(pad)
        layout.addLayout(self._buttons())

    def _pin_edit(self, name: str, hint: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(hint)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(PIN_DIGITS)
        edit.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]*"), edit))
        edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly
                                 | Qt.InputMethodHint.ImhSensitiveData)
        edit.setMinimumHeight(48)
        return edit

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        cancel = QPushButton(self.tr("Esc Back"), self)
        cancel.setObjectName("pin_cancel")
        cancel.clicked.connect(self.reject)
        ok = QPushButton(self.tr("Enter Save PIN"), self)
        ok.setObjectName("pin_save")
        ok.setProperty("role", "primary")
        ok.clicked.connect(self.submit)
        for button in (cancel, ok):
            button.setAutoDefault(False)
            button.setMinimumHeight(48)
            row.addWidget(button)
        return row

    def next_field(self) -> None:
        """Enter after the first typing: refuse a PIN that could never be saved, else go on."""
        try:
            self.model.check_first(self.first.text())
        except DomainError as err:
            self._refuse(err)
            return
        self.error.clear()
        self.again.setFocus()

    def submit(self) -> None:
        if not self.again.text():
            self.next_field()  # Enter on the save button with only the first typed
            return
        try:
            self.saved = self.model.set_pin(self.member_id, self.first.text(), self.again.text())
        except DomainError as err:
            self._refuse(err)
            return
        self.accept()

    def _refuse(self, err: DomainError) -> None:
        """Say why, then start again from the first typing (a PIN is never half kept)."""
        self.error.setText(feedback.describe(err).text)
        self.first.clear()
        self.again.clear()
        self.first.setFocus()


class PinBox(QGroupBox):
    """The chosen member's PIN state and the F6 button that opens the dialog.

    Pages call `show_member(member_id or None)` whenever the member at the desk changes or
    their balances were read again; the button is enabled only with a member chosen.
    """

    def __init__(self, ctx: OfficeContext, parent: QWidget, *, wide: bool = False) -> None:
        super().__init__(self.tr("Payment PIN"), parent)
        self.setObjectName("pin_box")
        self.ctx = ctx
        self.model = DeskPin(ctx.env, ctx.staff)
        self.facts: PinFacts | None = None
        layout = QBoxLayout(QBoxLayout.Direction.LeftToRight if wide
                            else QBoxLayout.Direction.TopToBottom, self)
        self.state = parts.label(self, "pin_state")
        self.result = parts.label(self, "pin_result")
        self.result.setStyleSheet("color: #067647; font-weight: bold;")
        self.button = QPushButton(self.tr("F6 Set payment PIN…"), self)
        self.button.setObjectName("pin_set")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setMinimumHeight(44)
        self.button.clicked.connect(self.ask)
        layout.addWidget(self.state, 1)
        layout.addWidget(self.result, 1)
        layout.addWidget(self.button)
        parts.shortcut(parent, KEY, self.ask)
        self.show_member(None)

    def show_member(self, member_id: str | None) -> None:
        if member_id is None or (self.facts and self.facts.member_id != member_id):
            self.result.clear()  # another member: the last success was not about them
        self.facts = None
        if member_id is not None:
            try:
                self.facts = self.model.facts(member_id)
            except DomainError as err:
                self.state.setText(self.ctx.refusal(err))
        locked = self.facts is not None and self.facts.locked
        self.state.setStyleSheet("color: #b42318; font-weight: bold;" if locked else "")
        if self.facts is not None:
            self.state.setText(state_text(self.facts))
        elif member_id is None:
            self.state.setText(self.tr("Choose a member first."))
        self.button.setEnabled(self.facts is not None)

    def ask(self) -> PinDialog | None:
        if self.facts is None:
            return None
        dialog = PinDialog(self, self.model, self.facts)
        dialog.accepted.connect(lambda: self._saved(dialog))
        show_dialog(dialog)
        dialog.first.setFocus()
        return dialog

    def _saved(self, dialog: PinDialog) -> None:
        if dialog.saved is None:
            return
        self.show_member(dialog.saved.member_id)
        self.result.setText(self.tr(
            "The new payment PIN is saved. From now on only this PIN pays from stored value; "
            "today's lock, if any, is lifted."))
        self.ctx.notice(self.tr("The new payment PIN is saved."))  # short: the bar is one line
