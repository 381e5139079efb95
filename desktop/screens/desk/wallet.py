"""The stored-value page: top-up with the bonus shown before paying, and closing a wallet."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import feedback, i18n
from desktop.screens.desk import parts
from desktop.screens.desk.member_finder import MemberFinder
from desktop.screens.desk.parts import DeskPage
from desktop.screens.desk.pin_dialog import PinBox
from desktop.screens.manage.confirm import ConfirmDialog
from desktop.screens.office import OfficeContext
from desktop.screens.prompt import show_dialog
from desktop.screens.shift import ask_float
from desktop.viewmodels.desk_wallet import TopUpPreview, WalletDesk
from desktop.wedge_filter import takes_codes
from domain.errors import DomainError
from domain.money import yuan_in_words
from domain.records import TenderKind
from domain.services.proofs import Approval
from hardware.scan_codes import ScannedCode
from hardware.tracks import Tracks

TENDERS = (("F1", TenderKind.CASH), ("F2", TenderKind.BANK_CARD), ("F3", TenderKind.MOBILE))


class WalletPage(DeskPage):
    def __init__(self, ctx: OfficeContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = WalletDesk(ctx.env, ctx.staff)
        self.tender = TenderKind.CASH
        self.finder = MemberFinder(ctx.env, self.model.member, self)
        self.finder.found.connect(self._on_found)
        left = QVBoxLayout()
        left.addWidget(self.finder)
        self.pin_box = PinBox(ctx, self)  # F6: the member sets their payment PIN
        left.addWidget(self.pin_box)
        left.addWidget(self._close_box())
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self._topup_box(), 1)
        parts.shortcut(self, "Escape", self.back_out)
        parts.shortcut(self, "F9", self.ask_close)

    # --- layout -------------------------------------------------------------------------------

    def _topup_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Top up"), self)
        layout = QVBoxLayout(box)
        self.tiers = parts.table(box, "wallet_tiers", [self.tr("Top up from"), self.tr("Bonus")])
        self.tiers.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tiers.setMaximumHeight(170)
        layout.addWidget(self.tiers)
        self.amount = QLineEdit(box)
        self.amount.setObjectName("wallet_amount")
        self.amount.setPlaceholderText(self.tr("Amount to top up, in yuan"))
        self.amount.textChanged.connect(self._preview)
        self.amount.returnPressed.connect(lambda: self.top_up())
        layout.addWidget(self.amount)
        self.preview = parts.label(box, "wallet_preview", big=True)
        layout.addWidget(self.preview)
        layout.addLayout(self._tender_row(box))
        self.reference = QLineEdit(box)
        self.reference.setObjectName("wallet_reference")
        self.reference.setPlaceholderText(self.tr("Reference from the card or mobile terminal"))
        self.reference.returnPressed.connect(lambda: self.top_up())
        self.reference.setVisible(False)
        for field in (self.amount, self.reference):  # a card scanned here finds the member
            takes_codes(field)
        layout.addWidget(self.reference)
        button = QPushButton(self.tr("Enter Top up"), box)
        button.setObjectName("wallet_topup")
        button.setProperty("role", "primary")
        button.clicked.connect(lambda: self.top_up())
        layout.addWidget(button)
        self.error = parts.error_label(box, "wallet_error")
        self.result = parts.label(box, "wallet_result")
        layout.addWidget(self.error)
        layout.addWidget(self.result)
        layout.addStretch(1)
        return box

    def _tender_row(self, parent: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        group = QButtonGroup(parent)
        names = {TenderKind.CASH: self.tr("Cash"), TenderKind.BANK_CARD: self.tr("Bank card"),
                 TenderKind.MOBILE: self.tr("Mobile wallet")}
        for key, kind in TENDERS:
            button = QPushButton(f"{key} {names[kind]}", parent)
            button.setObjectName(f"wallet_tender_{kind.value}")
            button.setCheckable(True)
            button.setChecked(kind is TenderKind.CASH)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(partial(self.choose, kind))
            group.addButton(button)
            row.addWidget(button)
            parts.shortcut(self, key, partial(self.choose, kind))
        return row

    def _close_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Close the wallet"), self)
        layout = QVBoxLayout(box)
        layout.addWidget(parts.label(box, "wallet_close_rule", text=self.tr(
            "Closing refunds the principal in cash; bonus money is forfeited. A manager "
            "approves.")))
        ask = QPushButton(self.tr("F9 Close wallet…"), box)
        ask.setObjectName("wallet_close")
        ask.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        ask.clicked.connect(self.ask_close)
        layout.addWidget(ask)
        self.close_preview = parts.label(box, "wallet_close_preview", big=True)
        layout.addWidget(self.close_preview)
        row = QHBoxLayout()
        self.close_cancel = QPushButton(self.tr("Esc Keep the wallet"), box)
        self.close_cancel.setObjectName("wallet_close_cancel")
        self.close_cancel.clicked.connect(self.back_out)
        self.close_confirm = QPushButton(self.tr("Refund and close (manager)"), box)
        self.close_confirm.setObjectName("wallet_close_confirm")
        self.close_confirm.setProperty("role", "primary")
        self.close_confirm.clicked.connect(self.confirm_close)
        row.addWidget(self.close_cancel)
        row.addWidget(self.close_confirm)
        layout.addLayout(row)
        self._show_close(False)
        return box

    # --- the page's life ----------------------------------------------------------------------

    def shown(self) -> None:
        parts.fill(self.tiers, [[i18n.money(low), "+" + i18n.money(bonus)]
                                for low, bonus in self.model.tiers()], right=(0, 1))
        self.finder.refresh()
        self._show_pin()
        self._preview()

    def focus_target(self) -> QWidget:
        return self.amount if self.model.member.view else self.finder.input

    def on_scanned(self, code: ScannedCode) -> None:
        self.finder.on_scanned(code)

    def on_swiped(self, tracks: Tracks) -> None:
        self.finder.on_swiped(tracks)

    def _on_found(self, _view: object) -> None:
        self.result.clear()
        self.error.clear()
        self._show_close(False)
        self._show_pin()
        self.amount.setFocus()

    def _show_pin(self) -> None:
        view = self.model.member.view
        self.pin_box.show_member(view.member.id if view else None)

    # --- top-up -------------------------------------------------------------------------------

    def choose(self, kind: TenderKind, _checked: bool = False) -> None:
        self.tender = kind
        button = self.findChild(QPushButton, f"wallet_tender_{kind.value}")
        if button is not None:
            button.setChecked(True)
        self.reference.setVisible(kind is not TenderKind.CASH)
        (self.amount if kind is TenderKind.CASH else self.reference).setFocus()

    def _preview(self) -> None:
        text = self.amount.text().strip()
        if not text:
            self.preview.setText(self.tr("Type an amount: the bonus shows here before paying."))
            return
        try:
            shown = self.model.preview(i18n.parse_money(text))
        except DomainError as err:  # said quietly beside the field while typing
            self.preview.setText(feedback.describe(err).text)
            return
        self.preview.setText(self._preview_text(shown))

    def _preview_text(self, shown: TopUpPreview) -> str:
        text = self.tr("Bonus +{bonus}: {credited} goes on the card").format(
            bonus=i18n.money(shown.bonus_fen), credited=i18n.money(shown.credited_fen))
        if shown.next_tier_fen is not None:
            text += "\n" + self.tr("From {amount} the bonus is +{bonus}").format(
                amount=i18n.money(shown.next_tier_fen), bonus=i18n.money(shown.next_bonus_fen))
        return text

    def top_up(self, confirmed: bool = False) -> None:
        amount = i18n.parse_money(self.amount.text())
        try:
            done = self.model.top_up(amount, self.tender, self.reference.text(), confirmed)
        except DomainError as err:
            if err.code == "wallet.topup_confirm" and amount is not None:
                self.ask_confirm(amount)
                return
            if err.code == "wallet.no_drawer":
                self.ask_drawer(lambda: self.top_up(confirmed))
                return
            if feedback.is_card_data(err):
                self.reference.clear()  # the card's own number: not left on the screen
            self.error.setText(self.ctx.refusal(err))
            return
        self.error.clear()
        self.ctx.print_receipt(done.slip)
        self.result.setText(self.tr(
            "Topped up {principal} + bonus {bonus}. Balance {balance} (bonus {of_bonus})."
        ).format(principal=i18n.money(done.principal_fen), bonus=i18n.money(done.bonus_fen),
                 balance=i18n.money(done.balance_fen), of_bonus=i18n.money(done.balance_bonus_fen)))
        self.amount.clear()
        self.reference.clear()
        self.choose(TenderKind.CASH)
        self.finder.refresh()

    def ask_drawer(self, then: Callable[[], None]) -> None:
        """Cash at the desk goes through a drawer: the clerk counts a float into one (a
        shift, closed and counted with "Close drawer"), then the top-up goes on."""
        def opened() -> None:
            self.ctx.drawer_changed()
            then()
        ask_float(self, self.ctx.session, opened)

    def ask_confirm(self, amount_fen: int) -> ConfirmDialog:
        """A large amount is read back in words before it is booked; Enter backs out, so a
        hurried second Enter cannot book a typo."""
        shown = self.model.preview(amount_fen)
        text = self.tr("Top up {amount} — {words}? Bonus +{bonus}: {credited} goes on the "
                       "card. Read the amount back to the customer before confirming.").format(
            amount=i18n.money(amount_fen), words=yuan_in_words(amount_fen),
            bonus=i18n.money(shown.bonus_fen), credited=i18n.money(shown.credited_fen))
        dialog = ConfirmDialog(self, "topup_confirm_dialog", self.tr("Confirm a large top-up"),
                               text, self.tr("Top up"), lambda: self.top_up(confirmed=True))
        words = QLabel(yuan_in_words(amount_fen), dialog)
        words.setObjectName("topup_confirm_words")
        words.setStyleSheet("font-size: 22px; font-weight: bold;")
        layout = dialog.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, words)
        yes, back = dialog.findChild(QPushButton, "ok"), dialog.findChild(QPushButton, "cancel")
        assert yes is not None and back is not None
        yes.setDefault(False)
        yes.setAutoDefault(False)
        yes.setText("F10 " + self.tr("Top up"))
        back.setDefault(True)
        back.setFocus()
        key = QShortcut(QKeySequence("F10"), dialog)
        key.activated.connect(dialog.confirm)
        show_dialog(dialog, self.amount)  # backing out leaves the amount to correct
        return dialog

    # --- closing ------------------------------------------------------------------------------

    def ask_close(self) -> None:
        try:
            shown = self.model.close_preview()
        except DomainError as err:
            self.error.setText(self.ctx.refusal(err))
            return
        self.close_preview.setText(self.tr(
            "Refund {refund} in cash. Bonus {forfeit} is forfeited.").format(
                refund=i18n.money(shown.refund_fen), forfeit=i18n.money(shown.forfeit_fen)))
        self._show_close(True)
        self.close_confirm.setFocus()

    def confirm_close(self) -> None:
        view = self.model.member.view
        self.ctx.approve(self.tr("Close the member's wallet and refund the principal"),
                         "wallet.close_wallet", self._close,
                         subject=view.member.id if view else "")

    def _close(self, approval: Approval | None) -> None:
        try:
            shown, slip = self.model.close(approval)
        except DomainError as err:
            if err.code == "wallet.no_drawer":
                self.ask_drawer(lambda: self._close(approval))
                return
            self.error.setText(self.ctx.refusal(err))
            return
        self._show_close(False)
        self.ctx.print_receipt(slip)
        self.result.setText(self.tr(
            "Wallet closed: {refund} refunded in cash, {forfeit} bonus forfeited.").format(
                refund=i18n.money(shown.refund_fen), forfeit=i18n.money(shown.forfeit_fen)))
        self.finder.refresh()

    def back_out(self) -> None:
        if not self.close_confirm.isHidden():
            self._show_close(False)
        else:
            self.amount.clear()
            self.error.clear()

    def _show_close(self, visible: bool) -> None:
        for widget in (self.close_preview, self.close_cancel, self.close_confirm):
            widget.setVisible(visible)



def make(ctx: OfficeContext) -> QWidget:
    return WalletPage(ctx)
