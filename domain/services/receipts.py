"""A receipt brought back to the till: its lines with what is left to return, a choice checked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from domain import card_data
from domain.catalog import Product
from domain.errors import NotFound, ValidationError
from domain.records import Sale
from domain.services import cart as carts
from domain.services.context import ServiceContext
from domain.services.returns import find_sale


@dataclass(frozen=True, slots=True)
class ReturnLine:
    line_no: int
    sku: str
    name: str
    sold: int
    left: int  # not returned yet
    final_fen: int  # what the line cost on the receipt
    left_fen: int  # what of it has not been refunded yet


@dataclass(frozen=True, slots=True)
class OpenReceipt:
    sale: Sale
    lines: tuple[ReturnLine, ...]


def open_receipt(ctx: ServiceContext, receipt: str) -> OpenReceipt:
    """A paid sale by the receipt number on (or under the barcode of) its receipt, in any
    case, or by id, with what each line has left after earlier returns. Writes nothing.

    Raises:
        NotFound: sale.unknown (also for a return record: it is not a sale to return).
    """
    with ctx.reader() as uow:
        sale = find_sale(uow, receipt)
        earlier = uow.sales.returns_of(sale.id)
    return OpenReceipt(sale, tuple(_left(line.line_no, sale, earlier) for line in sale.lines))


def check_choice(lines: Sequence[ReturnLine], line_no: int, qty: int) -> None:
    """`qty` of the receipt's line `line_no` may be returned: 0 up to what it has left.

    Raises:
        NotFound: return.line_unknown. ValidationError: return.qty_too_large (field "qty").
    """
    line = next((ln for ln in lines if ln.line_no == line_no), None)
    if line is None:
        raise NotFound("return.line_unknown", line_no=line_no)
    if qty < 0 or qty > line.left:
        raise ValidationError("return.qty_too_large", field="qty", line_no=line_no,
                              left=line.left)


def line_of(ctx: ServiceContext, lines: Sequence[ReturnLine], code: str) -> int:
    """The receipt's line of a scanned or typed item (SKU or barcode, the till's one
    normalisation) with something left to return; a line with nothing left only when no
    other line of it has any.

    Raises:
        NotFound: return.item_not_on_receipt.
    """
    text = code.strip()
    product = carts.find_product(ctx, text, active_only=False)
    sku = product.sku if product is not None else text
    mine = [ln for ln in lines if ln.sku in (sku, sku.upper())]
    if not mine:
        raise NotFound("return.item_not_on_receipt", code=card_data.mask(text))
    return next((ln.line_no for ln in mine if ln.left), mine[0].line_no)


def brought_back(ctx: ServiceContext, code: str) -> Product:
    """A product brought back without a receipt, by SKU or barcode (one it no longer sells
    too).

    Raises:
        NotFound: product.unknown.
    """
    found = carts.find_product(ctx, code, active_only=False)
    if found is None:
        raise NotFound("product.unknown", code=card_data.mask(code.strip()))
    return found


def _left(line_no: int, sale: Sale, earlier: list[Sale]) -> ReturnLine:
    line = next(ln for ln in sale.lines if ln.line_no == line_no)
    back = [ln for s in earlier for ln in s.lines if ln.original_line_no == line_no]
    return ReturnLine(line_no=line_no, sku=line.sku, name=line.name, sold=line.qty,
                      left=line.qty + sum(ln.qty for ln in back), final_fen=line.final_fen,
                      left_fen=line.final_fen + sum(ln.final_fen for ln in back))
