"""The sale in progress at the till: lines, member, coupons and tender requests, in memory.

Nothing here touches the database until `checkout.complete` commits the whole sale in one
transaction; a cart can be held and recalled because it is plain data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from domain import card_data
from domain import cards as card_rules
from domain import coupons as coupon_rules
from domain.catalog import Product
from domain.errors import DomainError, NotFound, ValidationError
from domain.ids import new_id_str
from domain.money import round_half_up
from domain.pricing import CartLine, TicketDiscount
from domain.records import TenderKind
from domain.services.context import ServiceContext
from domain.services.guard import guard
from domain.services.members import MemberView
from domain.services.proofs import Approval, CardShown


@dataclass(frozen=True, slots=True)
class TenderRequest:
    """What the cashier asked for; `amount_fen=None` takes whatever is still due."""

    kind: TenderKind
    amount_fen: int | None = None
    points: int = 0  # points tender: how many points
    reference: str = ""  # bank card / mobile wallet slip or transaction number
    given_fen: int = 0  # cash handed over (change is given back)
    pin_proof: str = ""  # wallet: the token of member_pin.prove's proof of the member's PIN


@dataclass
class Cart:
    id: str
    cashier_id: str
    started_at: datetime
    shift_id: str | None = None
    lines: list[CartLine] = field(default_factory=list)
    member_id: str | None = None
    card_number: str | None = None  # the member's card, shown or its number typed
    shown: CardShown | None = None  # the card swiped or scanned: domain/services/proofs.py
    coupon_codes: list[str] = field(default_factory=list)
    tenders: list[TenderRequest] = field(default_factory=list)
    approval: Approval | None = None  # a manager's, for a discount beyond the limit or a price
    ticket: TicketDiscount | None = None  # the cashier's discount on the whole sale

    def next_line_no(self) -> int:
        return max((line.line_no for line in self.lines), default=0) + 1


def start_sale(ctx: ServiceContext, cashier_id: str, shift_id: str | None = None) -> Cart:
    """A new sale rung up by `cashier_id` (who must be allowed to ring sales)."""
    with guard(ctx, "cart.start_sale", cashier_id):
        return Cart(id=new_id_str(), cashier_id=cashier_id, started_at=ctx.now(),
                    shift_id=shift_id)


def add_item(ctx: ServiceContext, cart: Cart, code: str, qty: int = 1,
             price_fen: int | None = None) -> CartLine:
    """Add a product by SKU or barcode; `price_fen` carries a weighed item's label price and
    is refused for any other product (a price override needs a manager: see checkout)."""
    if qty <= 0:
        raise ValidationError("sale.qty_invalid", field="qty", qty=qty)
    with ctx.reader() as uow:
        product = uow.products.get(code) or uow.products.by_barcode(code)
    if product is None or not product.active:
        raise NotFound("product.unknown", code=card_data.mask(code))
    return _append(cart, product, qty, price_fen)


def add_product(cart: Cart, product: Product, qty: int = 1) -> CartLine:
    """Add a product the caller has just read from the catalogue (the till's scan looks the
    code up once, not twice); the quote prices every line from the catalogue again anyway."""
    if qty <= 0:
        raise ValidationError("sale.qty_invalid", field="qty", qty=qty)
    if not product.active:
        raise NotFound("product.unknown", code=product.sku)
    return _append(cart, product, qty, None)


def add_label(ctx: ServiceContext, cart: Cart, plu: str, price_fen: int | None,
              weight_g: int | None) -> CartLine:
    """A scale label (`20 PPPPP AAAAA C`): the weighed product of that PLU at the label's price,
    or at its price per kg times the label's weight. A label naming a product that is not
    weighed is refused: a label price is not a way to reprice a coat.

    Raises:
        NotFound: product.unknown. DomainError: product.not_weighed.
        ValidationError: sale.label_no_price (field "label").
    """
    with ctx.reader() as uow:
        product = uow.products.get(plu) or uow.products.get(plu.lstrip("0"))
    if product is None or not product.active:
        raise NotFound("product.unknown", code=plu)
    if price_fen is None:
        if weight_g is None:
            raise ValidationError("sale.label_no_price", field="label", code=plu)
        price_fen = round_half_up(product.price_fen * Decimal(weight_g) / 1000)
    return _append(cart, product, 1, price_fen)


def _append(cart: Cart, product: Product, qty: int, price_fen: int | None) -> CartLine:
    if price_fen is not None and not product.is_weighed:
        raise DomainError("product.not_weighed", code=product.sku, name=product.name)
    line = CartLine(line_no=cart.next_line_no(), product=product, qty=qty,
                    unit_price_fen=price_fen)
    cart.lines.append(line)
    return line


def set_qty(cart: Cart, line_no: int, qty: int) -> None:
    if qty <= 0:
        raise ValidationError("sale.qty_invalid", field="qty", qty=qty)
    _replace_line(cart, line_no, lambda line: replace(line, qty=qty))


def set_line_discount(cart: Cart, line_no: int, discount_fen: int,
                      rate: Decimal | None = None) -> None:
    """A cashier's manual discount, in fen or as a rate (0.9 = 9折); beyond the pack's limit
    `complete` wants a manager."""
    _check_discount(discount_fen, rate)
    _replace_line(cart, line_no, lambda line: replace(
        line, manual_discount_fen=0 if rate is not None else discount_fen, manual_rate=rate))


def set_ticket_discount(cart: Cart, discount_fen: int, rate: Decimal | None = None) -> None:
    """A cashier's discount on the whole sale (整单折扣), in fen or as a rate; nothing off
    takes it away. It counts with the line discounts against the cashier's limit."""
    _check_discount(discount_fen, rate)
    cart.ticket = (TicketDiscount(discount_fen, rate) if rate is not None or discount_fen
                   else None)


