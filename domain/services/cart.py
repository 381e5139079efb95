"""The sale in progress at the till: lines, member, coupons and tender requests, in memory.

A `Cart` is immutable: every operation here returns a new cart and leaves the one it was
given as it was, so undo is keeping the old one. Nothing here touches the database (but to
read a product) until `checkout.complete` commits the whole sale in one transaction; a cart can
be held and recalled because it is plain data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from domain import card_data
from domain import coupons as coupon_rules
from domain.alliance_card import AllianceMember
from domain.catalog import Product
from domain.errors import DomainError, NotFound, ValidationError
from domain.ids import new_id_str
from domain.money import round_half_up
from domain.pricework import CartLine, TicketDiscount
from domain.records import TenderKind
from domain.services.context import ServiceContext
from domain.services.guard import guard
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


@dataclass(frozen=True, slots=True)
class Cart:
    id: str
    cashier_id: str
    started_at: datetime
    shift_id: str | None = None
    lines: tuple[CartLine, ...] = ()
    member_id: str | None = None
    card_number: str | None = None  # the member's card, shown or its number typed
    shown: CardShown | None = None  # the card swiped or scanned: domain/services/proofs.py
    coupon_codes: tuple[str, ...] = ()
    tenders: tuple[TenderRequest, ...] = ()
    approval: Approval | None = None  # a manager's, for a discount beyond the limit or a price
    ticket: TicketDiscount | None = None  # the cashier's discount on the whole sale
    # Another merchant's member honoured under an alliance agreement (services/alliance.py);
    # never together with a member of ours.
    alliance: AllianceMember | None = None

    def next_line_no(self) -> int:
        return max((line.line_no for line in self.lines), default=0) + 1

    @property
    def last_line_no(self) -> int | None:
        return self.lines[-1].line_no if self.lines else None


def start_sale(ctx: ServiceContext, cashier_id: str, shift_id: str | None = None) -> Cart:
    """A new sale rung up by `cashier_id` (who must be allowed to ring sales)."""
    with guard(ctx, "cart.start_sale", cashier_id):
        return Cart(id=new_id_str(), cashier_id=cashier_id, started_at=ctx.now(),
                    shift_id=shift_id)


def find_product(ctx: ServiceContext, code: str, *, active_only: bool = True) -> Product | None:
    """The active product a code names: its SKU, its barcode, or its SKU in capitals (a
    cashier types `a1001` for `A1001`) — the one normalisation every caller uses. A return
    asks with `active_only=False`: goods sold before they left the catalogue come back too."""
    code = code.strip()
    if not code:
        return None
    with ctx.reader() as uow:
        product = uow.products.get(code) or uow.products.by_barcode(code)
        if product is None and code.upper() != code:
            product = uow.products.get(code.upper())
    return product if product is not None and (product.active or not active_only) else None


def add_item(ctx: ServiceContext, cart: Cart, code: str, qty: int = 1,
             price_fen: int | None = None) -> Cart:
    """Add a product by SKU or barcode; `price_fen` carries a weighed item's label price and
    is refused for any other product (a price override needs a manager: see checkout)."""
    if qty <= 0:
        raise ValidationError("sale.qty_invalid", field="qty", qty=qty)
    product = find_product(ctx, code)
    if product is None:
        raise NotFound("product.unknown", code=card_data.mask(code))
    return _append(cart, product, qty, price_fen)


def add_product(cart: Cart, product: Product, qty: int = 1) -> Cart:
    """Add a product the caller has just read from the catalogue (the till's scan looks the
    code up once, not twice); the quote prices every line from the catalogue again anyway."""
    if qty <= 0:
        raise ValidationError("sale.qty_invalid", field="qty", qty=qty)
    if not product.active:
        raise NotFound("product.unknown", code=product.sku)
    return _append(cart, product, qty, None)


def label_price(product: Product, price_fen: int | None, weight_g: int | None) -> int:
    """A scale label's price: the label's own, or the product's price per kg times the
    label's weight (ValidationError sale.label_no_price, field "label", with neither)."""
    if price_fen is not None:
        return price_fen
    if weight_g is None:
        raise ValidationError("sale.label_no_price", field="label", code=product.sku)
    return round_half_up(product.price_fen * Decimal(weight_g) / 1000)


def add_label(ctx: ServiceContext, cart: Cart, plu: str, price_fen: int | None,
              weight_g: int | None) -> Cart:
    """A scale label (`20 PPPPP AAAAA C`): the weighed product of that PLU at the label's price,
    or at its price per kg times the label's weight. A label naming a product that is not
    weighed is refused: a label price is not a way to reprice a coat.

    Raises:
        NotFound: product.unknown. DomainError: product.not_weighed.
        ValidationError: sale.label_no_price (field "label").
    """
    product = find_product(ctx, plu) or find_product(ctx, plu.lstrip("0"))
    if product is None:
        raise NotFound("product.unknown", code=plu)
    return _append(cart, product, 1, label_price(product, price_fen, weight_g))


