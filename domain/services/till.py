"""The cashier's verbs: a code scanned or typed, a product, a member's card, stored value.

One module for the till's view-models, the tests and `kaika simulate` alike (docs/services.md).
Each verb takes the sale as it stands (`TillSale`: the cart, the member on it, its quote) and
returns the sale after it, priced again; the sale it was given is left as it was, so a caller
whose verb was refused simply keeps the old one. `checkout.complete` checks every rule again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from domain import card_data, dynamicqr
from domain import cards as card_rules
from domain import coupons as coupon_rules
from domain import wallet as wallet_rules
from domain.catalog import Product, is_gtin
from domain.errors import DomainError, NotFound, ValidationError
from domain.records import TenderKind
from domain.services import alliance as alliance_sales
from domain.services import cardserials, checkout, member_pin, members
from domain.services import cart as carts
from domain.services.cart import Cart, TenderRequest
from domain.services.context import ServiceContext
from domain.services.members import MemberView
from domain.services.proofs import Approval

# A receipt number as printed under its barcode: S001-T01-000123.
RECEIPT_NO = re.compile(r"^[A-Z0-9]{1,12}-[A-Z0-9]{1,12}-\d{6,}$")
MOBILE = re.compile(r"^\+?[\d\s-]{11,16}$")
EXTERNAL = (TenderKind.BANK_CARD, TenderKind.MOBILE)  # taken on a terminal beside the till


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


class CodeKind(StrEnum):
    """What a scanned or typed code is."""

    RECEIPT = "receipt"
    DYNAMIC_QR = "dynamic_qr"
    PRODUCT = "product"
    CARD = "card"  # 13 digits with a good Luhn digit (or, if no card has it, a GTIN)
    STRIPE = "stripe"  # a stripe reader set up without sentinels
    COUPON = "coupon"
    MOBILE = "mobile"
    SEARCH = "search"


class Routed(StrEnum):
    """What the screen does next with a code the till has acted on."""

    ITEM = "item"
    MEMBER = "member"
    COUPON = "coupon"
    RECEIPT = "receipt"  # a receipt's barcode: the screen opens the return
    CHOICES = "choices"  # several products match: the screen lets the cashier pick


@dataclass(frozen=True, slots=True)
class TillSale:
    """The sale at the till: its cart, the member on it, and its price as it stands."""

    cart: Cart
    member: MemberView | None = None
    quote: checkout.Quote | None = None
    line_no: int | None = None  # the line the last verb added or changed


@dataclass(frozen=True, slots=True)
class Route:
    kind: Routed
    sale: TillSale
    products: tuple[Product, ...] = ()
    text: str = ""


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


# --- codes ---------------------------------------------------------------------------------


def is_receipt_no(code: str) -> bool:
    """A receipt number as printed under its barcode (S001-T01-000123), in any case."""
    code = code.strip()
    return bool(RECEIPT_NO.match(code.upper())) and not card_data.holds_card_number(code)


def classify(ctx: ServiceContext, code: str, member: MemberView | None = None) -> CodeKind:
    """What `code` is, in the till's order: a receipt, a dynamic QR, a product of this store,
    a card number, a bare stripe, a coupon (or the tail of the member's own), a mobile, or
    words to search for. A bank card's number or a GTIN this store does not sell is refused
    (NotFound product.unknown_barcode, DomainError card.bank_card)."""
    code = code.strip()
    if is_receipt_no(code):
        return CodeKind.RECEIPT
    if dynamicqr.is_dynamic(code):
        return CodeKind.DYNAMIC_QR
    if carts.find_product(ctx, code) is not None:
        return CodeKind.PRODUCT
    compact = code.replace(" ", "").replace("-", "")
    if len(compact) == card_rules.NUMBER_LENGTH and card_rules.luhn_valid(compact):
        return CodeKind.CARD
    if is_gtin(compact):  # a product barcode we do not sell, not a mistyped card number
        raise NotFound("product.unknown_barcode", code=compact)
    if card_rules.bare_swipe(code) is not None:
        return CodeKind.STRIPE
    if card_data.holds_card_number(code):  # a bank card's: looked up nowhere, never repeated
        raise DomainError("card.bank_card")
    if coupon_rules.valid_code(code) or _members_coupon(member, code):
        return CodeKind.COUPON
    return CodeKind.MOBILE if MOBILE.match(code) else CodeKind.SEARCH


def scan(ctx: ServiceContext, sale: TillSale, text: str, *, scanned: bool = False,
         seen: dynamicqr.SeenNonces | None = None) -> Route:
    """A code scanned as text, or typed and Enter pressed: find out what it is and act on it.
    `scanned`: the scanner read it off the card (the card is shown), not typed by hand."""
    code = text.strip()
    if not code:
        raise NotFound("product.unknown", code="")
    kind = classify(ctx, code, sale.member)
    if kind is CodeKind.RECEIPT:
        return Route(Routed.RECEIPT, sale, text=code.upper())
    if kind is CodeKind.PRODUCT:
        return Route(Routed.ITEM, add_code(ctx, sale, code))
    if kind is CodeKind.COUPON:
        return Route(Routed.COUPON, add_coupon(ctx, sale, code))
    if kind is CodeKind.SEARCH:
        return _search(ctx, sale, code)
    if kind is CodeKind.STRIPE:
        bare = card_rules.bare_swipe(code)
        assert bare is not None
        return Route(Routed.MEMBER, attach_swipe(ctx, sale, *bare))
    if kind is CodeKind.CARD:
        return Route(Routed.MEMBER, _card_or_barcode(ctx, sale, code, scanned))
    return Route(Routed.MEMBER, attach_code(ctx, sale, code, scanned=scanned, seen=seen))


def scan_gtin(ctx: ServiceContext, sale: TillSale, code: str,
              seen: dynamicqr.SeenNonces | None = None) -> Route:
    """A GTIN the scanner read: a product's barcode, or one of our card numbers."""
    return scan(ctx, sale, code, scanned=True, seen=seen)


def _search(ctx: ServiceContext, sale: TillSale, words: str) -> Route:
    found = search(ctx, words)
    if len(found) == 1:
        return Route(Routed.ITEM, add_product(ctx, sale, found[0]))
    if found:
        return Route(Routed.CHOICES, sale, tuple(found))
    raise NotFound("product.unknown", code=words)


def search(ctx: ServiceContext, text: str, limit: int = 12) -> list[Product]:
    """Products by SKU, barcode or pinyin-initial prefix, or by part of the name."""
    if not text.strip():
        return []
    with ctx.reader() as uow:
        return uow.products.search(text, limit)


def _card_or_barcode(ctx: ServiceContext, sale: TillSale, code: str, scanned: bool) -> TillSale:
    """Thirteen digits with a good Luhn digit: our card, or else (when its GS1 check digit is
    right too) the barcode of a product this store does not have."""
    number = code.replace(" ", "").replace("-", "")
    try:
        return attach_code(ctx, sale, number, scanned=scanned)
    except DomainError as err:
        if err.code == "card.unknown" and is_gtin(number):
            raise NotFound("product.unknown_barcode", code=number) from None
        raise


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
    full = _members_coupon(sale.member, code) or code
    return priced(ctx, sale, carts.add_coupon(sale.cart, full))


def remove_coupon(ctx: ServiceContext, sale: TillSale, code: str) -> TillSale:
    return priced(ctx, sale, carts.remove_coupon(sale.cart, code))


def _members_coupon(member: MemberView | None, text: str) -> str | None:
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
