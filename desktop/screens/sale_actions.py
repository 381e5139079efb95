"""What the sale screen's F-keys do: quantity, void, member, coupon, hold and recall, discount
with a manager's approval, payment, returns. Each opens a small dialog or acts at once."""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from desktop import i18n
from desktop.screens.help_dialog import HelpDialog
from desktop.screens.payment_dialog import PaymentDialog
from desktop.screens.prompt import Kind, approve, approver_name, ask, parse, show_dialog
from desktop.screens.recall_dialog import RecallDialog
from desktop.screens.returns_dialog import ReturnsDialog
from desktop.screens.signup_dialog import SignupDialog
from desktop.viewmodels.payment import PaymentViewModel
from desktop.viewmodels.returns import ReturnViewModel
from desktop.viewmodels.sale import SaleViewModel
from domain.errors import DomainError, NotFound
from domain.pricing import parse_rate
from domain.services.checkout import Completed
from domain.services.proofs import Approval


def _discount(text: str) -> tuple[int, Decimal | None]:
    """What the cashier typed as (fen off, rate): "20" is ￥20 off, "9折" or "90%" a rate."""
    rate = parse_rate(text)
    return (0, rate) if rate is not None else (int(parse(Kind.MONEY, text)), None)


if TYPE_CHECKING:
    from desktop.screens.sale_screen import SaleScreen

CANCEL_WINDOW_S = 5.0  # a second Shift+F3 within this cancels the sale


