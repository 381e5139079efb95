"""The payment step: the cashier's tender verbs, and the figures any caller shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain import wallet as wallet_rules
from domain.errors import DomainError, ValidationError
from domain.records import Balances, Tender, TenderKind
from domain.services import cart as carts
from domain.services import checkout, member_pin
from domain.services.cart import TenderRequest
from domain.services.context import ServiceContext
from domain.services.till import TillSale, priced

EXTERNAL = (TenderKind.BANK_CARD, TenderKind.MOBILE)  # taken on a terminal beside the till


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
    # An alliance member of another merchant: the issuer's name. Their stored value is never
    # taken here; the issuer's points pay at `point_value_fen` (0: they cannot).
    alliance_issuer: str | None = None
    point_value_fen: int = 0

    @property
    def balanced(self) -> bool:
        """Ready to complete: tendered, and nothing left due (checkout's `sale.unbalanced`)."""
        return self.remaining_fen == 0 and bool(self.tenders)


def state(sale: TillSale) -> PaymentState:
    """Where the sale's payment stands. A sale with no lines has nothing to pay
    (DomainError sale.empty, as `checkout.complete` would say)."""
    q = sale.quote
    if q is None or not sale.cart.lines:
        raise DomainError("sale.empty")
    balances = sale.member.balances if sale.member else None
    return PaymentState(
        due_fen=q.due_fen, paid_fen=sum(t.amount_fen for t in q.settlement.tenders),
        remaining_fen=q.settlement.remaining_fen, change_fen=q.settlement.change_fen,
        tenders=q.settlement.tenders, points_available=_points(balances),
        wallet_fen=_wallet(balances), points_earned=q.earning.points if q.earning else None,
        **_alliance(sale))


def _alliance(sale: TillSale) -> dict[str, Any]:
    found = sale.cart.alliance
    if found is None:
        return {}
    value = found.terms.agreement.point_value_fen if found.points_spendable else 0
    return {"alliance_issuer": found.terms.issuer_name, "point_value_fen": value}


def _points(balances: Balances | None) -> int | None:
    return balances.points if balances else None


def _wallet(balances: Balances | None) -> int | None:
    if balances is None:
        return None
    return balances.wallet_principal_fen + balances.wallet_bonus_fen


# --- tenders ---------------------------------------------------------------------------------


# --- tenders -------------------------------------------------------------------------------


def remaining_fen(sale: TillSale) -> int:
    return sale.quote.settlement.remaining_fen if sale.quote else 0


def pay_cash(ctx: ServiceContext, sale: TillSale, given_fen: int | None = None) -> TillSale:
    """Cash handed over (None: exactly what is due): at least what is due gives change;
    less pays part of it."""
    remaining = remaining_fen(sale)
    given = remaining if given_fen is None else given_fen
    if given <= 0:
        raise ValidationError("tender.amount_invalid", field="amount", amount_fen=given)
    amount = None if given >= remaining else given
    return pay(ctx, sale, TenderRequest(TenderKind.CASH, amount_fen=amount, given_fen=given))


def pay_external(ctx: ServiceContext, sale: TillSale, kind: TenderKind, reference: str,
                 amount_fen: int | None = None) -> TillSale:
    """Bank card or mobile wallet taken on the terminal beside the till, with its slip."""
    if kind not in EXTERNAL:
        raise DomainError("tender.kind_unsupported", kind=kind.value)
    return pay(ctx, sale, TenderRequest(kind, amount_fen=amount_fen, reference=reference.strip()))


def pay_points(ctx: ServiceContext, sale: TillSale, points: int) -> TillSale:
    return pay(ctx, sale, TenderRequest(TenderKind.POINTS, points=points))


def pay(ctx: ServiceContext, sale: TillSale, request: TenderRequest) -> TillSale:
    """Any tender request as asked (the cart checks it, the quote settles it)."""
    return priced(ctx, sale, carts.add_tender(sale.cart, request))


def remove_tender(ctx: ServiceContext, sale: TillSale, index: int) -> TillSale:
    return priced(ctx, sale, carts.remove_tender(sale.cart, index))


def wallet_needs_pin(ctx: ServiceContext, sale: TillSale, amount_fen: int | None = None) -> bool:
    """Above the pack's amount, or any amount when the card was not swiped or scanned."""
    amount = remaining_fen(sale) if amount_fen is None else amount_fen
    return sale.cart.shown is None or wallet_rules.needs_pin(amount, ctx.pack.wallet)


def pay_wallet(ctx: ServiceContext, sale: TillSale, amount_fen: int | None = None,
               pin: str | None = None) -> TillSale:
    """Stored value (DOMAIN §8): only with the card or its dynamic QR at the till (found by
    mobile: no card, no wallet), not on a day of five wrong PINs, and with the member's PIN
    above the pack's amount or whenever the card was not shown; the PIN service gives the
    payment the proof checkout wants."""
    if sale.cart.alliance is not None:  # another merchant's card: say the rule, not "no member"
        raise DomainError("alliance.wallet_not_here", issuer=sale.cart.alliance.card.issuer)
    if sale.member is None or sale.cart.member_id is None:
        raise DomainError("tender.member_required", kind=TenderKind.WALLET.value)
    if sale.cart.card_number is None and sale.cart.shown is None:
        raise DomainError("wallet.card_required")
    member_id = sale.cart.member_id
    member_pin.check_not_locked(ctx, member_id)
    amount = remaining_fen(sale) if amount_fen is None else amount_fen
    proof = ""
    if wallet_needs_pin(ctx, sale, amount):
        if pin is None:
            raise DomainError("wallet.pin_required", amount_fen=amount)
        proof = member_pin.prove(ctx, member_id, pin, sale.cart.cashier_id,
                                 sale_id=sale.cart.id, amount_fen=amount).token
    return pay(ctx, sale, TenderRequest(TenderKind.WALLET, amount_fen=amount_fen,
                                        pin_proof=proof))


def points_if(ctx: ServiceContext, sale: TillSale, kind: TenderKind,
              amount_fen: int | None = None, points: int = 0) -> int | None:
    """What the sale earns if this payment is added (the rest paid in money); None without a
    member, or when the payment could not be taken as asked."""
    if kind is TenderKind.POINTS:
        request = TenderRequest(kind, points=points)
    elif kind is TenderKind.CASH:
        request = TenderRequest(kind, amount_fen=amount_fen, given_fen=amount_fen or 0)
    else:
        request = TenderRequest(kind, amount_fen=amount_fen)
    try:
        return checkout.points_if_paid(ctx, sale.cart, request)
    except DomainError:
        return None


def complete(ctx: ServiceContext, sale: TillSale) -> checkout.Completed:
    """Commit the sale (checkout checks every rule again, whoever calls it)."""
    return checkout.complete(ctx, sale.cart)
