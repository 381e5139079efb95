"""Sales on hold, kept in the store database: hold a cart, list what waits, recall one.

A held cart is stored whole (lines with the product as it was priced, member and card,
coupons, payments already taken, a manager's approval) so that recalling it after the
program was closed puts back exactly the sale the customer saw. Held sales belong to the
till, not to a cashier or a business day: a basket put aside yesterday evening can still be
recalled this morning. Nothing of a held sale goes to head office; it becomes a sale (and an
event) only when it is paid.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal
from typing import Any

from domain.catalog import Product, ProductClass
from domain.errors import DomainError, NotFound
from domain.pricework import CartLine, TicketDiscount
from domain.records import HeldSale, TenderKind
from domain.services import alliance as alliance_sales
from domain.services import checkout
from domain.services.cart import Cart, TenderRequest
from domain.services.context import ServiceContext, to_wire
from domain.services.guard import guard, pin_proof_ok
from domain.services.proofs import Approval, CardShown


def hold(ctx: ServiceContext, cart: Cart, staff_id: str) -> HeldSale:
    """Put the cart aside in one transaction; it is listed with its time and total."""
    if not cart.lines:
        raise DomainError("sale.empty")
    held = HeldSale(id=cart.id, held_at=ctx.now(), held_by=staff_id, total_fen=_total(ctx, cart),
                    items=sum(line.qty for line in cart.lines), member_id=cart.member_id,
                    cart=cart_to_data(cart))
    with guard(ctx, "held.hold", staff_id), ctx.uow() as uow:
        uow.held.remove(cart.id)  # held again after a recall: one row per cart
        uow.held.add(held)
        uow.commit()
    return held


def waiting(ctx: ServiceContext) -> list[HeldSale]:
    """Every sale on hold at this till, oldest first."""
    with ctx.reader() as uow:
        return uow.held.all()


def recall(ctx: ServiceContext, held_id: str, staff_id: str, shift_id: str | None) -> Cart:
    """Take a held sale back (removed in the same transaction); whoever recalls it rings it up."""
    with guard(ctx, "held.recall", staff_id), ctx.uow() as uow:
        held = uow.held.get(held_id)
        if held is None:
            raise NotFound("sale.nothing_held")
        uow.held.remove(held_id)
        uow.commit()
    cart = cart_from_data(held.cart)
    # A wallet payment's PIN proof lasts minutes and this run only: past that the member
    # types the PIN again, so the payment is taken off rather than left to refuse the sale.
    tenders = tuple(t for t in cart.tenders if t.kind is not TenderKind.WALLET or not t.pin_proof
                    or pin_proof_ok(ctx, t.pin_proof, cart.member_id or "", cart.id, 0))
    cart = dataclasses.replace(cart, cashier_id=staff_id, shift_id=shift_id, tenders=tenders)
    return _alliance_again(ctx, cart, held.cart.get("alliance"))


def _alliance_again(ctx: ServiceContext, cart: Cart, held: Any) -> Cart:
    """A held alliance member is recognised again from the roster as it is now (consent
    withdrawn or the agreement ended meanwhile: the sale comes back without them)."""
    number = held.get("card", {}).get("card_number") if isinstance(held, dict) else None
    if not isinstance(number, str):
        return cart
    try:
        return alliance_sales.attach(ctx, cart, number)
    except DomainError:
        return cart


def _total(ctx: ServiceContext, cart: Cart) -> int:
    """What the recall list shows: the priced total, or the list total if it cannot be priced
    now (a coupon that expired meanwhile is refused when the sale is recalled, not here)."""
    try:
        return checkout.quote(ctx, cart).due_fen
    except DomainError:
        return sum((line.unit_price_fen or line.product.price_fen) * line.qty
                   for line in cart.lines)


def cart_to_data(cart: Cart) -> dict[str, Any]:
    data: dict[str, Any] = to_wire(cart)
    return data


def cart_from_data(data: dict[str, Any]) -> Cart:
    """The inverse of `cart_to_data` (a JSON round trip gives the same cart back)."""
    return Cart(id=data["id"], cashier_id=data["cashier_id"],
                started_at=datetime.fromisoformat(data["started_at"]),
                shift_id=data.get("shift_id"),
                lines=tuple(_line(line) for line in data.get("lines", [])),
                member_id=data.get("member_id"), card_number=data.get("card_number"),
                coupon_codes=tuple(data.get("coupon_codes", [])),
                tenders=tuple(_tender(t) for t in data.get("tenders", [])),
                approval=_approval(data.get("approval")), shown=_shown(data.get("shown")),
                ticket=_ticket(data.get("ticket")))


def _line(data: dict[str, Any]) -> CartLine:
    return CartLine(line_no=data["line_no"], product=_product(data["product"]), qty=data["qty"],
                    unit_price_fen=data.get("unit_price_fen"),
                    manual_discount_fen=data.get("manual_discount_fen", 0),
                    manual_rate=_rate(data.get("manual_rate")))


def _rate(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _ticket(data: Any) -> TicketDiscount | None:
    if not isinstance(data, dict):
        return None
    return TicketDiscount(int(data.get("fen", 0)), _rate(data.get("rate")))


def _product(data: dict[str, Any]) -> Product:
    known = {f.name for f in dataclasses.fields(Product)}
    fields = {k: v for k, v in data.items() if k in known}
    fields["product_class"] = ProductClass(fields.get("product_class", "regular"))
    return Product(**fields)


def _shown(data: Any) -> CardShown | None:
    """The card shown for the held sale: it counts only while this run's proof book still
    knows it (after a restart the card is swiped again, or the member types the PIN)."""
    if not isinstance(data, dict):
        return None
    try:
        return CardShown(**{**data, "issued_at": datetime.fromisoformat(data["issued_at"])})
    except (KeyError, TypeError, ValueError):
        return None


def _approval(data: Any) -> Approval | None:
    """A manager's approval kept with the held sale; checkout accepts it only while the proof
    book of this run still knows it (after a restart the manager approves again)."""
    if not isinstance(data, dict):
        return None
    try:
        return Approval(**{**data, "issued_at": datetime.fromisoformat(data["issued_at"])})
    except (KeyError, TypeError, ValueError):
        return None


def _tender(data: dict[str, Any]) -> TenderRequest:
    known = {f.name for f in dataclasses.fields(TenderRequest)}
    fields = {k: v for k, v in data.items() if k in known}
    fields["kind"] = TenderKind(fields["kind"])
    return TenderRequest(**fields)
