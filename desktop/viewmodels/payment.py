"""The payment dialog's logic: tenders added one by one, totals recomputed, commit when balanced.

Nothing is written until the tenders cover what is due; then `complete` commits the sale in
one transaction and returns what the receipt needs.
"""

from __future__ import annotations

from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.sale import SaleViewModel
from domain.records import TenderKind
from domain.services import checkout, payment
from domain.services.payment import EXTERNAL, PaymentState
from domain.services.till import TillSale

__all__ = ["EXTERNAL", "PaymentState", "PaymentViewModel"]


class PaymentViewModel:
    """The payment dialog over one sale: each tender is one call to domain/services/payment.py."""

    def __init__(self, sale: SaleViewModel) -> None:
        self.sale = sale
        self.done: checkout.Completed | None = None

    @property
    def env(self) -> TillEnv:
        return self.sale.env

    def state(self) -> PaymentState:
        """The figures the dialog shows (domain/services/payment.py; sale.empty without lines)."""
        return payment.state(self.sale.state)

    def remaining_fen(self) -> int:
        return payment.remaining_fen(self.sale.state)

    def add_cash(self, given_fen: int | None = None) -> PaymentState:
        """Cash handed over: at least what is due gives change; less pays part of it."""
        return self._use(payment.pay_cash(self.env.ctx, self.sale.state, given_fen))

    def add_external(self, kind: TenderKind, reference: str,
                     amount_fen: int | None = None) -> PaymentState:
        """Bank card or mobile wallet taken on the terminal beside the till."""
        return self._use(payment.pay_external(self.env.ctx, self.sale.state, kind, reference,
                                              amount_fen))

    def wallet_needs_pin(self, amount_fen: int | None = None) -> bool:
        """Above the pack's amount, or any amount when the card was not swiped or scanned."""
        return payment.wallet_needs_pin(self.env.ctx, self.sale.state, amount_fen)

    def add_wallet(self, amount_fen: int | None = None, pin: str | None = None) -> PaymentState:
        """Stored value, with the card and PIN rules of `payment.pay_wallet`."""
        return self._use(payment.pay_wallet(self.env.ctx, self.sale.state, amount_fen, pin))

    def points_if(self, kind: TenderKind, amount_fen: int | None = None,
                  points: int = 0) -> int | None:
        """What the sale earns if this payment is added (the rest paid in money); None
        without a member, or when the payment could not be taken as typed."""
        return payment.points_if(self.env.ctx, self.sale.state, kind, amount_fen, points)

    def add_points(self, points: int) -> PaymentState:
        return self._use(payment.pay_points(self.env.ctx, self.sale.state, points))

    def add_coupon(self, code: str) -> PaymentState:
        self.sale.add_coupon(code)
        return self.state()

    def remove(self, index: int) -> PaymentState:
        return self._use(payment.remove_tender(self.env.ctx, self.sale.state, index))

    def _use(self, sale: TillSale) -> PaymentState:
        self.sale.use(sale)
        return self.state()

    def complete(self) -> checkout.Completed:
        """Commit the sale: ledgers, coupons, tier change, audit and outbox — or nothing."""
        self.done = payment.complete(self.env.ctx, self.sale.state)
        return self.done

