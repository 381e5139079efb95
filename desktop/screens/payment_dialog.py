"""One dialog for any mix of tenders: cash with change, bank card and mobile wallet with the
terminal's reference, stored value (PIN above the limit), points in steps, coupons by code.

Totals are recomputed as each tender is added; the sale commits by itself the moment the
tenders cover what is due, and not before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import feedback, i18n
from desktop.screens.prompt import Kind, ask, parse
from desktop.tasks import Task
from desktop.viewmodels.payment import EXTERNAL, PaymentState, PaymentViewModel
from desktop.wedge_filter import takes_codes
from desktop.widgets.money_label import MoneyLabel
from desktop.widgets.numpad import Numpad
from domain import coupons as coupon_rules
from domain.errors import DomainError
from domain.records import Tender, TenderKind
from domain.services.checkout import Completed
from hardware.scan_codes import ScannedCode
from hardware.tracks import Tracks

COUPON = "coupon"  # not a tender: a coupon changes what is due
CHOICES = (("F1", TenderKind.CASH), ("F2", TenderKind.BANK_CARD), ("F3", TenderKind.MOBILE),
           ("F4", TenderKind.WALLET), ("F5", TenderKind.POINTS), ("F6", COUPON))


class PaymentDialog(QDialog):
    """The sale's commit runs on the window's task runner (`run`): the dialog waits, its keys
    off, and closes when the sale is saved, or says why not and stays open.

    Signals:
        completed(object): the sale committed (a checkout.Completed).
    """

    completed = Signal(object)

    def __init__(self, model: PaymentViewModel, run: Callable[[Task[Any]], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run = run
        self.saving = False
        self.setObjectName("payment_dialog")
        self.setWindowTitle(self.tr("Payment"))
        self.setMinimumWidth(900)
        self.model = model
        self.kind: TenderKind | str = TenderKind.CASH
        self.state: PaymentState | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._totals())
        self.tenders = QListWidget(self)
        self.tenders.setObjectName("pay_tenders")
        self.tenders.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tenders.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        layout.addWidget(self.tenders)
        self.balances = QLabel(self)
        self.balances.setObjectName("pay_balances")
        layout.addWidget(self.balances)
        layout.addLayout(self._kind_buttons())
        layout.addLayout(self._entry())
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        pad = Numpad(self)
        pad.follow((self.amount, self.reference))
        layout.addWidget(pad)
        layout.addLayout(self._buttons())
        self._refresh()
        self.choose(TenderKind.CASH)

    # --- layout -------------------------------------------------------------------------------

    def _totals(self) -> QGridLayout:
        grid = QGridLayout()
        self.due = MoneyLabel("pay_due", self)
        self.paid = MoneyLabel("pay_paid", self)
        self.remaining = MoneyLabel("pay_remaining", self)
        self.change = MoneyLabel("pay_change", self)
        titles = (self.tr("Due"), self.tr("Paid"), self.tr("Still due"), self.tr("Change"))
        for col, (title, label) in enumerate(zip(titles, (self.due, self.paid, self.remaining,
                                                         self.change), strict=True)):
            heading = QLabel(title, self)
            heading.setObjectName("pay_heading")
            grid.addWidget(heading, 0, col)
            label.setProperty("big", True)
            grid.addWidget(label, 1, col)
        return grid

    def _kind_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        names = {TenderKind.CASH: self.tr("Cash"), TenderKind.BANK_CARD: self.tr("Bank card"),
                 TenderKind.MOBILE: self.tr("Mobile wallet"),
                 TenderKind.WALLET: self.tr("Stored value"), TenderKind.POINTS: self.tr("Points"),
                 COUPON: self.tr("Coupon")}
        self.kind_buttons: dict[TenderKind | str, QPushButton] = {}
        for key, kind in CHOICES:
            button = QPushButton(f"{key}\n{names[kind]}", self)
            button.setObjectName(f"pay_{kind}")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, kind=kind: self.choose(kind))
            QShortcut(QKeySequence(key), self, lambda kind=kind: self.choose(kind))
            self.kind_buttons[kind] = button
            row.addWidget(button)
        return row

    def _entry(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.entry_label = QLabel(self)
        self.entry_label.setObjectName("pay_entry_label")
        self.amount = QLineEdit(self)
        self.amount.setObjectName("pay_amount")
        self.amount.returnPressed.connect(self._on_amount_entered)
        self.amount.textChanged.connect(lambda _text: self._show_balances())
        self.reference = QLineEdit(self)
        self.reference.setObjectName("pay_reference")
        self.reference.setPlaceholderText(self.tr("Slip / transaction no."))
        for field in (self.amount, self.reference):  # a scan while paying adds a coupon
            takes_codes(field)
        self.reference.returnPressed.connect(self.add)
        row.addWidget(self.entry_label)
        row.addWidget(self.amount, 2)
        row.addWidget(self.reference, 2)
        return row

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for name, text, slot in (("pay_back", self.tr("Esc Back to sale"), self.reject),
                                 ("pay_remove", self.tr("F7 Remove payment"), self.remove),
                                 ("pay_add", self.tr("Enter Add"), self._on_amount_entered)):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            row.addWidget(button)
        QShortcut(QKeySequence("F7"), self, self.remove)
        return row

    # --- choosing and adding ------------------------------------------------------------------

    def choose(self, kind: TenderKind | str) -> None:
        """Pick how the next amount is paid; the entry is filled with what makes sense."""
        self.kind = kind
        for each, button in self.kind_buttons.items():
            button.setChecked(each == kind)
        self.reference.setVisible(kind in EXTERNAL)
        self.reference.clear()
        self.error.clear()
        self.entry_label.setText(self._entry_title(kind))
        self.amount.setText(self._suggestion(kind))
        self._show_balances()  # the same text for another kind earns other points
        self.amount.selectAll()
        self.amount.setFocus()

    def _entry_title(self, kind: TenderKind | str) -> str:
        if kind == COUPON:
            return self.tr("Coupon code")
        if kind == TenderKind.POINTS:
            return self.tr("Points")
        if kind == TenderKind.CASH:
            return self.tr("Cash handed over")
        return self.tr("Amount")

    def _suggestion(self, kind: TenderKind | str) -> str:
        state = self.state
        if state is None or kind == COUPON:
            return ""
        left = state.remaining_fen
        if kind == TenderKind.POINTS:
            return str(self._points_suggestion(state))
        if kind == TenderKind.WALLET and state.wallet_fen is not None:
            left = max(min(left, state.wallet_fen), 0)
        return i18n.money(left, sign=False)

    def _points_suggestion(self, state: PaymentState) -> int:
        points = self.model.env.ctx.pack.points
        if not state.points_available or state.points_available < 0:
            return 0
        worth = state.remaining_fen * points.cash_points_step // points.cash_fen_per_step
        usable = min(state.points_available, worth)
        return usable // points.cash_points_step * points.cash_points_step

    def _on_amount_entered(self) -> None:
        if self.kind in EXTERNAL and not self.reference.text().strip():
            self.reference.setFocus()  # the terminal's slip number comes next
            return
        self.add()

    def add(self) -> None:
        try:
            self._add()
        except DomainError as err:
            if err.code == "wallet.pin_required":
                self._ask_pin(err.params.get("amount_fen"))
                return
            self.show_refusal(err)
            return
        self._after_change()

    def _add(self) -> None:
        text, kind = self.amount.text(), self.kind
        if kind == COUPON:
            self.model.add_coupon(str(parse(Kind.TEXT, text)))
        elif kind == TenderKind.POINTS:
            self.model.add_points(int(parse(Kind.COUNT, text)))
        elif kind == TenderKind.CASH:
            self.model.add_cash(int(parse(Kind.MONEY, text)))
        elif kind == TenderKind.WALLET:
            self.model.add_wallet(self._amount_or_rest(text))
        else:
            assert isinstance(kind, TenderKind)
            self.model.add_external(kind, self.reference.text(), self._amount_or_rest(text))

    def _amount_or_rest(self, text: str) -> int | None:
        amount = int(parse(Kind.MONEY, text)) if text.strip() else None
        return None if amount == self.model.remaining_fen() else amount

    def _ask_pin(self, amount_fen: object) -> None:
        amount = self._amount_or_rest(self.amount.text())

        def check(pin: int | str) -> None:
            self.model.add_wallet(amount, str(pin))
            self._after_change()
        shown = i18n.money(amount_fen) if isinstance(amount_fen, int) else ""
        ask(self, self.tr("Member's PIN"),
            self.tr("Paying {amount} from stored value: the member types their PIN.").format(
                amount=shown), Kind.PIN, check, name="pin_dialog")

    def remove(self) -> None:
        row = self.tenders.currentRow()
        index = row if row >= 0 else len(self.model.sale.cart.tenders) - 1
        self.model.remove(index)
        self._after_change()

    def _after_change(self) -> None:
        self._refresh()
        if self.state is not None and self.state.balanced:
            self.finish()
            return
        self.choose(self.kind if self.kind != COUPON else TenderKind.CASH)

    def finish(self) -> None:
        """The tenders cover the sale: commit it off the window's thread."""
        if self.saving:
            return
        model = self._busy(True)
        task = Task(self.tr("Saving the sale"), lambda _progress: model.complete(),
                    self._saved, self._not_saved, owner=self)
        if not self.run(task):
            self._busy(False)

    def _busy(self, on: bool) -> PaymentViewModel:
        self.saving = on
        self.setEnabled(not on)
        if on:
            self.error.clear()
        return self.model

    def _saved(self, done: Completed) -> None:
        self._busy(False)
        self.accept()
        self.completed.emit(done)

    def _not_saved(self, text: str) -> None:
        self._busy(False)
        self.error.setText(text)
        self.amount.selectAll()
        self.amount.setFocus()

    def reject(self) -> None:
        if not self.saving:  # a sale being saved is not walked away from
            super().reject()

    def show_refusal(self, err: DomainError) -> None:
        if feedback.is_card_data(err):
            self.reference.clear()  # the card's own number: not left on the screen
        self.error.setText(feedback.describe(err).text)
        self.amount.selectAll()
        self.amount.setFocus()

    # --- devices ------------------------------------------------------------------------------

    def on_scanned(self, code: ScannedCode) -> None:
        """A scan while paying: a payment slip's number, or a coupon."""
        if self.kind in EXTERNAL:
            self.reference.setText(code.text)
            self.add()
        elif coupon_rules.valid_code(code.text):
            self.choose(COUPON)
            self.amount.setText(code.text)
            self.add()
        else:
            self.show_refusal(DomainError("scan.unrecognized"))

    def on_swiped(self, tracks: Tracks) -> None:
        """The member's card swiped for stored value: attach it, then pay."""
        try:
            self.model.sale.attach_swipe(tracks.track1, tracks.track2)
        except DomainError as err:
            self.show_refusal(err)
            return
        self._refresh()
        self.choose(TenderKind.WALLET)

    # --- showing ------------------------------------------------------------------------------

    def _refresh(self) -> None:
        self.state = state = self.model.state()
        self.due.set_fen(state.due_fen)
        self.paid.set_fen(state.paid_fen)
        self.remaining.set_fen(state.remaining_fen)
        self.change.set_fen(state.change_fen)
        self.tenders.clear()
        for tender in state.tenders:
            self.tenders.addItem(self._tender_text(tender))
        # Stored value never crosses merchants; the service refuses it too.
        self.kind_buttons[TenderKind.WALLET].setEnabled(state.alliance_issuer is None)
        if state.alliance_issuer is not None and not state.point_value_fen:
            self.kind_buttons[TenderKind.POINTS].setEnabled(False)
        self._show_balances()

    def _show_balances(self) -> None:
        if self.state is not None:
            self.balances.setText(self._balances_text(self.state))

    def _points_preview(self, state: PaymentState) -> int | None:
        """What the sale earns if the payment being typed is added (stored value's bonus and
        points earn none): the receipt's figure, not the one before this payment."""
        kind, text = self.kind, self.amount.text()
        if kind not in (TenderKind.WALLET, TenderKind.POINTS) or not text.strip():
            return state.points_earned
        try:
            if kind == TenderKind.POINTS:
                return self.model.points_if(TenderKind.POINTS, points=int(parse(Kind.COUNT, text)))
            return self.model.points_if(TenderKind.WALLET, self._amount_or_rest(text))
        except DomainError:
            return state.points_earned

    def _alliance_text(self, state: PaymentState) -> str:
        """Another merchant's member: their stored value stays with its issuer."""
        text = self.tr("Alliance member of {issuer}: stored value is not accepted here").format(
            issuer=state.alliance_issuer)
        if state.point_value_fen:
            text += " · " + self.tr("{issuer} points pay {value} each").format(
                issuer=state.alliance_issuer, value=i18n.money(state.point_value_fen))
        if state.points_earned is not None:
            text += " · " + self.tr("this sale earns {points} points").format(
                points=i18n.number(state.points_earned))
        return text

    def _tender_text(self, tender: Tender) -> str:
        names = {TenderKind.CASH: self.tr("Cash"), TenderKind.BANK_CARD: self.tr("Bank card"),
                 TenderKind.MOBILE: self.tr("Mobile wallet"),
                 TenderKind.WALLET: self.tr("Stored value"), TenderKind.POINTS: self.tr("Points"),
                 TenderKind.COUPON: self.tr("Coupon")}
        text = f"{names[tender.kind]}  {i18n.money(tender.amount_fen)}"
        if tender.kind is TenderKind.CASH and tender.change_fen:
            text += "  " + self.tr("given {given}, change {change}").format(
                given=i18n.money(tender.given_fen), change=i18n.money(tender.change_fen))
        if tender.reference:
            text += f"  #{tender.reference}"
        if tender.points:
            text += "  " + self.tr("{points} points").format(points=i18n.number(tender.points))
        return text

    def _balances_text(self, state: PaymentState) -> str:
        if state.alliance_issuer is not None:
            return self._alliance_text(state)
        if state.points_available is None:
            return self.tr("No member: stored value and points need the member's card.")
        text = self.tr("Member: {points} points, stored value {wallet}").format(
            points=i18n.number(state.points_available), wallet=i18n.money(state.wallet_fen or 0))
        earned = self._points_preview(state)
        if earned is not None:
            text += " · " + self.tr("this sale earns {points} points").format(
                points=i18n.number(earned))
        return text
