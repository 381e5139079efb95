"""The cashier's verbs on the sale: a product, a line, a coupon, a member's card.

Shared by the till's view-models, the tests and `kaika simulate` alike (docs/services.md), with
`till_codes` (what a scanned code is) and `payment` (the tenders). Each verb takes the sale as it
stands (`TillSale`: the cart, the member on it, its quote) and returns the sale after it, priced
again; the sale it was given is left as it was, so a caller whose verb was refused simply keeps
the old one. `checkout.complete` checks every rule again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from domain import card_data, dynamicqr
from domain import cards as card_rules
from domain import coupons as coupon_rules
from domain.catalog import Product
from domain.errors import DomainError, NotFound
from domain.services import alliance as alliance_sales
from domain.services import cardserials, checkout, members
from domain.services import cart as carts
from domain.services.cart import Cart
from domain.services.context import ServiceContext
from domain.services.members import MemberView
from domain.services.proofs import Approval


class Presented(StrEnum):
    """How the member's card reached the till (DOMAIN §4, §8)."""

    SWIPE = "swipe"  # the stripe reader
    SCAN = "scan"  # the card's printed barcode or QR, read by the scanner
    QR = "qr"  # the phone's signed dynamic QR
    TYPED = "typed"  # its number typed by hand: the card, but not shown (PIN at any amount)
    MOBILE = "mobile"  # found by the mobile number (or signed up here): no card, no wallet

    @property
    def shown(self) -> bool:
        return self in (Presented.SWIPE, Presented.SCAN, Presented.QR)


@dataclass(frozen=True, slots=True)
class TillSale:
    """The sale at the till: its cart, the member on it, and its price as it stands."""

    cart: Cart
    member: MemberView | None = None
    quote: checkout.Quote | None = None
    line_no: int | None = None  # the line the last verb added or changed


def resume(ctx: ServiceContext, cart: Cart) -> TillSale:
    """A held sale recalled: its member is looked up again (balances may have moved)."""
    member = members.member_view(ctx, cart.member_id) if cart.member_id else None
    return priced(ctx, TillSale(cart, member))


def priced(ctx: ServiceContext, sale: TillSale, cart: Cart | None = None,
           line_no: int | None = None) -> TillSale:
    """`sale` with `cart` (or its own) priced again; refused if the cart cannot be priced."""
    cart = sale.cart if cart is None else cart
    quote = checkout.quote(ctx, cart) if cart.lines else None
    return replace(sale, cart=cart, quote=quote,
                   line_no=sale.line_no if line_no is None else line_no)


def search(ctx: ServiceContext, text: str, limit: int = 12) -> list[Product]:
    """Products by SKU, barcode or pinyin-initial prefix, or by part of the name."""
    if not text.strip():
        return []
    with ctx.reader() as uow:
        return uow.products.search(text, limit)


# --- lines ---------------------------------------------------------------------------------


def add_code(ctx: ServiceContext, sale: TillSale, code: str, qty: int = 1) -> TillSale:
    """A product by SKU or barcode (carts.find_product's one normalisation)."""
    product = carts.find_product(ctx, code)
    if product is None:
        raise NotFound("product.unknown", code=card_data.mask(code.strip()))
    return add_product(ctx, sale, product, qty)


def add_product(ctx: ServiceContext, sale: TillSale, product: Product, qty: int = 1) -> TillSale:
    """A product just read; the same product again adds to the last line's quantity, unless
    that line has a label price or a manual discount of its own."""
    last = sale.cart.lines[-1] if sale.cart.lines else None
    if (last is not None and last.product.sku == product.sku and last.unit_price_fen is None
            and not last.manual_discount_fen and last.manual_rate is None):
        return set_qty(ctx, sale, last.line_no, last.qty + qty)
    cart = carts.add_product(sale.cart, product, qty)
    return priced(ctx, sale, cart, cart.last_line_no)


def add_label(ctx: ServiceContext, sale: TillSale, plu: str, price_fen: int | None,
              weight_g: int | None) -> TillSale:
    """A scale label: its price, or the product's price per kg times its weight; only a
    weighed product may be sold by a label."""
    cart = carts.add_label(ctx, sale.cart, plu, price_fen, weight_g)
    return priced(ctx, sale, cart, cart.last_line_no)


def set_qty(ctx: ServiceContext, sale: TillSale, line_no: int, qty: int) -> TillSale:
    return priced(ctx, sale, carts.set_qty(sale.cart, line_no, qty), line_no)


def void_line(ctx: ServiceContext, sale: TillSale, line_no: int) -> TillSale:
    """Remove a line; the one after it (if any) becomes the current one."""
    after = [ln.line_no for ln in sale.cart.lines if ln.line_no > line_no]
    done = priced(ctx, sale, carts.remove_line(sale.cart, line_no))
    return replace(done, line_no=after[0] if after else None)


def set_discount(ctx: ServiceContext, sale: TillSale, line_no: int, discount_fen: int,
                 rate: Decimal | None = None) -> TillSale:
    """A manual line discount in fen or as a rate; beyond the limit it needs a manager."""
    return priced(ctx, sale, carts.set_line_discount(sale.cart, line_no, discount_fen, rate),
                  line_no)


def set_ticket_discount(ctx: ServiceContext, sale: TillSale, discount_fen: int,
                        rate: Decimal | None = None) -> TillSale:
    return priced(ctx, sale, carts.set_ticket_discount(sale.cart, discount_fen, rate))


