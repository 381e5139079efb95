"""The payment dialog's logic: tenders added one by one, totals recomputed, commit when balanced.

Nothing is written until the tenders cover what is due; then `complete` commits the sale in
one transaction and returns what the receipt needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.sale import SaleViewModel
from domain import wallet as wallet_rules
from domain.errors import DomainError, ValidationError
from domain.records import Balances, Tender, TenderKind
from domain.services import cart as carts
from domain.services import checkout, member_pin
from domain.services.cart import TenderRequest

# Tenders taken on an external terminal: the slip's reference is recorded with the sale.
EXTERNAL = (TenderKind.BANK_CARD, TenderKind.MOBILE)


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
    def __init__(self, sale: SaleViewModel) -> None:
        self.sale = sale
        self.done: checkout.Completed | None = None

    @property
    def env(self) -> TillEnv:
        return self.sale.env

    def state(self) -> PaymentState:
        self.sale.refresh()
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
        q = self.sale.quote
        return q.settlement.remaining_fen if q else 0

    def add_cash(self, given_fen: int | None = None) -> PaymentState:
        """Cash handed over: at least what is due gives change; less pays part of it."""
        remaining = self.remaining_fen()
        given = remaining if given_fen is None else given_fen
        if given <= 0:
            raise ValidationError("tender.amount_invalid", field="amount", amount_fen=given)
        if given >= remaining:
            return self._add(TenderRequest(TenderKind.CASH, given_fen=given))
        return self._add(TenderRequest(TenderKind.CASH, amount_fen=given, given_fen=given))

    def add_external(self, kind: TenderKind, reference: str,
                     amount_fen: int | None = None) -> PaymentState:
        """Bank card or mobile wallet taken on the terminal beside the till."""
        if kind not in EXTERNAL:
            raise DomainError("tender.kind_unsupported", kind=kind.value)
        if not reference.strip():
            raise ValidationError("tender.reference_required", field="reference")
        return self._add(TenderRequest(kind, amount_fen=amount_fen, reference=reference.strip()))

    def wallet_needs_pin(self, amount_fen: int | None = None) -> bool:
        """Above the pack's amount, or any amount when the card was not swiped or scanned."""
        amount = self.remaining_fen() if amount_fen is None else amount_fen
        return (self.sale.cart.shown is None
                or wallet_rules.needs_pin(amount, self.env.ctx.pack.wallet))

    def add_wallet(self, amount_fen: int | None = None, pin: str | None = None) -> PaymentState:
        """Stored value; above the pack's limit the PIN service checks the member's PIN and
        gives the payment its proof (checkout accepts the payment only with it)."""
        member = self.sale.member
        if member is None:
            raise DomainError("tender.member_required", kind=TenderKind.WALLET.value)
        if self.sale.cart.card_number is None:  # found by mobile: no card, no wallet (§8)
            raise DomainError("wallet.card_required")
        member_pin.check_not_locked(self.env.ctx, member.member.id)  # five wrong PINs today
        amount = self.remaining_fen() if amount_fen is None else amount_fen
        proof = ""
        if self.wallet_needs_pin(amount):
            if pin is None:
                raise DomainError("wallet.pin_required", amount_fen=amount)
            proof = member_pin.prove(self.env.ctx, member.member.id, pin, self.sale.staff.id,
                                     sale_id=self.sale.cart.id, amount_fen=amount).token
        return self._add(TenderRequest(TenderKind.WALLET, amount_fen=amount_fen,
                                       pin_proof=proof))

    def points_if(self, kind: TenderKind, amount_fen: int | None = None,
                  points: int = 0) -> int | None:
        """What the sale earns if this payment is added (the rest paid in money); None
        without a member, or when the payment could not be taken as typed."""
        if kind is TenderKind.POINTS:
            request = TenderRequest(kind, points=points)
        elif kind is TenderKind.CASH:
            request = TenderRequest(kind, amount_fen=amount_fen, given_fen=amount_fen or 0)
        else:
            request = TenderRequest(kind, amount_fen=amount_fen)
        try:
            return checkout.points_if_paid(self.env.ctx, self.sale.cart, request)
        except DomainError:
            return None

    def add_points(self, points: int) -> PaymentState:
        return self._add(TenderRequest(TenderKind.POINTS, points=points))

    def add_coupon(self, code: str) -> PaymentState:
        self.sale.add_coupon(code)
        return self.state()

    def remove(self, index: int) -> PaymentState:
        tenders = self.sale.cart.tenders
        if 0 <= index < len(tenders):
            del tenders[index]
        return self.state()

    def _add(self, request: TenderRequest) -> PaymentState:
        def change() -> None:
            carts.add_tender(self.sale.cart, request)
        self.sale.apply(change)
        return self.state()

    def complete(self) -> checkout.Completed:
        """Commit the sale: ledgers, coupons, tier change, audit and outbox — or nothing."""
        self.done = checkout.complete(self.env.ctx, self.sale.cart)
        return self.done


def _points(balances: Balances | None) -> int | None:
    return balances.points if balances else None


def _wallet(balances: Balances | None) -> int | None:
    if balances is None:
        return None
    return balances.wallet_principal_fen + balances.wallet_bonus_fen
