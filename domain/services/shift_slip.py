"""What a closed shift's slip (交班单) shows: its sales and returns, tenders, desk cash, count."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from domain.errors import NotFound
from domain.records import SaleKind, Shift, TenderKind
from domain.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class ShiftFigures:
    shift: Shift
    cashier: str  # "1001 王收银"
    sales: int
    sales_fen: int
    returns: int
    returns_fen: int  # negative
    tenders: tuple[tuple[str, int], ...]  # (tender kind, net fen), in TenderKind order
    cash_topups_fen: int  # stored-value top-ups taken in cash into this drawer
    cash_wallet_refunds_fen: int  # closed wallets paid out of this drawer (negative)


def shift_figures(ctx: ServiceContext, shift_id: str) -> ShiftFigures:
    """The figures of one shift, from the same records its expected cash was summed from."""
    with ctx.reader() as uow:
        shift = uow.shifts.get(shift_id)
        if shift is None:
            raise NotFound("shift.unknown", shift_id=shift_id)
        staff = uow.staff.get(shift.cashier_id)
        sales = uow.sales.in_shift(shift.id)
        wallet = [e for e in uow.wallet.by_staff_since(shift.cashier_id, shift.opened_at)
                  if e.tender_kind == TenderKind.CASH.value
                  and (shift.closed_at is None or e.at <= shift.closed_at)]
    sold = [s for s in sales if s.kind is SaleKind.SALE]
    back = [s for s in sales if s.kind is SaleKind.RETURN]
    by_kind: Counter[str] = Counter()
    for sale in sales:
        for tender in sale.tenders:
            by_kind[tender.kind.value] += tender.amount_fen
    order = [k.value for k in TenderKind]
    return ShiftFigures(
        shift, f"{staff.number} {staff.name}" if staff else shift.cashier_id,
        len(sold), sum(s.total_fen for s in sold), len(back), sum(s.total_fen for s in back),
        tuple((k, by_kind[k]) for k in order if k in by_kind),
        sum(e.principal_fen for e in wallet if e.kind == "topup"),
        sum(e.principal_fen for e in wallet if e.kind == "close"))
