"""What of a sale only a manager may allow, the figures they approve, and its audit entries."""

from __future__ import annotations

from dataclasses import dataclass

from domain import pricing
from domain.ports import UnitOfWork
from domain.pricework import CartLine
from domain.records import Sale
from domain.services.cart import Cart
from domain.services.context import ServiceContext, audit


@dataclass(frozen=True, slots=True)
class Overrides:
    """What of a cart only a manager may allow: manual discounts beyond the cashier's limit,
    and prices on lines that are not a weighed product's label price."""

    discount_fen: int  # the manual discounts, when they are beyond the limit
    repriced: tuple[tuple[CartLine, int], ...]  # (line, the catalogue's price)

    @property
    def any(self) -> bool:
        return bool(self.discount_fen or self.repriced)

    @property
    def reason(self) -> str:
        return "price_override" if self.repriced else "manual_discount"


def override_subject(cart: Cart) -> str:
    """The figures a manager approves: each line's product, quantity, manual discount and
    price where it has one of them (a later change to any of them needs a new approval)."""
    lines = ";".join(f"{ln.line_no}:{ln.product.sku}x{ln.qty}-{ln.manual_discount_fen}"
                     f"{'' if ln.manual_rate is None else f'r{ln.manual_rate}'}"
                     f"@{'' if ln.unit_price_fen is None else ln.unit_price_fen}"
                     for ln in cart.lines if ln.manual_discount_fen or ln.manual_rate is not None
                     or ln.unit_price_fen is not None)
    if cart.ticket is None:
        return lines
    # The whole-sale discount is over every line: their quantities are part of the figures.
    every = ",".join(f"{ln.product.sku}x{ln.qty}" for ln in cart.lines)
    return f"{lines};T-{cart.ticket.fen}r{cart.ticket.rate or ''}[{every}]"


def find_overrides(ctx: ServiceContext, uow: UnitOfWork, cart: Cart,
                   priced: pricing.PricedSale) -> Overrides:
    """What of `cart`, priced as `priced`, needs a manager."""
    manual = 0 if pricing.manual_discount_allowed(priced, ctx.pack) else sum(
        ln.manual_fen for ln in priced.lines)
    repriced = []
    for line in cart.lines:
        if line.unit_price_fen is None:
            continue
        # The store's own record decides, not the copy on the cart (a cart is plain data).
        stored = uow.products.get(line.product.sku)
        if stored is None or not stored.is_weighed:
            repriced.append((line, stored.price_fen if stored else line.product.price_fen))
    return Overrides(manual, tuple(repriced))


def audit_overrides(ctx: ServiceContext, uow: UnitOfWork, sale: Sale, found: Overrides) -> None:
    """One audit entry for the discount a manager allowed, one per line whose price they did."""
    if found.discount_fen:
        audit(ctx, uow, "override_discount", sale.cashier_id, target=sale.receipt_no,
              approved_by=sale.approved_by, discount_fen=found.discount_fen)
    for line, list_fen in found.repriced:
        audit(ctx, uow, "override_price", sale.cashier_id, target=sale.receipt_no,
              approved_by=sale.approved_by, sku=line.product.sku, line_no=line.line_no,
              list_price_fen=list_fen, price_fen=line.unit_price_fen)