def _append(cart: Cart, product: Product, qty: int, price_fen: int | None) -> Cart:
    if price_fen is not None and not product.is_weighed:
        raise DomainError("product.not_weighed", code=product.sku, name=product.name)
    line = CartLine(line_no=cart.next_line_no(), product=product, qty=qty,
                    unit_price_fen=price_fen)
    return replace(cart, lines=(*cart.lines, line))


def set_qty(cart: Cart, line_no: int, qty: int) -> Cart:
    if qty <= 0:
        raise ValidationError("sale.qty_invalid", field="qty", qty=qty)
    return _replace_line(cart, line_no, lambda line: replace(line, qty=qty))


def set_line_discount(cart: Cart, line_no: int, discount_fen: int,
                      rate: Decimal | None = None) -> Cart:
    """A cashier's manual discount, in fen or as a rate (0.9 = 9折); beyond the pack's limit
    `complete` wants a manager. An approval given for other figures is dropped."""
    check_discount(discount_fen, rate)
    changed = _replace_line(cart, line_no, lambda line: replace(
        line, manual_discount_fen=0 if rate is not None else discount_fen, manual_rate=rate))
    return replace(changed, approval=None)


def set_ticket_discount(cart: Cart, discount_fen: int, rate: Decimal | None = None) -> Cart:
    """A cashier's discount on the whole sale (整单折扣), in fen or as a rate; nothing off
    takes it away. It counts with the line discounts against the cashier's limit."""
    check_discount(discount_fen, rate)
    ticket = TicketDiscount(discount_fen, rate) if rate is not None or discount_fen else None
    return replace(cart, ticket=ticket, approval=None)


def check_discount(discount_fen: int, rate: Decimal | None) -> None:
    """A discount is a positive amount or a rate strictly between 0 and 1 (checkout checks
    the cart's again: a cart is plain data)."""
    if discount_fen < 0:
        raise ValidationError("sale.discount_invalid", field="discount", discount_fen=discount_fen)
    if rate is not None and not Decimal(0) < rate < Decimal(1):
        raise ValidationError("discount.rate_invalid", field="discount", text=str(rate))


def approve(cart: Cart, approval: Approval | None) -> Cart:
    """A manager's approval of the figures as they are (checkout checks it is for them)."""
    return replace(cart, approval=approval)


def remove_line(cart: Cart, line_no: int) -> Cart:
    kept = tuple(line for line in cart.lines if line.line_no != line_no)
    if len(kept) == len(cart.lines):
        raise NotFound("sale.line_unknown", line_no=line_no)
    return replace(cart, lines=kept)


def put_member(cart: Cart, member_id: str | None, card_number: str | None,
               shown: CardShown | None) -> Cart:
    """The member on the sale and how their card is at the till; `domain/services/till.py`
    decides these from how the member was found (`till.attach_member`)."""
    return replace(cart, member_id=member_id, card_number=card_number, shown=shown,
                   alliance=None if member_id else cart.alliance)


def add_coupon(cart: Cart, code: str) -> Cart:
    code = coupon_rules.normalize_code(code)
    if code in cart.coupon_codes:
        raise DomainError("coupon.already_in_sale", code=code)
    return replace(cart, coupon_codes=(*cart.coupon_codes, code))


def remove_coupon(cart: Cart, code: str) -> Cart:
    return replace(cart, coupon_codes=tuple(c for c in cart.coupon_codes if c != code))


def check_tender(tender: TenderRequest) -> None:
    """A tender as the cart may hold it: a reference holding a card number never enters the
    cart (nor a held sale): ValidationError card.number_in_text, field "reference"; a bank
    card or mobile payment without its slip number is refused tender.reference_required."""
    if tender.amount_fen is not None and tender.amount_fen <= 0:
        raise ValidationError("tender.amount_invalid", field="amount", amount_fen=tender.amount_fen)
    card_data.check_text("reference", tender.reference)
    if tender.kind in (TenderKind.BANK_CARD, TenderKind.MOBILE) and not tender.reference.strip():
        raise ValidationError("tender.reference_required", field="reference",
                              kind=tender.kind.value)


def add_tender(cart: Cart, tender: TenderRequest) -> Cart:
    """Queue a tender (checked by `check_tender`; checkout checks again)."""
    check_tender(tender)
    return replace(cart, tenders=(*cart.tenders, tender))


def remove_tender(cart: Cart, index: int) -> Cart:
    if not 0 <= index < len(cart.tenders):
        return cart
    return replace(cart, tenders=cart.tenders[:index] + cart.tenders[index + 1:])


def _replace_line(cart: Cart, line_no: int, change: Callable[[CartLine], CartLine]) -> Cart:
    if not any(line.line_no == line_no for line in cart.lines):
        raise NotFound("sale.line_unknown", line_no=line_no)
    return replace(cart, lines=tuple(change(line) if line.line_no == line_no else line
                                     for line in cart.lines))
