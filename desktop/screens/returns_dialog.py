"""Returns: scan the receipt's barcode (or type its number), choose what comes back, refund to
the original tenders. Without a receipt, or to void a whole paid sale, a manager approves;
without a receipt each item refunds at most the lowest price paid for it (DOMAIN §6)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import feedback, i18n
from desktop.printing import ReceiptDesk
from desktop.screens.prompt import Kind, approve, approver_name, ask
from desktop.viewmodels.returns import ReturnViewModel
from desktop.viewmodels.session import TillSession
from desktop.wedge_filter import takes_codes
from desktop.widgets.money_label import MoneyLabel
from domain.coupons import format_code
from domain.errors import DomainError, NotFound, ValidationError
from domain.records import TenderKind
from domain.services.no_receipt import Offer
from domain.services.proofs import Approval
from domain.services.returns import Returned
from domain.services.till_codes import is_receipt_no
from hardware.scan_codes import ScannedCode

QTY_DIGITS = 3  # with the receipt on screen, up to three digits typed are a quantity


class ReturnsDialog(QDialog):
    """Signals: refunded(object): a returns.Returned, once committed and its receipt sent."""

    refunded = Signal(object)

    def __init__(self, model: ReturnViewModel, session: TillSession, desk: ReceiptDesk,
                 member_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returns_dialog")
        self.setWindowTitle(self.tr("Return"))
        self.setMinimumSize(960, 600)
        self.model, self.session, self.desk = model, session, desk
        self.member_id = member_id
        self.items: list[tuple[str, int]] = []  # without a receipt: sku, qty
        self.typed: dict[str, int] = {}  # ... fen per unit the manager typed, by sku
        self.offers: list[Offer] = []  # ... what each item refunds, as the service says
        self.no_receipt_mode = False
        layout = QVBoxLayout(self)
        self.mode = self._label("return_mode", layout)
        layout.addLayout(self._entry_row())
        self.original = self._label("return_original", layout)
        self.table = self._lines_table()
        layout.addWidget(self.table)
        total = QHBoxLayout()
        total.addWidget(QLabel(self.tr("Refund"), self))
        self.refund = MoneyLabel("return_refund", self)
        self.refund.setProperty("big", True)
        total.addWidget(self.refund)
        layout.addLayout(total)
        self.error = self._label("error", layout)
        self.outcome = self._label("return_outcome", layout)
        layout.addLayout(self._buttons())
        self._with_receipt()

    def _label(self, name: str, layout: QVBoxLayout) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        layout.addWidget(label)
        return label

    def _entry_row(self) -> QHBoxLayout:
        """The receipt number (or, without a receipt, an item's code and how many)."""
        row = QHBoxLayout()
        self.code = QLineEdit(self)
        self.code.setObjectName("return_code")
        takes_codes(self.code)
        self.code.returnPressed.connect(self._on_code)
        self.code.installEventFilter(self)
        self.qty = QSpinBox(self)
        self.qty.setObjectName("return_item_qty")
        self.qty.setRange(1, 999)
        row.addWidget(self.code, 3)
        row.addWidget(self.qty, 1)
        return row

    def _lines_table(self) -> QTableWidget:
        table = QTableWidget(0, 5, self)
        table.setObjectName("return_lines")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setDefaultSectionSize(52)
        table.verticalHeader().setVisible(False)
        self.spins: dict[int, QSpinBox] = {}
        return table

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        actions: list[tuple[str, str, str, Callable[[], None]]] = [
            ("F2", "return_all", self.tr("All"), self.choose_all),
            ("F3", "return_void", self.tr("Void sale (manager)"), self.void),
            ("F4", "return_no_receipt", self.tr("No receipt (manager)"), self.no_receipt),
            ("F10", "return_refund_button", self.tr("Refund"), self.refund_now),
        ]
        back = QPushButton(self.tr("Esc Back"), self)
        back.setObjectName("return_back")
        back.clicked.connect(self.reject)
        row.addWidget(back)
        for key, name, text, slot in actions:
            button = QPushButton(f"{key} {text}", self)
            button.setObjectName(name)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            QShortcut(QKeySequence(key), self, slot)
            row.addWidget(button)
        return row

    # --- modes --------------------------------------------------------------------------------

    def _with_receipt(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Sold"), self.tr("Left"),
                                              self.tr("Return"), self.tr("Amount")])
        self.mode.setText(self.tr(
            "Scan the receipt's barcode or type its number; then scan each item that comes "
            "back, or choose a line with ↑ ↓ and type how many (or + −)."))
        self.code.setPlaceholderText(self.tr("Receipt number"))
        self.qty.hide()
        self.code.setFocus()

    def no_receipt(self) -> None:
        """Goods without a receipt: scan them; each refunds at most the lowest price paid for
        it lately, or what the manager types; F10 asks the manager to approve the figures."""
        self.no_receipt_mode = True
        self.model.sale, self.items, self.typed, self.offers = None, [], {}, []
        days = self.model.env.ctx.pack.returns.no_receipt_window_days
        self.mode.setText(self.tr("No receipt: scan each item, then F10 for a manager's "
                                  "approval. Each is refunded at most the lowest price paid "
                                  "for it in the last {days} days.").format(days=days))
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Refund per unit"),
                                              self.tr("Price"), self.tr("Return"),
                                              self.tr("Amount")])
        self.code.setPlaceholderText(self.tr("Item barcode or SKU"))
        self.qty.show()
        self.original.clear()
        self._show_items()
        self.code.setFocus()

    def void(self) -> None:
        if self.model.sale is None:
            self.show_refusal(DomainError("sale.unknown", receipt=self.code.text()))
            return
        receipt = self.model.sale.receipt_no

        def reason_given(text: int | str) -> None:
            reason = str(text).strip()
            if not reason:
                raise ValidationError("void.reason_required", field="reason")

            def approved(approval: Approval | None) -> None:
                self._run(lambda: self.model.void(approval, reason), receipt,
                          approver_name(self.session, approval))
            approve(self, self.session, self.tr("Void the whole sale {receipt}: {reason}").format(
                receipt=receipt, reason=reason), "voids.void_sale", approved, subject=receipt)
        ask(self, self.tr("Void sale"), self.tr("Why is the sale voided? (written to the audit "
                                                "trail)"), Kind.TEXT, reason_given,
            name="void_reason_dialog")

    # --- entering -----------------------------------------------------------------------------

    def _on_code(self) -> None:
        text = self.code.text().strip()
        if not text:
            self.refund_now()
            return
        try:
            if self.no_receipt_mode:
                product = self.model.product(text)
                self.offers = self.model.offer([*self.items, (product.sku, self.qty.value())],
                                               self.member_id, self.typed)
                self.items.append((product.sku, self.qty.value()))
                self.qty.setValue(1)
                self._show_items()
                self._ask_missing()
            elif self.model.sale is not None and not is_receipt_no(text):
                self._line_code(text)
            else:
                self._receipt(text)
        except DomainError as err:
            self.show_refusal(err)
            return
        self.code.clear()

    def _receipt(self, text: str) -> None:
        try:
            self.load(text)
        except NotFound:
            if self._is_product(text):  # an item scanned before its receipt
                raise DomainError("return.receipt_first") from None
            raise

    def _is_product(self, text: str) -> bool:
        try:
            self.model.product(text)
        except NotFound:
            return False
        return True

    def _line_code(self, text: str) -> None:
        """With a receipt on screen: a few digits are how many of the chosen line come back;
        an item's code chooses its line and counts one more of it."""
        if text.isdigit() and len(text) <= QTY_DIGITS:
            self._set_qty(self._chosen_line(), int(text))
            return
        try:
            line = self.model.line_of(text)
        except NotFound:
            self._receipt(text)  # another receipt's number, typed without its dashes
            return
        self._select(line)
        self._set_qty(line, self.model.chosen.get(line, 0) + 1)

    def _chosen_line(self) -> int:
        row = self.table.currentRow()
        if 0 <= row < len(self.model.lines):
            return self.model.lines[row].line_no
        left = [ln.line_no for ln in self.model.lines if ln.left]
        if not left:
            raise DomainError("return.nothing")
        return left[0]

    def _select(self, line_no: int) -> None:
        rows = [ln.line_no for ln in self.model.lines]
        if line_no in rows:
            self.table.selectRow(rows.index(line_no))

    def _set_qty(self, line_no: int, qty: int) -> None:
        self.model.choose(line_no, qty)  # refuses more than is left on the line
        self._select(line_no)
        spin = self.spins.get(line_no)
        if spin is not None:
            spin.setValue(qty)
        self.refund.set_fen(self.model.refund_fen())
        self.error.clear()

    def _step(self, rows: int, qty: int) -> None:
        """↑ ↓ choose a line, + − change how many of it come back (the code field empty)."""
        if self.model.sale is None or not self.model.lines:
            return
        if rows:
            row = max(0, min(len(self.model.lines) - 1, self.table.currentRow() + rows))
            self.table.selectRow(row)
            return
        line = self._chosen_line()
        try:
            self._set_qty(line, max(0, self.model.chosen.get(line, 0) + qty))
        except DomainError as err:
            self.show_refusal(err)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.code or event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        moves = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}
        move = moves.get(Qt.Key(event.key()))
        if move is None and not self.code.text():
            # By text, not key code: the wedge filter gives typed keys back as text.
            move = {"+": (0, 1), "-": (0, -1)}.get(event.text())
        if move is None or self.no_receipt_mode:
            return False
        self._step(*move)
        return True

    def load(self, receipt: str) -> None:
        sale = self.model.load(receipt)
        self.error.clear()
        self.outcome.clear()
        local = self.model.env.ctx.calendar.local(sale.at)
        self.original.setText(self.tr("Receipt {receipt} of {time}, total {total}").format(
            receipt=sale.receipt_no, time=i18n.datetime_text(local),
            total=i18n.money(sale.total_fen)))
        self._show_lines()

    def on_scanned(self, code: ScannedCode) -> None:
        self.code.setText(code.text)
        self._on_code()

    def choose_all(self) -> None:
        if self.model.sale is None:
            return
        self.model.choose_all()
        for line_no, qty in self.model.chosen.items():
            spin = self.spins.get(line_no)
            if spin is not None:
                spin.setValue(qty)
        self.refund.set_fen(self.model.refund_fen())

    def _show_lines(self) -> None:
        """The receipt's lines, each with a spin box for how many come back."""
        self.table.clearContents()
        self.table.setRowCount(len(self.model.lines))
        self.spins = {}
        for row, line in enumerate(self.model.lines):
            for col, text in enumerate((f"{line.name}  {line.sku}", str(line.sold),
                                        str(line.left))):
                self.table.setItem(row, col, QTableWidgetItem(text))
            spin = QSpinBox()
            spin.setObjectName(f"return_qty_{line.line_no}")
            spin.setRange(0, line.left)
            spin.setValue(self.model.chosen.get(line.line_no, 0))
            spin.valueChanged.connect(lambda qty, no=line.line_no: self._chosen(no, qty))
            self.table.setCellWidget(row, 3, spin)
            self.spins[line.line_no] = spin
            self.table.setItem(row, 4, QTableWidgetItem(i18n.money(line.left_fen)))
        self.refund.set_fen(self.model.refund_fen())

    def _chosen(self, line_no: int, qty: int) -> None:
        try:
            self.model.choose(line_no, qty)
        except DomainError as err:
            self.show_refusal(err)
        self.refund.set_fen(self.model.refund_fen())

    def _show_items(self) -> None:
        self.table.clearContents()
        self.table.setRowCount(len(self.offers))
        for row, offer in enumerate(self.offers):
            unit = offer.unit_fen
            cells = (f"{offer.product.name}  {offer.product.sku}", self._basis(offer),
                     i18n.money(offer.product.price_fen), str(offer.qty),
                     i18n.money(unit * offer.qty) if unit is not None else "")
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.refund.set_fen(sum((o.unit_fen or 0) * o.qty for o in self.offers))

    def _basis(self, offer: Offer) -> str:
        if offer.typed_unit_fen is not None:
            return self.tr("{amount} typed by the manager").format(
                amount=i18n.money(offer.typed_unit_fen))
        if offer.paid_unit_fen is not None:
            return self.tr("{amount} paid ({receipt})").format(
                amount=i18n.money(offer.paid_unit_fen), receipt=offer.paid_receipt)
        return self.tr("no sale lately: amount needed")

    def _ask_missing(self) -> bool:
        """Ask for the refund of an item no sale in the window priced; False when none."""
        offer = next((o for o in self.offers if o.unit_fen is None), None)
        if offer is None:
            return False
        sku = offer.product.sku

        def typed(value: int | str) -> None:
            amounts = {**self.typed, sku: int(value)}
            self.offers = self.model.offer(self.items, self.member_id, amounts)
            self.typed = amounts
            self._show_items()
        days = self.model.env.ctx.pack.returns.no_receipt_window_days
        ask(self, self.tr("Refund without a sale"),
            self.tr("No sale of {name} in the last {days} days. The manager types the refund "
                    "for one unit (at most {price}).").format(
                        name=offer.product.name, days=days,
                        price=i18n.money(offer.product.price_fen)),
            Kind.MONEY, typed, name="return_amount_dialog")
        return True

    # --- refunding ----------------------------------------------------------------------------

    def refund_now(self) -> None:
        if self.no_receipt_mode:
            self._refund_without_receipt()
            return
        if self.model.sale is None:
            self.show_refusal(DomainError("return.nothing"))
            return
        self._run(self.model.commit, self.model.sale.receipt_no, None)

    def _refund_without_receipt(self) -> None:
        """A manager approves the figures shown, then the refund is made as offered."""
        if not self.items:
            self.show_refusal(DomainError("return.nothing"))
            return
        if self._ask_missing():
            return
        items, typed = list(self.items), dict(self.typed)

        def approved(approval: Approval | None) -> None:
            if self._run(lambda: self.model.without_receipt(items, approval, self.member_id,
                                                            typed),
                         None, approver_name(self.session, approval)):
                self.items, self.typed, self.offers = [], {}, []
                self._show_items()
        total = sum((o.unit_fen or 0) * o.qty for o in self.offers)
        approve(self, self.session, self.tr("Refund {total} without a receipt").format(
            total=i18n.money(total)), "returns.return_without_receipt", approved,
            subject=self.model.subject(items, self.member_id, typed))

    def _run(self, action: Callable[[], Returned], original: str | None,
             manager: str | None) -> bool:
        try:
            done = action()
        except DomainError as err:
            self.show_refusal(err)
            return False
        self.error.clear()
        cashier = self.session.staff.name if self.session.staff else ""
        self.desk.refund_done(done, cashier, original, manager)
        self.refunded.emit(done)
        self.outcome.setText(self._summary(done))
        if self.model.sale is not None:
            self._show_lines()
        else:
            self._show_items()
        return True

    def _summary(self, done: Returned) -> str:
        names = {TenderKind.CASH: self.tr("cash"), TenderKind.BANK_CARD: self.tr("bank card"),
                 TenderKind.MOBILE: self.tr("mobile wallet"),
                 TenderKind.WALLET: self.tr("stored value"), TenderKind.POINTS: self.tr("points"),
                 TenderKind.COUPON: self.tr("coupon")}
        parts = [f"{names[t.kind]} {i18n.money(-t.amount_fen)}" for t in done.sale.tenders]
        text = self.tr("Refunded {total} ({how}). Receipt {receipt}.").format(
            total=i18n.money(-done.sale.total_fen), how=", ".join(parts),
            receipt=done.sale.receipt_no)
        if done.points_taken_back:
            text += " " + self.tr("{points} points taken back.").format(
                points=i18n.number(done.points_taken_back))
        return text + self._won_back(done)

    def _won_back(self, done: Returned) -> str:
        """What a return or void took back besides the money: coupons the sale won (a used one
        kept back from the refund), a tier it raised or kept."""
        parts = [self.tr("Coupon {code} withdrawn.").format(code=format_code(code))
                 for code in done.coupons_withdrawn]
        parts += [self.tr("Coupon {code} was used: {amount} kept back from the refund.").format(
            code=format_code(code), amount=i18n.money(fen)) for code, fen in done.coupons_deducted]
        parts += [self.tr("Coupon {code} issued instead.").format(code=format_code(code))
                  for code in done.coupons_issued]
        if done.tier_change is not None:
            parts.append(self.tr("Tier back to {tier}.").format(tier=done.tier_change.to_tier))
        return "".join(" " + part for part in parts)

    def show_refusal(self, err: DomainError) -> None:
        self.error.setText(feedback.describe(err).text)
        self.code.selectAll()
        self.code.setFocus()