def _check_discount(discount_fen: int, rate: Decimal | None) -> None:
    if discount_fen < 0:
        raise ValidationError("sale.discount_invalid", field="discount", discount_fen=discount_fen)
    if rate is not None and not Decimal(0) < rate < Decimal(1):
        raise ValidationError("discount.rate_invalid", field="discount", text=str(rate))


def remove_line(cart: Cart, line_no: int) -> None:
    before = len(cart.lines)
    cart.lines = [line for line in cart.lines if line.line_no != line_no]
    if len(cart.lines) == before:
        raise NotFound("sale.line_unknown", line_no=line_no)


def attach_member(cart: Cart, view: MemberView) -> None:
    """Put the member found by swipe, scan or mobile on the sale (DOMAIN §4).

    A staff member's own card is refused at a till where that staff member is logged in.
    """
    if view.card is not None:
        card_rules.check_staff_use(view.card, view.member, cart.cashier_id)
    cart.member_id = view.member.id
    # A member found by mobile has no card at the till, so no wallet (checkout checks it).
    has_card = view.card is not None and not view.by_mobile
    cart.card_number = view.card.number if view.card is not None and has_card else None
    cart.shown = view.shown


def add_coupon(cart: Cart, code: str) -> None:
    code = coupon_rules.normalize_code(code)
    if code in cart.coupon_codes:
        raise DomainError("coupon.already_in_sale", code=code)
    cart.coupon_codes.append(code)


def add_tender(cart: Cart, tender: TenderRequest) -> None:
    """Queue a tender; a reference holding a card number never enters the cart (nor a held
    sale): ValidationError card.number_in_text, field "reference"; a bank card or mobile
    payment without its slip number is refused tender.reference_required (checkout checks
    again: a cart is plain data)."""
    if tender.amount_fen is not None and tender.amount_fen <= 0:
        raise ValidationError("tender.amount_invalid", field="amount", amount_fen=tender.amount_fen)
    card_data.check_text("reference", tender.reference)
    if tender.kind in (TenderKind.BANK_CARD, TenderKind.MOBILE) and not tender.reference.strip():
        raise ValidationError("tender.reference_required", field="reference",
                              kind=tender.kind.value)
    cart.tenders.append(tender)


def _replace_line(cart: Cart, line_no: int, change: Callable[[CartLine], CartLine]) -> None:
    for i, line in enumerate(cart.lines):
        if line.line_no == line_no:
            cart.lines[i] = change(line)
            return
    raise NotFound("sale.line_unknown", line_no=line_no)
