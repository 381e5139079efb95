"""The payment dialog's logic: tenders added one by one, totals recomputed, commit when balanced.

Nothing is written until the tenders cover what is due; then `complete` commits the sale in
one transaction and returns what the receipt needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.sale import SaleViewModel
from domain.errors import DomainError
from domain.records import Balances, Tender, TenderKind
from domain.services import checkout, till
from domain.services.till import EXTERNAL, TillSale

__all__ = ["EXTERNAL", "PaymentState", "PaymentViewModel"]


@dataclass(frozen=True, slots=True)
class PaymentState:
    due_fen: int
    paid_fen: int  # what the tenders so far cover (cash capped at what was due)
    remaining_fen: int
    change_fen: int
    tenders: tuple[Tender, ...]
    points_available: int | None  # None without a member
    wallet_fen: int | None
    points_earned: int | None

    @property
    def balanced(self) -> bool:
        return self.remaining_fen == 0 and bool(self.tenders)


class PaymentViewModel:
    """The payment dialog over one sale: each tender is one call to `domain/services/till.py`."""

    def __init__(self, sale: SaleViewModel) -> None:
        self.sale = sale
        self.done: checkout.Completed | None = None

    @property
    def env(self) -> TillEnv:
        return self.sale.env

    def state(self) -> PaymentState:
        q = self.sale.quote
        if q is None:
            raise DomainError("sale.empty")
        balances = self.sale.member.balances if self.sale.member else None
        return PaymentState(
            due_fen=q.due_fen, paid_fen=sum(t.amount_fen for t in q.settlement.tenders),
            remaining_fen=q.settlement.remaining_fen, change_fen=q.settlement.change_fen,
            tenders=q.settlement.tenders, points_available=_points(balances),
            wallet_fen=_wallet(balances), points_earned=q.earning.points if q.earning else None)

    def remaining_fen(self) -> int:
        return till.remaining_fen(self.sale.state)

    def add_cash(self, given_fen: int | None = None) -> PaymentState:
        """Cash handed over: at least what is due gives change; less pays part of it."""
        return self._use(till.pay_cash(self.env.ctx, self.sale.state, given_fen))

    def add_external(self, kind: TenderKind, reference: str,
                     amount_fen: int | None = None) -> PaymentState:
        """Bank card or mobile wallet taken on the terminal beside the till."""
        return self._use(till.pay_external(self.env.ctx, self.sale.state, kind, reference,
                                           amount_fen))

    def wallet_needs_pin(self, amount_fen: int | None = None) -> bool:
        """Above the pack's amount, or any amount when the card was not swiped or scanned."""
        return till.wallet_needs_pin(self.env.ctx, self.sale.state, amount_fen)

    def add_wallet(self, amount_fen: int | None = None, pin: str | None = None) -> PaymentState:
        """Stored value, with the card and PIN rules of `till.pay_wallet`."""
        return self._use(till.pay_wallet(self.env.ctx, self.sale.state, amount_fen, pin))

    def points_if(self, kind: TenderKind, amount_fen: int | None = None,
                  points: int = 0) -> int | None:
        """What the sale earns if this payment is added (the rest paid in money); None
        without a member, or when the payment could not be taken as typed."""
        return till.points_if(self.env.ctx, self.sale.state, kind, amount_fen, points)

    def add_points(self, points: int) -> PaymentState:
        return self._use(till.pay_points(self.env.ctx, self.sale.state, points))

    def add_coupon(self, code: str) -> PaymentState:
        self.sale.add_coupon(code)
        return self.state()

    def remove(self, index: int) -> PaymentState:
        return self._use(till.remove_tender(self.env.ctx, self.sale.state, index))

    def _use(self, sale: TillSale) -> PaymentState:
        self.sale.use(sale)
        return self.state()

    def complete(self) -> checkout.Completed:
        """Commit the sale: ledgers, coupons, tier change, audit and outbox — or nothing."""
        self.done = till.complete(self.env.ctx, self.sale.state)
        return self.done


def _points(balances: Balances | None) -> int | None:
    return balances.points if balances else None


def _wallet(balances: Balances | None) -> int | None:
    if balances is None:
        return None
    return balances.wallet_principal_fen + balances.wallet_bonus_fen
