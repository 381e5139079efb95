"""What a code scanned or typed at the till is, and the cashier's verb it is routed to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from domain import card_data, dynamicqr
from domain import cards as card_rules
from domain import coupons as coupon_rules
from domain.catalog import Product, is_gtin
from domain.errors import DomainError, NotFound
from domain.services import cart as carts
from domain.services import till
from domain.services.context import ServiceContext
from domain.services.members import MemberView
from domain.services.till import TillSale

# A receipt number as printed under its barcode: S001-T01-000123.
RECEIPT_NO = re.compile(r"^[A-Z0-9]{1,12}-[A-Z0-9]{1,12}-\d{6,}$")
MOBILE = re.compile(r"^\+?[\d\s-]{11,16}$")


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
class Route:
    kind: Routed
    sale: TillSale
    products: tuple[Product, ...] = ()
    text: str = ""


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
    if coupon_rules.valid_code(code) or till.members_coupon(member, code):
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
        return Route(Routed.ITEM, till.add_code(ctx, sale, code))
    if kind is CodeKind.COUPON:
        return Route(Routed.COUPON, till.add_coupon(ctx, sale, code))
    if kind is CodeKind.SEARCH:
        return _search(ctx, sale, code)
    if kind is CodeKind.STRIPE:
        bare = card_rules.bare_swipe(code)
        assert bare is not None
        return Route(Routed.MEMBER, till.attach_swipe(ctx, sale, *bare))
    if kind is CodeKind.CARD:
        return Route(Routed.MEMBER, _card_or_barcode(ctx, sale, code, scanned))
    return Route(Routed.MEMBER, till.attach_code(ctx, sale, code, scanned=scanned, seen=seen))


def scan_gtin(ctx: ServiceContext, sale: TillSale, code: str,
              seen: dynamicqr.SeenNonces | None = None) -> Route:
    """A GTIN the scanner read: a product's barcode, or one of our card numbers."""
    return scan(ctx, sale, code, scanned=True, seen=seen)


def _search(ctx: ServiceContext, sale: TillSale, words: str) -> Route:
    found = till.search(ctx, words)
    if len(found) == 1:
        return Route(Routed.ITEM, till.add_product(ctx, sale, found[0]))
    if found:
        return Route(Routed.CHOICES, sale, tuple(found))
    raise NotFound("product.unknown", code=words)


def _card_or_barcode(ctx: ServiceContext, sale: TillSale, code: str, scanned: bool) -> TillSale:
    """Thirteen digits with a good Luhn digit: our card, or else (when its GS1 check digit is
    right too) the barcode of a product this store does not have."""
    number = code.replace(" ", "").replace("-", "")
    try:
        return till.attach_code(ctx, sale, number, scanned=scanned)
    except DomainError as err:
        if err.code == "card.unknown" and is_gtin(number):
            raise NotFound("product.unknown_barcode", code=number) from None
        raise
