"""The sale on screen: lines with their prices and reasons, the member, coupons and the total.

The view-model holds the sale (`till.TillSale`) and the line the keys act on; every action is
one call to `domain/services/till.py` (or `till_codes.py` for a code scanned or typed), which
decides what a code is and what the rules allow and returns the sale priced again. A refused
action leaves the sale as it was (the old one is kept), so the cart on screen is always one the
engine can price.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop.viewmodels.env import TillEnv
from desktop.viewmodels.member import AlliancePanel, MemberPanel, alliance_panel, member_panel
from domain.catalog import Product
from domain.records import Staff
from domain.services import cart as carts
from domain.services import checkout, guard, overrides, till, till_codes
from domain.services.cart import Cart
from domain.services.members import MemberView
from domain.services.proofs import Approval
from domain.services.till import TillSale
from domain.services.till_codes import Route, Routed

__all__ = ["LineView", "Route", "Routed", "SaleView", "SaleViewModel"]


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
    alliance: AlliancePanel | None = None  # another merchant's member, under an agreement
    approved_by: str | None = None
    tender_count: int = 0
    current: int | None = None  # the line F2, F3 and F9 act on: the one just scanned or changed

    @property
    def discount_fen(self) -> int:
        return self.list_fen - self.total_fen


@dataclass
class SaleViewModel:
    """One sale in progress at the till: the sale as the services last returned it."""

    env: TillEnv
    state: TillSale
    staff: Staff
    listeners: list[Callable[[], None]] = field(default_factory=list)
    current: int | None = None  # line_no of the line just scanned or changed (or chosen)

    @classmethod
    def start(cls, env: TillEnv, staff: Staff, shift_id: str | None) -> SaleViewModel:
        return cls(env, TillSale(carts.start_sale(env.ctx, staff.id, shift_id)), staff)

    @classmethod
    def resume(cls, env: TillEnv, staff: Staff, cart: Cart) -> SaleViewModel:
        """A held sale recalled: its member is looked up again (balances may have moved)."""
        model = cls(env, till.resume(env.ctx, cart), staff)
        model.refresh()
        return model

    # --- reading ---------------------------------------------------------------------------

    @property
    def cart(self) -> Cart:
        return self.state.cart

    @property
    def member(self) -> MemberView | None:
        return self.state.member

    @property
    def quote(self) -> checkout.Quote | None:
        return self.state.quote

    @property
    def is_empty(self) -> bool:
        return not self.cart.lines

    def view(self) -> SaleView:
        q = self.quote
        if q is None:
            return SaleView(member=self._panel(), alliance=self._alliance())
        lines = tuple(LineView(ln.line_no, ln.sku, ln.name, ln.qty, ln.unit_price_fen,
                               ln.list_fen, ln.final_fen, ln.reasons) for ln in q.priced.lines)
        paid = sum(t.amount_fen for t in q.settlement.tenders)
        return SaleView(
            lines=lines, list_fen=sum(ln.list_fen for ln in lines), total_fen=q.due_fen,
            paid_fen=paid, remaining_fen=q.settlement.remaining_fen,
            points=q.earning.points if q.earning else None,
            points_reasons=q.earning.reasons if q.earning else (), applied=q.priced.applied,
            coupons=tuple(self.cart.coupon_codes), member=self._panel(),
            alliance=self._alliance(),
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

    def _alliance(self) -> AlliancePanel | None:
        return alliance_panel(self.cart.alliance) if self.cart.alliance else None

    def _panel(self) -> MemberPanel | None:
        if self.member is None:
            return None
        return member_panel(self.member, self.cart.shown is not None,
                            typed=self.cart.shown is None and self.cart.card_number is not None)

    def search(self, text: str, limit: int = 12) -> list[Product]:
        """Products by SKU, barcode or pinyin-initial prefix, or by part of the name."""
        return till.search(self.env.ctx, text, limit)

    def needs_approval(self) -> bool:
        """Manual discounts beyond the cashier's limit (or a changed price) that no manager
        has approved as they are now; a manager ringing the sale needs nobody."""
        if self.quote is None:
            return False
        return checkout.approval_needed(self.env.ctx, self.cart, self.quote)

    def override_subject(self) -> str:
        """The figures a manager's approval of this sale is for (checkout checks them)."""
        return overrides.override_subject(self.cart)

    # --- changing ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Tell the screen the sale changed."""
        for listener in self.listeners:
            listener()

    def use(self, state: TillSale) -> None:
        """The sale a service returned becomes the one on screen."""
        self.state = state
        if state.line_no is not None or not state.cart.lines:
            self.current = state.line_no
        self.refresh()

    def reprice(self) -> None:
        """Price the sale again (prices, balances or the clock may have moved)."""
        self.use(till.priced(self.env.ctx, self.state))

    def add_item(self, code: str, qty: int = 1) -> None:
        """Add a product; the same product scanned again adds to the last line's quantity."""
        self.use(till.add_code(self.env.ctx, self.state, code, qty))

    def add_product(self, product: Product, qty: int = 1) -> None:
        """A product just read (a scan, a search result): added without reading it again."""
        self.use(till.add_product(self.env.ctx, self.state, product, qty))

    def add_weighed(self, plu: str, price_fen: int | None, weight_g: int | None) -> None:
        """A scale label: the label's price, or the product's price per kg times the weight."""
        self.use(till.add_label(self.env.ctx, self.state, plu, price_fen, weight_g))

    def set_qty(self, line_no: int, qty: int) -> None:
        self.use(till.set_qty(self.env.ctx, self.state, line_no, qty))

    def void_line(self, line_no: int) -> None:
        """Remove a line; the one after it (or the new last line) becomes the chosen one."""
        self.use(till.void_line(self.env.ctx, self.state, line_no))
        self.current = self.state.line_no

    def set_discount(self, line_no: int, discount_fen: int,
                     rate: Decimal | None = None) -> None:
        """A manual line discount in fen or as a rate (0.9 = 9折); beyond the limit it stands
        only once a manager approves."""
        self.use(till.set_discount(self.env.ctx, self.state, line_no, discount_fen, rate))

    def set_ticket_discount(self, discount_fen: int, rate: Decimal | None = None) -> None:
        """A discount on the whole sale (整单折扣); the same limit and approval as a line's."""
        self.use(till.set_ticket_discount(self.env.ctx, self.state, discount_fen, rate))

    def approve(self, approval: Approval | None) -> None:
        """A manager's approval of the figures as they are (None: a manager rings the sale)."""
        self.use(till.approve(self.env.ctx, self.state, approval))

    def add_coupon(self, code: str) -> None:
        """A coupon by its code, or by the last characters of one of the member's own."""
        self.use(till.add_coupon(self.env.ctx, self.state, code))

    def remove_coupon(self, code: str) -> None:
        self.use(till.remove_coupon(self.env.ctx, self.state, code))

    # --- members -----------------------------------------------------------------------------

    def attach_code(self, code: str, scanned: bool = False) -> MemberView | None:
        """A member card number, member QR (static or dynamic) or mobile number; `scanned`
        when the scanner read it off the card (the card is shown), not typed by hand. None:
        another merchant's card, honoured under an alliance agreement (`cart.alliance`)."""
        self.use(till.attach_code(self.env.ctx, self.state, code, scanned=scanned,
                                  seen=self.env.seen_qr))
        return self.member

    def attach_swipe(self, track1: str | None, track2: str | None) -> MemberView | None:
        self.use(till.attach_swipe(self.env.ctx, self.state, track1, track2))
        return self.member

    def may_sign_up(self) -> bool:
        """Whether whoever rings the sale may sign a customer up here (the access table's
        rule for members.register: the front desk, or cashiers in a one-person store)."""
        return guard.may(self.env.ctx, "members.register", self.staff)

    def sign_up(self, raw: dict[str, object]) -> MemberView:
        """Register the customer (the service checks the role) and put them on the sale."""
        self.use(till.sign_up(self.env.ctx, self.state, raw))
        assert self.member is not None
        return self.member

    def detach_member(self) -> None:
        self.use(till.detach_member(self.env.ctx, self.state))

    # --- codes: scanned or typed -------------------------------------------------------------

    def enter(self, text: str, scanned: bool = False) -> Route:
        """A code scanned as text, or typed and Enter pressed: the till finds out what it is
        and acts on it; the screen follows the route."""
        route = till_codes.scan(self.env.ctx, self.state, text, scanned=scanned,
                                seen=self.env.seen_qr)
        self.use(route.sale)
        return route

    def enter_gtin(self, code: str) -> Route:
        """A GTIN: a product's barcode, or one of our card numbers that happens to be one."""
        route = till_codes.scan_gtin(self.env.ctx, self.state, code, seen=self.env.seen_qr)
        self.use(route.sale)
        return route