class SaleActions(QObject):
    def __init__(self, screen: SaleScreen) -> None:
        super().__init__(screen)
        self.screen = screen
        self._cancel_armed = 0.0

    def help(self) -> None:
        keys = [(key, text) for key, _name, text, _slot in self.screen.key_actions()]
        show_dialog(HelpDialog(keys, self.screen), self.screen.input)

    def _selected(self) -> int | None:
        line = self.screen.lines.selected_line_no()
        if line is None:
            self.screen.show_refusal(DomainError("sale.empty"))
        return line

    def quantity(self) -> None:
        line = self._selected()
        if line is None:
            return
        sale = self.screen.sale()
        current = next(ln.qty for ln in sale.view().lines if ln.line_no == line)

        def change(qty: int | str) -> None:
            sale.set_qty(line, int(qty))
            self.screen.refresh()
        ask(self.screen, self.tr("Quantity"), self.tr("New quantity of {item}:").format(
            item=sale.line_name(line)), Kind.COUNT, change, default=str(current), name="qty_dialog")

    def void_line(self) -> None:
        line = self._selected()
        if line is not None:
            sale = self.screen.sale()
            self.screen.act(lambda: sale.void_line(line), self.tr("{item} removed.").format(
                item=sale.line_name(line)))

    def cancel_sale(self) -> None:
        """Shift+F3 twice: the whole sale is dropped (nothing was committed)."""
        sale = self.screen.sale()
        if sale.is_empty:
            return
        now = time.monotonic()
        if now - self._cancel_armed > CANCEL_WINDOW_S:
            self._cancel_armed = now
            self.screen.show_info(self.tr("Press Shift+F3 again to cancel the whole sale."),
                                  "warning")
            return
        self._cancel_armed = 0.0
        self.screen.start(sale.staff)
        self.screen.show_info(self.tr("Sale cancelled."))

    def member_by_number(self) -> None:
        def attach(code: int | str) -> None:
            try:
                self.screen.sale().attach_code(str(code))
            except NotFound as err:
                if err.code != "member.unknown" or not self.screen.sale().may_sign_up():
                    raise
                # A mobile no member has: sign the customer up (once this prompt closes).
                QTimer.singleShot(0, lambda: self.sign_up(str(code)))
                return
            self.screen.refresh()
            self.screen.member_attached()
        ask(self.screen, self.tr("Member"), self.tr("Card number, member QR or mobile number:"),
            Kind.TEXT, attach, name="member_dialog", codes=True)

    def sign_up(self, mobile: str = "") -> None:
        sale = self.screen.sale()

        def save(raw: dict[str, object]) -> None:
            sale.sign_up(raw)
            self.screen.refresh()
            self.screen.member_attached()
        show_dialog(SignupDialog(mobile, save, self.screen), self.screen.input)

    def detach_member(self) -> None:
        self.screen.act(self.screen.sale().detach_member,
                        self.tr("Member removed from the sale."))

    def coupon(self) -> None:
        def add(code: int | str) -> None:
            self.screen.sale().add_coupon(str(code))
            self.screen.refresh()
            self.screen.show_info(self.tr("Coupon added."))
        ask(self.screen, self.tr("Coupon"), self.tr(
            "Scan or type the coupon code (a coupon of the member: its last four characters):"),
            Kind.TEXT, add, name="coupon_dialog", codes=True)

    def camera(self) -> None:
        devices = self.screen.devices
        if devices is None or not devices.has("camera"):
            self.screen.show_refusal(DomainError("camera.offline"))
            return
        devices.scan_with_camera()
        self.screen.show_info(self.tr("Hold the code in front of the camera…"))

    def hold(self) -> None:
        sale, session = self.screen.sale(), self.screen.session
        if self.screen.act(lambda: session.hold(sale.cart)):
            self.screen.start(sale.staff)
            self.screen.show_info(self.tr("Sale put on hold (%n on hold).", "",
                                          len(session.held)))

    def recall(self) -> None:
        screen, session = self.screen, self.screen.session
        if not screen.sale().is_empty:
            screen.show_refusal(DomainError("sale.in_progress"))
            return
        waiting = session.held
        if not waiting:
            screen.show_refusal(DomainError("sale.nothing_held"))
            return
        staff = screen.sale().staff

        def pick(held_id: str) -> None:
            try:
                cart = session.recall_id(held_id)
                screen.use(SaleViewModel.resume(screen.env, staff, cart))
            except DomainError as err:
                screen.show_refusal(err)
        show_dialog(RecallDialog(waiting, screen.env.ctx.calendar, pick, screen), screen.input)

    def discount_line(self) -> None:
        """F9: yuan off the chosen line, or a rate (9折, 85折, 90%)."""
        line = self._selected()
        if line is None:
            return
        sale = self.screen.sale()

        def change(text: int | str) -> None:
            sale.set_discount(line, *_discount(str(text)))
            self._discounted(lambda: sale.set_discount(line, 0))
        ask(self.screen, self.tr("Discount"), self.tr(
            "Discount on {item}: yuan off (20), or what the customer pays (9折, 85折, 90%):"
        ).format(item=sale.line_name(line)), Kind.DISCOUNT, change, name="discount_dialog")

    def discount_ticket(self) -> None:
        """Shift+F9: a discount on the whole sale (整单折扣), the same way."""
        sale = self.screen.sale()
        if sale.is_empty:
            self.screen.show_refusal(DomainError("sale.empty"))
            return

        def change(text: int | str) -> None:
            sale.set_ticket_discount(*_discount(str(text)))
            self._discounted(lambda: sale.set_ticket_discount(0))
        ask(self.screen, self.tr("Whole-sale discount"), self.tr(
            "Discount on the whole sale: yuan off (50), or what the customer pays (9折, 90%); "
            "0 takes it off:"), Kind.DISCOUNT, change, name="ticket_discount_dialog")

    def _discounted(self, drop: Callable[[], None]) -> None:
        self.screen.refresh()
        if self.screen.sale().needs_approval():
            self._approve_discount(drop)

    def _approve_discount(self, drop: Callable[[], None]) -> None:
        sale = self.screen.sale()

        def approved(approval: Approval | None) -> None:
            sale.approve(approval)
            self.screen.refresh()
            self.screen.show_info(self.tr("Discount approved by {name}.").format(
                name=approver_name(self.screen.session, approval)))
        dialog = approve(self.screen, self.screen.session,
                         self.tr("The discount is beyond your limit."), "checkout.complete",
                         approved, subject=sale.override_subject())
        if dialog is not None:
            dialog.rejected.connect(lambda: self._drop_discount(drop))

    def _drop_discount(self, drop: Callable[[], None]) -> None:
        self.screen.act(drop)
        self.screen.show_refusal(DomainError("override.cancelled"))

    def pay(self) -> None:
        screen, sale = self.screen, self.screen.sale()
        if sale.is_empty:
            screen.show_refusal(DomainError("sale.empty"))
            return
        if sale.needs_approval():  # none yet, or it ran out or was for other figures
            self._approve_then_pay()
            return
        try:
            dialog = PaymentDialog(PaymentViewModel(sale), screen.tasks.run, screen)
        except DomainError as err:
            screen.show_refusal(err)
            return
        dialog.completed.connect(self._completed)
        dialog.rejected.connect(screen.refresh)
        show_dialog(dialog, screen.input)
        dialog.amount.setFocus()

    def _approve_then_pay(self) -> None:
        sale = self.screen.sale()

        def approved(approval: Approval | None) -> None:
            sale.approve(approval)
            self.screen.refresh()
            self.pay()
        dialog = approve(self.screen, self.screen.session,
                         self.tr("The discount is beyond your limit."), "checkout.complete",
                         approved, subject=sale.override_subject())
        if dialog is not None:
            dialog.rejected.connect(
                lambda: self.screen.show_refusal(DomainError("sale.manager_required")))

    def _completed(self, done: Completed) -> None:
        screen = self.screen
        staff = screen.sale().staff
        screen.desk.sale_done(done, staff.name)
        screen.start(staff)
        change = sum(t.change_fen for t in done.sale.tenders)
        parts = [self.tr("Sale {receipt} saved.").format(receipt=done.sale.receipt_no)]
        if change:
            parts.append(self.tr("Change {change}").format(change=i18n.money(change)))
        if done.member is not None:
            parts.append(self.tr("{points} points earned").format(
                points=i18n.number(done.sale.points_earned)))
        screen.show_info("  ·  ".join(parts), "done")
        screen.sale_completed.emit(done)

    def open_returns(self, receipt: str = "") -> None:
        screen = self.screen
        sale = screen.sale()
        shift = screen.session.shift
        model = ReturnViewModel(screen.env, sale.staff, shift_id=shift.id if shift else None)
        dialog = ReturnsDialog(model, screen.session,
                               screen.desk, sale.cart.member_id, screen)
        dialog.refunded.connect(screen.refunded)
        show_dialog(dialog, screen.input)
        if receipt:
            try:
                dialog.load(receipt)
            except DomainError as err:
                dialog.show_refusal(err)
