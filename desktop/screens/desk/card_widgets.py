"""Pieces the application-form and card pages share: the banner, F-key buttons, a
confirmation box, the table of a member's cards, and the stripe encoder run on a worker
thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, SignalInstance
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from desktop.i18n import QT_TRANSLATE_NOOP
from desktop.screens.prompt import show_dialog
from desktop.viewmodels.cards import CardRow, encode_and_verify
from desktop.widgets.style import restyle
from domain.errors import DomainError
from hardware.errors import DeviceError
from hardware.msr605 import Coercivity, Msr605

log = logging.getLogger(__name__)

# The pages' own look, on top of the till's style sheet.
DESK_STYLE = """
QLabel[kind="refusal"] { background: #fde8e7; color: #b42318; font-weight: bold;
                         padding: 6px 10px; border-radius: 6px; }
QLabel[kind="info"] { background: #e8f0fd; color: #1e4fa3; padding: 6px 10px;
                      border-radius: 6px; }
QLabel[kind="done"] { background: #e3f6e8; color: #14632d; font-weight: bold;
                      padding: 6px 10px; border-radius: 6px; }
QLabel[kind="busy"] { background: #fff4d6; color: #7a4b00; font-weight: bold; font-size: 20px;
                      padding: 10px; border-radius: 6px; }
QLabel[field_error="true"] { color: #b42318; font-size: 14px; }
QLabel[heading="true"] { font-size: 24px; font-weight: bold; }
QFrame[panel="true"] { background: #ffffff; border: 1px solid #c9d2de; border-radius: 8px; }
"""


class Banner(QLabel):
    """One line saying what just happened: refusal, info, busy or done (hidden when empty)."""

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.hide()

    def say(self, text: str, kind: str = "info") -> None:
        self.setText(text)
        self.setProperty("kind", kind)
        restyle(self)
        self.setVisible(bool(text))

    @property
    def kind(self) -> str:
        return str(self.property("kind") or "")


def key_button(parent: QWidget, key: str, name: str, text: str,
               slot: Callable[[], None]) -> QPushButton:
    """A touch-sized button showing its F-key, and the key itself while the page has focus."""
    button = QPushButton(f"{key}  {text}" if key else text, parent)
    button.setObjectName(name)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the fields
    button.clicked.connect(slot)
    if key:
        shortcut = QShortcut(QKeySequence(key), parent)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: button.click() if button.isEnabled()
                                   and button.isVisible() else None)
    return button


def confirm(parent: QWidget, name: str, title: str, text: str, on_yes: Callable[[], None],
            focus: QWidget | None = None) -> QMessageBox:
    """A yes/no question that does not block the event loop; `on_yes` runs on Yes only;
    the keyboard goes back to `focus` afterwards."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName(name)
    box.setDefaultButton(QMessageBox.StandardButton.No)  # a stray Enter changes nothing
    box.setEscapeButton(QMessageBox.StandardButton.No)
    yes = box.button(QMessageBox.StandardButton.Yes)
    yes.setObjectName(f"{name}_yes")
    box.button(QMessageBox.StandardButton.No).setObjectName(f"{name}_no")
    box.buttonClicked.connect(lambda clicked: on_yes() if clicked is yes else None)
    show_dialog(box, focus)
    return box


class EncoderRunner(QObject):
    """Writes and verifies one stripe on a daemon thread; the outcome comes back by signal.

    Signals: step(str) "write" / "verify" (a swipe is awaited), done(object) the Tracks read
    back, failed(object) a DomainError (DeviceError) to show with a retry.
    """

    step = Signal(str)
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.busy = False

    def run(self, encoder: Msr605, track2: str, coercivity: Coercivity) -> None:
        if self.busy:
            return
        self.busy = True
        # A daemon thread: a clerk who walks away from a waiting encoder must not keep the
        # application from closing (the encoder gives up by itself after its swipe timeout).
        threading.Thread(target=self._job, args=(encoder, track2, coercivity),
                         name="kaika-encoder", daemon=True).start()

    def _job(self, encoder: Msr605, track2: str, coercivity: Coercivity) -> None:
        try:
            back = encode_and_verify(encoder, track2, coercivity, self._emit_step)
        except DomainError as exc:
            self._finish(self.failed, exc)
        except Exception:
            log.exception("encoding a card failed")
            self._finish(self.failed, DeviceError("encoder.failed"))
        else:
            self._finish(self.done, back)

    def _emit_step(self, name: str) -> None:
        try:
            self.step.emit(name)
        except RuntimeError:  # the page was closed meanwhile
            log.debug("encoder step after the page closed")

    def _finish(self, signal: SignalInstance, value: object) -> None:
        self.busy = False
        try:
            signal.emit(value)
        except RuntimeError:
            log.debug("encoder outcome after the page closed")


def card_kind_text(kind: str) -> str:
    names = {"stripe": QT_TRANSLATE_NOOP("CardsPage", "magnetic stripe"),
             "qr": QT_TRANSLATE_NOOP("CardsPage", "QR / barcode"),
             "preprinted": QT_TRANSLATE_NOOP("CardsPage", "pre-printed")}
    return _card_tr(names[kind]) if kind in names else kind


def card_state_text(state: str) -> str:
    """Card states and membership states, as the card page shows them."""
    names = {"issued": QT_TRANSLATE_NOOP("CardsPage", "issued"),
             "active": QT_TRANSLATE_NOOP("CardsPage", "active"),
             "lost": QT_TRANSLATE_NOOP("CardsPage", "reported lost"),
             "replaced": QT_TRANSLATE_NOOP("CardsPage", "replaced"),
             "closed": QT_TRANSLATE_NOOP("CardsPage", "closed"),
             "frozen": QT_TRANSLATE_NOOP("CardsPage", "frozen")}
    return _card_tr(names[state]) if state in names else state


def _card_tr(text: str) -> str:
    return QCoreApplication.translate("CardsPage", text)


def fill_card_table(table: QTableWidget, cards: tuple[CardRow, ...]) -> None:
    """One row per card: number, kind, state (→ its replacement), valid to, issued."""
    table.setRowCount(len(cards))
    for row, card in enumerate(cards):
        cells = [card.number, card_kind_text(card.kind), card_state_text(card.state),
                 f"20{card.expiry[:2]}-{card.expiry[2:]}",
                 card.issued_at.strftime("%Y-%m-%d %H:%M") if card.issued_at else "-"]
        if card.replaced_by:
            cells[2] += " → " + card.replaced_by
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))
