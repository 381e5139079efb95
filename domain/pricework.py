"""What pricing works on: cart lines, the shopper, a whole-sale discount, each line's work."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from domain.catalog import Product, ProductClass
from domain.rulepack import Rounding


@dataclass(frozen=True, slots=True)
class CartLine:
    line_no: int
    product: Product
    qty: int
    unit_price_fen: int | None = None  # weighed item / override; None = product's price
    manual_discount_fen: int = 0  # cashier discount on this line (limit checked elsewhere)
    manual_rate: Decimal | None = None  # or the cashier's 折 on it (0.9 = 9折): wins over fen


@dataclass(frozen=True, slots=True)
class TicketDiscount:
    """The cashier's discount on the whole sale (整单折扣): `fen` off, or pay `rate` of it;
    spread over the lines that take discounts, after their own manual discounts."""

    fen: int = 0
    rate: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Shopper:
    tier: str
    birthday: bool  # birthday benefit applies today (caller uses points.is_birthday)
    card_presented: bool  # new-arrival class needs a card
    deposit_rate: Decimal | None = None  # wallet deposit discount in force (§8)
    # An alliance partner's member (docs/alliance.md): the agreement's rate per product class
    # instead of the tier's; `tier` is then the issuer's tier, shown, not looked up here.
    class_rates: Mapping[ProductClass, Decimal] | None = None


@dataclass(slots=True)
class Work:
    """A line while it is being priced; `amount` is what it costs so far."""

    cart: CartLine
    unit: int
    list_fen: int
    campaign: int = 0
    member: int = 0
    manual: int = 0
    coupon: int = 0
    rounding: int = 0
    campaign_stacks: bool = False  # the campaign on this line is 折上折
    reasons: list[dict[str, Any]] = field(default_factory=list)

    @property
    def amount(self) -> int:
        return (self.list_fen - self.campaign - self.member - self.manual - self.coupon
                - self.rounding)

    @property
    def klass(self) -> ProductClass:
        return self.cart.product.product_class


def reason(code: str, **params: Any) -> dict[str, Any]:
    """Why an amount changed, as the receipt and the screen explain it: a code and its figures."""
    return {"code": code, "params": params}


@dataclass(slots=True)
class Run:
    """One way of pricing the cart (with or without the other discounts)."""

    work: list[Work]
    mode: Rounding
    coupons: list[str] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    rounding: int = 0

    @property
    def total(self) -> int:
        return sum(w.amount for w in self.work)