def approve(ctx: ServiceContext, sale: TillSale, signed: Approval | None) -> TillSale:
    """A manager's approval of the figures as they are (checkout checks it is for them)."""
    return priced(ctx, sale, carts.approve(sale.cart, signed))


def add_coupon(ctx: ServiceContext, sale: TillSale, code: str) -> TillSale:
    """A coupon by its code, or by the last characters of one of the member's own coupons
    (as the member panel shows them: `AB12`)."""
    full = members_coupon(sale.member, code) or code
    return priced(ctx, sale, carts.add_coupon(sale.cart, full))


def remove_coupon(ctx: ServiceContext, sale: TillSale, code: str) -> TillSale:
    return priced(ctx, sale, carts.remove_coupon(sale.cart, code))


def members_coupon(member: MemberView | None, text: str) -> str | None:
    """The member's one coupon whose code ends with `text` (4 or more of its last characters),
    or None."""
    tail = coupon_rules.normalize_code(text)
    if member is None or not 4 <= len(tail) < coupon_rules.CODE_LENGTH:
        return None
    found = [c.code for c in member.coupons if c.code.endswith(tail)]
    return found[0] if len(found) == 1 else None


# --- members -------------------------------------------------------------------------------


def attach_member(ctx: ServiceContext, sale: TillSale, view: MemberView,
                  how: Presented) -> TillSale:
    """Put a member on the sale with how the card was presented (DOMAIN §4, §8): a staff
    member's own card is refused at a till where they ring the sale; found by mobile there is
    no card at the till, so no wallet; a card typed by hand is the card but not shown."""
    card = None if how is Presented.MOBILE or view.by_mobile else view.card
    if card is not None:
        card_rules.check_staff_use(card, view.member, sale.cart.cashier_id)
    shown = view.shown if how.shown and card is not None else None
    cart = carts.put_member(sale.cart, view.member.id, card.number if card else None, shown)
    return priced(ctx, replace(sale, member=view), cart)


def attach_code(ctx: ServiceContext, sale: TillSale, code: str, *, scanned: bool = False,
                seen: dynamicqr.SeenNonces | None = None) -> TillSale:
    """A member card number, member QR (static or dynamic) or mobile number; a dynamic QR
    admits one use at this till (`seen`: DOMAIN §4, no screenshots)."""
    code = code.strip()
    if dynamicqr.is_dynamic(code):
        return _dynamic_qr(ctx, sale, code, seen)
    try:
        view = members.find_by_scan(ctx, code) if scanned else members.find_by_code(ctx, code)
    except DomainError as err:
        return _alliance_card(ctx, sale, code.replace(" ", "").replace("-", ""), err)
    if view.by_mobile:
        return attach_member(ctx, sale, view, Presented.MOBILE)
    return attach_member(ctx, sale, view, Presented.SCAN if scanned else Presented.TYPED)


def attach_swipe(ctx: ServiceContext, sale: TillSale, track1: str | None,
                 track2: str | None) -> TillSale:
    try:
        view = members.find_by_swipe(ctx, track1, track2)
    except DomainError as err:
        return _alliance_card(ctx, sale, card_rules.track2_number(track2) or "", err)
    return attach_member(ctx, sale, view, Presented.SWIPE)


def _dynamic_qr(ctx: ServiceContext, sale: TillSale, code: str,
                seen: dynamicqr.SeenNonces | None) -> TillSale:
    """A phone's code: an honoured alliance issuer's (by the brand it claims), verified with
    that issuer's public keys, or ours; another merchant's that no agreement here honours is
    refused as such (alliance.qr_not_honoured), not as a forgery."""
    number = dynamicqr.claimed_number(code)
    if alliance_sales.honours(ctx, number):
        token = alliance_sales.read_qr(ctx, code)
        if seen is not None:
            seen.admit(token)
        cart = alliance_sales.attach(ctx, sale.cart, token.card_number)
        return priced(ctx, replace(sale, member=None), cart)
    if not _ours(ctx, number):
        raise DomainError("alliance.qr_not_honoured", brand=number[:2])
    token = dynamicqr.read_payload(code, ctx.now(), ctx.qr_verify,
                                   ctx.pack.cards.dynamic_qr_ttl_s)
    if seen is not None:
        seen.admit(token)
    return attach_member(ctx, sale, members.find_by_code(ctx, code), Presented.QR)


def _ours(ctx: ServiceContext, number: str) -> bool:
    with ctx.reader() as uow:
        return number[:2] in cardserials.honoured_brands(uow.settings.get(), ctx.pack)


def _alliance_card(ctx: ServiceContext, sale: TillSale, number: str,
                   err: DomainError) -> TillSale:
    """Not a card of ours: an alliance issuer's card an agreement here honours (its brand),
    recognised from the roster, or else the refusal the look-up gave."""
    if err.code not in ("card.unknown", "card.not_ours") or not alliance_sales.honours(
            ctx, number):
        raise err
    cart = alliance_sales.attach(ctx, sale.cart, number)
    return priced(ctx, replace(sale, member=None), cart)


def detach_member(ctx: ServiceContext, sale: TillSale) -> TillSale:
    cart = alliance_sales.detach(carts.put_member(sale.cart, None, None, None))
    return priced(ctx, replace(sale, member=None), cart)


def sign_up(ctx: ServiceContext, sale: TillSale, raw: dict[str, object]) -> TillSale:
    """The cashier of the sale registers the customer (members.register checks the role) and
    puts them on it: found by the form's mobile, not by a card shown."""
    done = members.register(ctx, raw, sale.cart.cashier_id)
    return attach_member(ctx, sale, members.member_view(ctx, done.member.id), Presented.MOBILE)
