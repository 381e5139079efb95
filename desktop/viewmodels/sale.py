"""The sale on screen: lines with their prices and reasons, the member, coupons and the total.

Every change goes through the cart services and is priced again at once; a change the
rules refuse is undone, so the cart on screen is always one the engine can price.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.member import MemberPanel, member_panel
from domain import card_data, dynamicqr
from domain import cards as card_rules
from domain import coupons as coupon_rules
from domain.catalog import Product, is_gtin
from domain.errors import DomainError, NotFound
from domain.pricing import CartLine
from domain.records import Staff
from domain.services import access, checkout
from domain.services import cart as carts
from domain.services.cart import Cart
from domain.services.members import (
    MemberView,
    find_by_code,
    find_by_scan,
    find_by_swipe,
    member_view,
    register,
)
from domain.services.proofs import Approval

# A receipt number as printed under its barcode: S001-T01-000123.
RECEIPT_NO = re.compile(r"^[A-Z0-9]{1,12}-[A-Z0-9]{1,12}-\d{6,}$")
MOBILE = re.compile(r"^\+?[\d\s-]{11,16}$")


class Routed(StrEnum):
    """What a scanned or typed code turned out to be."""

    ITEM = "item"
    MEMBER = "member"
    COUPON = "coupon"
    RECEIPT = "receipt"  # a receipt's barcode: the screen opens the return
    CHOICES = "choices"  # several products match: the screen lets the cashier pick


@dataclass(frozen=True, slots=True)
class Route:
    kind: Routed
    products: tuple[Product, ...] = ()
    text: str = ""


@dataclass(frozen=True, slots=True)
class LineView:
    line_no: int
    sku: str
    name: str
    qty: int
    unit_fen: int
    list_fen: int
    final_fen: int
    reasons: tuple[dict[str, Any], ...]

    @property
    def discount_fen(self) -> int:
        return self.list_fen - self.final_fen


@dataclass(frozen=True, slots=True)
class SaleView:
    lines: tuple[LineView, ...] = ()
    list_fen: int = 0
    total_fen: int = 0
    paid_fen: int = 0
    remaining_fen: int = 0
    points: int | None = None  # what the sale earns with a member attached
    points_reasons: tuple[dict[str, Any], ...] = ()
    applied: tuple[dict[str, Any], ...] = ()
    coupons: tuple[str, ...] = ()
    member: MemberPanel | None = None
    approved_by: str | None = None
    tender_count: int = 0
    current: int | None = None  # the line F2, F3 and F9 act on: the one just scanned or changed

    @property
    def discount_fen(self) -> int:
        return self.list_fen - self.total_fen


@dataclass
class SaleViewModel:
    """One sale in progress at the till (plain data in a Cart until payment commits it)."""

    env: TillEnv
    cart: Cart
    staff: Staff
    quote: checkout.Quote | None = None
    member: MemberView | None = None
    listeners: list[Callable[[], None]] = field(default_factory=list)
    current: int | None = None  # line_no of the line just scanned or changed (or chosen)
    _scanned: bool = False  # the code being routed came from the scanner, not the keys

    @classmethod
    def start(cls, env: TillEnv, staff: Staff, shift_id: str | None) -> SaleViewModel:
        return cls(env, carts.start_sale(env.ctx, staff.id, shift_id), staff)

    @classmethod
    def resume(cls, env: TillEnv, staff: Staff, cart: Cart) -> SaleViewModel:
        """A held sale recalled: its member is looked up again (balances may have moved)."""
        model = cls(env, cart, staff)
        if cart.member_id:
            model.member = member_view(env.ctx, cart.member_id)
        model.refresh()
        return model

    # --- reading ---------------------------------------------------------------------------

    @property
    def is_empty(self) -> bool:
        return not self.cart.lines

    def view(self) -> SaleView:
        q = self.quote
        if q is None:
            return SaleView(member=self._panel())
        lines = tuple(LineView(ln.line_no, ln.sku, ln.name, ln.qty, ln.unit_price_fen,
                               ln.list_fen, ln.final_fen, ln.reasons) for ln in q.priced.lines)
        paid = sum(t.amount_fen for t in q.settlement.tenders)
        return SaleView(
            lines=lines, list_fen=sum(ln.list_fen for ln in lines), total_fen=q.due_fen,
            paid_fen=paid, remaining_fen=q.settlement.remaining_fen,
            points=q.earning.points if q.earning else None,
            points_reasons=q.earning.reasons if q.earning else (), applied=q.priced.applied,
            coupons=tuple(self.cart.coupon_codes), member=self._panel(),
            approved_by=self.cart.approval.approver_id if self.cart.approval else None,
            tender_count=len(self.cart.tenders), current=self.current_line())

    def current_line(self) -> int | None:
        """The line the F-keys act on: the one just scanned or changed, else the last."""
        numbers = [line.line_no for line in self.cart.lines]
        if self.current in numbers:
            return self.current
        return numbers[-1] if numbers else None

    def choose(self, line_no: int | None) -> None:
        """The cashier moved to another line (↑ ↓ or a touch)."""
        self.current = line_no

    def line_name(self, line_no: int) -> str:
        return next((ln.product.name for ln in self.cart.lines if ln.line_no == line_no), "")

    def _panel(self) -> MemberPanel | None:
        if self.member is None:
            return None
        return member_panel(self.member, self.cart.shown is not None,
                            typed=self.cart.shown is None and self.cart.card_number is not None)

    def search(self, text: str, limit: int = 12) -> list[Product]:
        """Products by SKU, barcode or pinyin-initial prefix, or by part of the name."""
        if not text.strip():
            return []
        with self.env.ctx.reader() as uow:
            return uow.products.search(text, limit)

    def needs_approval(self) -> bool:
        """Manual discounts beyond the cashier's limit (or a changed price) that no manager
        has approved as they are now; a manager ringing the sale needs nobody."""
        if self.quote is None:
            return False
        return checkout.approval_needed(self.env.ctx, self.cart, self.quote)

    def override_subject(self) -> str:
        """The figures a manager's approval of this sale is for (checkout checks them)."""
        return checkout.override_subject(self.cart)

    # --- changing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Price the cart again (and tell the screen)."""
        self.quote = checkout.quote(self.env.ctx, self.cart) if self.cart.lines else None
        for listener in self.listeners:
            listener()

    def apply(self, change: Callable[[], object]) -> None:
        """Apply a change; if the cart can no longer be priced, put it back as it was."""
        before = replace(self.cart, lines=list(self.cart.lines),
                         coupon_codes=list(self.cart.coupon_codes),
                         tenders=list(self.cart.tenders))
        ticket = self.cart.ticket
        member = self.member
        try:
            change()
            self.refresh()
        except DomainError:
            self.cart.lines, self.cart.coupon_codes = before.lines, before.coupon_codes
            self.cart.tenders, self.cart.member_id = before.tenders, before.member_id
            self.cart.card_number, self.member = before.card_number, member
            self.cart.shown = before.shown
            self.cart.approval, self.cart.ticket = before.approval, ticket
            self.refresh()
            raise

    def add_item(self, code: str, qty: int = 1, price_fen: int | None = None) -> None:
        """Add a product; the same product scanned again adds to the last line's quantity."""
        if price_fen is None and self._again(code, qty):
            return
        self.apply(lambda: self._added(carts.add_item(self.env.ctx, self.cart, code, qty,
                                                      price_fen)))

    def _again(self, code: str, qty: int) -> bool:
        last = self.cart.lines[-1] if self.cart.lines else None
        if (last is None or last.unit_price_fen is not None or last.manual_discount_fen
                or code not in _codes(last.product)):
            return False
        self.set_qty(last.line_no, last.qty + qty)
        return True

    def _added(self, line: CartLine) -> None:
        self.current = line.line_no

    def add_product(self, product: Product, qty: int = 1) -> None:
        """A product just read (a scan, a search result): added without reading it again."""
        if not self._again(product.sku, qty):
            self.apply(lambda: self._added(carts.add_product(self.cart, product, qty)))

    def add_weighed(self, plu: str, price_fen: int | None, weight_g: int | None) -> None:
        """A scale label: the label's price, or the product's price per kg times the weight;
        only a weighed product may be sold by a label (domain/services/cart.py)."""
        self.apply(lambda: self._added(carts.add_label(self.env.ctx, self.cart, plu, price_fen,
                                                       weight_g)))

    def set_qty(self, line_no: int, qty: int) -> None:
        self.apply(lambda: carts.set_qty(self.cart, line_no, qty))
        self.current = line_no

    def void_line(self, line_no: int) -> None:
        """Remove a line; the one after it (or the new last line) becomes the chosen one."""
        numbers = [line.line_no for line in self.cart.lines]
        after = [n for n in numbers if n > line_no]
        self.apply(lambda: carts.remove_line(self.cart, line_no))
        self.current = after[0] if after else None

    def set_discount(self, line_no: int, discount_fen: int,
                     rate: Decimal | None = None) -> None:
        """A manual line discount in fen or as a rate (0.9 = 9折); beyond the limit it stands
        only once a manager approves."""
        def change() -> None:
            carts.set_line_discount(self.cart, line_no, discount_fen, rate)
            self.cart.approval = None  # an earlier approval was for other figures
        self.apply(change)
        self.current = line_no

    def set_ticket_discount(self, discount_fen: int, rate: Decimal | None = None) -> None:
        """A discount on the whole sale (整单折扣); the same limit and approval as a line's."""
        def change() -> None:
            carts.set_ticket_discount(self.cart, discount_fen, rate)
            self.cart.approval = None
        self.apply(change)
    def approve(self, approval: Approval | None) -> None:
        """A manager's approval of the figures as they are (None: a manager rings the sale)."""
        self.cart.approval = approval

    def add_coupon(self, code: str) -> None:
        """A coupon by its code, or by the last characters of one of the member's own coupons
        (as the member panel shows them: `AB12`)."""
        full = self._members_coupon(code) or code
        self.apply(lambda: carts.add_coupon(self.cart, full))

    def _members_coupon(self, text: str) -> str | None:
        tail = coupon_rules.normalize_code(text)
        if self.member is None or not 4 <= len(tail) < coupon_rules.CODE_LENGTH:
            return None
        found = [c.code for c in self.member.coupons if c.code.endswith(tail)]
        return found[0] if len(found) == 1 else None

    def remove_coupon(self, code: str) -> None:
        def change() -> None:
            self.cart.coupon_codes = [c for c in self.cart.coupon_codes if c != code]
        self.apply(change)

    # --- members -----------------------------------------------------------------------------

    def attach_code(self, code: str, scanned: bool = False) -> MemberView:
        """A member card number, member QR (static or dynamic) or mobile number; `scanned`
        when the scanner read it off the card (the card is shown), not typed by hand."""
        ctx = self.env.ctx
        if dynamicqr.is_dynamic(code):
            token = dynamicqr.read_payload(code, ctx.now(), ctx.card_secret,
                                           ctx.pack.cards.dynamic_qr_ttl_s)
            self.env.seen_qr.admit(token)
            return self._attach(find_by_code(ctx, code), card=True)
        view = find_by_scan(ctx, code) if scanned else find_by_code(ctx, code)
        mobile = not code.strip().isdigit() or len(code.strip()) != card_rules.NUMBER_LENGTH
        return self._attach(view, card=not mobile)

    def attach_swipe(self, track1: str | None, track2: str | None) -> MemberView:
        return self._attach(find_by_swipe(self.env.ctx, track1, track2), card=True)

    def _attach(self, view: MemberView, card: bool) -> MemberView:
        """`card`: found by the card (shown, or its number typed), not by the mobile."""
        if view.card is not None:
            card_rules.check_staff_use(view.card, view.member, self.staff.id)

        def change() -> None:
            self.member = view
            self.cart.member_id = view.member.id
            self.cart.card_number = view.card.number if card and view.card else None
            self.cart.shown = view.shown
        self.apply(change)
        return view

    def may_sign_up(self) -> bool:
        """Whether whoever rings the sale may sign a customer up here (the access table's
        rule for members.register: the front desk, or cashiers in a one-person store)."""
        gate = access.gate("members.register")
        with self.env.ctx.reader() as uow:
            on = bool(getattr(uow.settings.get(), gate.setting, False))
        return self.staff.role in gate.roles or (on and self.staff.role in gate.setting_roles)

    def sign_up(self, raw: dict[str, object]) -> MemberView:
        """Register the customer (the service checks the role) and put them on the sale."""
        done = register(self.env.ctx, raw, self.staff.id)
        return self._attach(member_view(self.env.ctx, done.member.id), card=False)

    def detach_member(self) -> None:
        def change() -> None:
            self.member, self.cart.member_id, self.cart.card_number = None, None, None
            self.cart.shown = None
        self.apply(change)

    # --- codes: scanned or typed -------------------------------------------------------------

    def enter(self, text: str, scanned: bool = False) -> Route:
        """A code scanned as text, or typed and Enter pressed: find out what it is and act."""
        self._scanned = scanned
        code = text.strip()
        if not code:
            raise NotFound("product.unknown", code="")
        if RECEIPT_NO.match(code.upper()) and not card_data.holds_card_number(code):
            return Route(Routed.RECEIPT, text=code.upper())
        if dynamicqr.is_dynamic(code):
            self.attach_code(code)
            return Route(Routed.MEMBER)
        product = self._product(code)
        if product is not None:
            self.add_product(product)
            return Route(Routed.ITEM)
        return self._not_a_product(code)

    def enter_gtin(self, code: str) -> Route:
        """A GTIN: a product's barcode, or one of our card numbers that happens to be one."""
        self._scanned = True
        product = self._product(code)
        if product is not None:
            self.add_product(product)
            return Route(Routed.ITEM)
        return self._not_a_product(code)

    def _not_a_product(self, code: str) -> Route:
        compact = code.replace(" ", "").replace("-", "")
        if len(compact) == card_rules.NUMBER_LENGTH and card_rules.luhn_valid(compact):
            return self._card_or_barcode(compact)
        if is_gtin(compact):  # a product barcode we do not sell, not a mistyped card number
            raise NotFound("product.unknown_barcode", code=compact)
        bare = card_rules.bare_swipe(code)
        if bare is not None:  # a stripe reader set up without sentinels: a swipe, not a scan
            self.attach_swipe(*bare)
            return Route(Routed.MEMBER)
        if card_data.holds_card_number(code):
            # A bank card's number (typed, or sent by a reader as a scan): looked up nowhere,
            # and the refusal carries none of it.
            raise DomainError("card.bank_card")
        if coupon_rules.valid_code(code) or self._members_coupon(code):
            self.add_coupon(code)  # a code, or the last four of one the member panel shows
            return Route(Routed.COUPON)
        if MOBILE.match(code):
            self.attach_code(code, scanned=self._scanned)
            return Route(Routed.MEMBER)
        found = self.search(code)
        if len(found) == 1:
            self.add_product(found[0])
            return Route(Routed.ITEM)
        if found:
            return Route(Routed.CHOICES, tuple(found))
        raise NotFound("product.unknown", code=code)

    def _card_or_barcode(self, number: str) -> Route:
        """Thirteen digits with a good Luhn digit: our card, or else (when its GS1 check
        digit is right too) the barcode of a product this store does not have."""
        try:
            self.attach_code(number, scanned=self._scanned)
        except DomainError as err:
            if err.code == "card.unknown" and is_gtin(number):
                raise NotFound("product.unknown_barcode", code=number) from None
            raise
        return Route(Routed.MEMBER)

    def _product(self, code: str) -> Product | None:
        if not code:
            return None
        with self.env.ctx.reader() as uow:
            product = uow.products.get(code) or uow.products.by_barcode(code)
            if product is None and code.upper() != code:
                product = uow.products.get(code.upper())
        return product if product is not None and product.active else None


def _codes(product: Product) -> tuple[str, ...]:
    return (product.sku, product.barcode) if product.barcode else (product.sku,)
