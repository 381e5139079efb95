"""What a return without a receipt may refund (DOMAIN §6): never more than was paid.

Each item is refunded at most the lowest price a unit of it cost in a sale of the last
`[returns] no_receipt_window_days` (90) days — the member's own sales, or anyone's for a
walk-in — and never today's list price by default. With no such sale the manager types the
amount (at most today's price). The manager approves the figures themselves: the approval's
subject names each item, its quantity and every typed amount, so a changed figure needs a new
approval.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from domain import card_data
from domain.catalog import Product
from domain.errors import DomainError, NotFound, ValidationError
from domain.ports import UnitOfWork
from domain.records import SaleLine
from domain.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class Offer:
    """One item brought back: what a unit may be refunded and why."""

    product: Product
    qty: int
    paid_unit_fen: int | None  # the lowest a unit cost in the window; None: no such sale
    paid_receipt: str  # the sale it cost that in ("" when none)
    typed_unit_fen: int | None  # what the manager typed per unit, if anything

    @property
    def unit_fen(self) -> int | None:
        """The refund per unit: the typed amount when there is one, else the lowest paid."""
        return self.typed_unit_fen if self.typed_unit_fen is not None else self.paid_unit_fen

    @property
    def basis(self) -> str:
        return "typed" if self.typed_unit_fen is not None else "paid"


def subject(items: Sequence[tuple[str, int]], member_id: str | None,
            typed: Mapping[str, int]) -> str:
    """The figures a manager approves: the member, each item and quantity, each typed amount."""
    goods = ";".join(f"{sku.strip()}x{qty}" for sku, qty in items)
    amounts = ";".join(f"{sku.strip()}@{fen}" for sku, fen in sorted(typed.items()))
    return f"{member_id or '-'}|{goods}|{amounts}"


def offers(ctx: ServiceContext, uow: UnitOfWork, items: Sequence[tuple[str, int]],
           member_id: str | None, typed: Mapping[str, int]) -> list[Offer]:
    """Each item with the lowest price paid for it in the window and any typed amount.

    Raises:
        NotFound: product.unknown. ValidationError: sale.qty_invalid, return.amount_invalid
            (a typed amount below 1 fen or above today's price), return.above_paid (a typed
            amount above the lowest price paid).
    """
    today = ctx.today()
    since = today - timedelta(days=ctx.pack.returns.no_receipt_window_days)
    wanted = {sku.strip(): fen for sku, fen in typed.items()}
    found = []
    for code, qty in items:
        product = uow.products.get(code.strip()) or uow.products.by_barcode(code.strip())
        if product is None:
            raise NotFound("product.unknown", code=card_data.mask(code))
        if qty <= 0:
            raise ValidationError("sale.qty_invalid", field="qty", qty=qty)
        paid = uow.sales.lowest_unit_price(product.sku, since, today, member_id)
        typed_fen = wanted.get(code.strip(), wanted.get(product.sku))
        offer = Offer(product, qty, paid[0] if paid else None, paid[1] if paid else "",
                      typed_fen)
        _check_typed(offer)
        found.append(offer)
    return found


def _check_typed(offer: Offer) -> None:
    fen = offer.typed_unit_fen
    if fen is None:
        return
    if fen < 1 or fen > offer.product.price_fen:
        raise ValidationError("return.amount_invalid", field="amount_fen", sku=offer.product.sku,
                              amount_fen=fen, price_fen=offer.product.price_fen)
    if offer.paid_unit_fen is not None and fen > offer.paid_unit_fen:
        raise ValidationError("return.above_paid", field="amount_fen", sku=offer.product.sku,
                              amount_fen=fen, paid_fen=offer.paid_unit_fen,
                              receipt=offer.paid_receipt)


def return_lines(found: Sequence[Offer]) -> list[SaleLine]:
    """The return's lines (negative quantities and amounts) at the offered refund.

    Raises:
        DomainError: return.amount_required for an item no sale in the window priced and
            for which no amount was typed.
    """
    lines = []
    for no, offer in enumerate(found, start=1):
        unit = offer.unit_fen
        if unit is None:
            raise DomainError("return.amount_required", sku=offer.product.sku,
                              name=offer.product.name)
        amount = unit * offer.qty
        p = offer.product
        lines.append(SaleLine(line_no=no, sku=p.sku, name=p.name,
                              product_class=p.product_class.value, category=p.category,
                              qty=-offer.qty, unit_price_fen=unit, list_fen=-amount,
                              discount_fen=0, coupon_fen=0, final_fen=-amount,
                              paid_fen=-amount))
    return lines


def audit_lines(found: Sequence[Offer]) -> list[dict[str, object]]:
    """What the audit entry records of each item: the refund per unit and where it came from."""
    return [{"sku": o.product.sku, "qty": o.qty, "unit_fen": o.unit_fen, "basis": o.basis,
             "paid_unit_fen": o.paid_unit_fen, "paid_receipt": o.paid_receipt,
             "list_unit_fen": o.product.price_fen} for o in found]
