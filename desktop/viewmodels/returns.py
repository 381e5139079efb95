"""Returns at the till: with the receipt (its barcode), without it (a manager), or a void.

Without a receipt each item is refunded at most the lowest price paid for it in the pack's
window (DOMAIN §6); where no sale priced it, the manager types the amount.

With a receipt the goods go back to the original tenders and the points are recomputed on
what the customer keeps (DOMAIN §7); the refund shown before confirming is worked out the
way the return service splits a line, so the figure the cashier reads is the one refunded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.viewmodels.env import TillEnv
from domain import card_data
from domain.catalog import Product
from domain.errors import NotFound, ValidationError
from domain.records import Sale, SaleKind, Staff
from domain.services import returns, voids
from domain.services.no_receipt import Offer
from domain.services.proofs import Approval


@dataclass(frozen=True, slots=True)
class ReturnLine:
    line_no: int
    sku: str
    name: str
    sold: int
    left: int  # not returned yet
    final_fen: int  # what the line cost on the receipt
    left_fen: int  # what of it has not been refunded yet


@dataclass
class ReturnViewModel:
    env: TillEnv
    staff: Staff
    sale: Sale | None = None
    lines: list[ReturnLine] = field(default_factory=list)
    chosen: dict[int, int] = field(default_factory=dict)  # line_no -> qty to return
    shift_id: str | None = None  # the cashier's shift: refunds in cash count in its drawer

    def load(self, receipt: str) -> Sale:
        """Find the sale by the receipt number on (or under the barcode of) its receipt."""
        text = receipt.strip().upper()
        with self.env.ctx.reader() as uow:
            sale = uow.sales.by_receipt(text) or uow.sales.get(receipt.strip())
            if sale is None or sale.kind is not SaleKind.SALE:
                raise NotFound("sale.unknown", receipt=card_data.mask(text))
            earlier = uow.sales.returns_of(sale.id)
        self.sale, self.chosen = sale, {}
        self.lines = [_left(line.line_no, sale, earlier) for line in sale.lines]
        return sale

    def choose(self, line_no: int, qty: int) -> None:
        line = next((ln for ln in self.lines if ln.line_no == line_no), None)
        if line is None:
            raise NotFound("return.line_unknown", line_no=line_no)
        if qty < 0 or qty > line.left:
            raise ValidationError("return.qty_too_large", field="qty", line_no=line_no,
                                  left=line.left)
        if qty:
            self.chosen[line_no] = qty
        else:
            self.chosen.pop(line_no, None)

    def line_of(self, code: str) -> int:
        """The receipt's line of a scanned or typed item (SKU or barcode) with something left
        to return; a line with nothing left only when no other line of it has any."""
        text = code.strip()
        with self.env.ctx.reader() as uow:
            product = uow.products.get(text) or uow.products.by_barcode(text)
        sku = product.sku if product is not None else text
        mine = [ln for ln in self.lines if ln.sku == sku]
        if not mine:
            raise NotFound("return.item_not_on_receipt", code=card_data.mask(text))
        return next((ln.line_no for ln in mine if ln.left), mine[0].line_no)

    def choose_all(self) -> None:
        self.chosen = {ln.line_no: ln.left for ln in self.lines if ln.left}

    def refund_fen(self) -> int:
        """What the chosen goods refund: a share of the line, the last unit takes the rest,
        less a used coupon's value the sale won and the rest no longer earns."""
        total = 0
        for line in self.lines:
            qty = self.chosen.get(line.line_no, 0)
            if qty:
                total += line.left_fen if qty == line.left else line.left_fen * qty // line.left
        if self.sale is None or not self.chosen:
            return total
        return total - returns.coupon_kept_back(self.env.ctx, self.sale.receipt_no, self.chosen)

    def commit(self) -> returns.Returned:
        if self.sale is None:
            raise NotFound("sale.unknown", receipt="")
        done = returns.return_with_receipt(self.env.ctx, self.sale.receipt_no, self.chosen,
                                           self.staff.id, self.shift_id)
        self.load(self.sale.receipt_no)
        return done

    def void(self, approval: Approval | None, reason: str) -> voids.Voided:
        """Undo the whole paid sale, approved by a manager for this receipt (None: a manager
        is ringing it): refund, ledgers and the audit entry naming the manager and the reason
        in one transaction (domain/services/voids.py); the result also names the coupons
        withdrawn and the tier set back."""
        if self.sale is None:
            raise NotFound("sale.unknown", receipt="")
        done = voids.void_sale(self.env.ctx, self.sale.receipt_no, approval, reason,
                               cashier_id=self.staff.id, shift_id=self.shift_id)
        self.load(self.sale.receipt_no)
        return done

    def product(self, code: str) -> Product:
        """A product brought back without a receipt, by SKU or barcode."""
        with self.env.ctx.reader() as uow:
            found = uow.products.get(code.strip()) or uow.products.by_barcode(code.strip())
        if found is None:
            raise NotFound("product.unknown", code=card_data.mask(code.strip()))
        return found

    def offer(self, items: list[tuple[str, int]], member_id: str | None,
              typed: dict[str, int]) -> list[Offer]:
        """What each item brought back without a receipt would refund: at most the lowest
        price paid for it in the pack's window, or the amount typed where none was paid."""
        return returns.no_receipt_offer(self.env.ctx, items, member_id, typed)

    @staticmethod
    def subject(items: list[tuple[str, int]], member_id: str | None,
                typed: dict[str, int]) -> str:
        """The figures the manager approves (a changed one needs a new approval)."""
        return returns.no_receipt_subject(items, member_id, typed)

    def without_receipt(self, items: list[tuple[str, int]], approval: Approval | None,
                        member_id: str | None = None,
                        typed: dict[str, int] | None = None) -> returns.Returned:
        """Goods brought back with no receipt, refunded as offered, approved by a manager."""
        if not items:
            raise ValidationError("return.nothing", field="lines")
        return returns.return_without_receipt(self.env.ctx, items, self.staff.id, approval,
                                              member_id, self.shift_id, typed)


def _left(line_no: int, sale: Sale, earlier: list[Sale]) -> ReturnLine:
    line = next(ln for ln in sale.lines if ln.line_no == line_no)
    back = [ln for s in earlier for ln in s.lines if ln.original_line_no == line_no]
    return ReturnLine(line_no=line_no, sku=line.sku, name=line.name, sold=line.qty,
                      left=line.qty + sum(ln.qty for ln in back), final_fen=line.final_fen,
                      left_fen=line.final_fen + sum(ln.final_fen for ln in back))
