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
from domain.catalog import Product
from domain.errors import NotFound
from domain.records import Sale, Staff
from domain.services import receipts, returns, voids
from domain.services.no_receipt import Offer
from domain.services.proofs import Approval
from domain.services.receipts import ReturnLine

__all__ = ["ReturnLine", "ReturnViewModel"]


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
        found = receipts.open_receipt(self.env.ctx, receipt)
        self.sale, self.lines, self.chosen = found.sale, list(found.lines), {}
        return found.sale

    def choose(self, line_no: int, qty: int) -> None:
        receipts.check_choice(self.lines, line_no, qty)
        if qty:
            self.chosen[line_no] = qty
        else:
            self.chosen.pop(line_no, None)

    def line_of(self, code: str) -> int:
        """The receipt's line of a scanned or typed item (SKU or barcode) with something left
        to return; a line with nothing left only when no other line of it has any."""
        return receipts.line_of(self.env.ctx, self.lines, code)

    def choose_all(self) -> None:
        self.chosen = {ln.line_no: ln.left for ln in self.lines if ln.left}

    def refund_fen(self) -> int:
        """What the chosen goods refund, as the return service will work it out."""
        if self.sale is None:
            return 0
        return returns.refund_preview(self.env.ctx, self.sale.receipt_no, self.chosen)

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
        return receipts.brought_back(self.env.ctx, code)

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
        return returns.return_without_receipt(self.env.ctx, items, self.staff.id, approval,
                                              member_id, self.shift_id, typed)

