"""Opening and closing a cashier's shift: float in, counted cash out, over/short recorded."""

from __future__ import annotations

from dataclasses import replace

from domain.errors import DomainError, ValidationError
from domain.events import ShiftClosed
from domain.ids import new_id_str
from domain.ports import UnitOfWork
from domain.records import Shift, TenderKind
from domain.services.context import ServiceContext, audit, emit
from domain.services.guard import guard


def open_shift(ctx: ServiceContext, cashier_id: str, float_fen: int) -> Shift:
    """Start a shift with the cash float in the drawer; one open shift per cashier."""
    if float_fen < 0:
        raise ValidationError("shift.float_negative", field="float_fen")
    with guard(ctx, "shifts.open_shift", cashier_id), ctx.uow() as uow:
        if uow.shifts.open_for(cashier_id) is not None:
            raise DomainError("shift.already_open")
        shift = Shift(id=new_id_str(), cashier_id=cashier_id, opened_at=ctx.now(),
                      business_date=ctx.today(), float_fen=float_fen)
        uow.shifts.add(shift)
        audit(ctx, uow, "shift_opened", cashier_id, target=shift.id, float_fen=float_fen)
        uow.commit()
    return shift


def current_shift(ctx: ServiceContext, cashier_id: str) -> Shift | None:
    with ctx.reader() as uow:
        return uow.shifts.open_for(cashier_id)


def close_shift(ctx: ServiceContext, cashier_id: str, counted_fen: int) -> Shift:
    """Close with the counted cash; expected = float + cash taken − cash refunded/changed."""
    if counted_fen < 0:
        raise ValidationError("shift.counted_negative", field="counted_fen")
    with guard(ctx, "shifts.close_shift", cashier_id), ctx.uow() as uow:
        shift = uow.shifts.open_for(cashier_id)
        if shift is None:
            raise DomainError("shift.not_open")
        expected = shift.float_fen + _cash_taken(uow, shift)
        closed = replace(shift, closed_at=ctx.now(), counted_fen=counted_fen,
                         expected_fen=expected)
        uow.shifts.save(closed)
        emit(ctx, uow, ShiftClosed(closed))
        audit(ctx, uow, "shift_closed", cashier_id, target=shift.id, expected_fen=expected,
              counted_fen=counted_fen, over_short_fen=counted_fen - expected)
        uow.commit()
    return closed


def drawer_expected(ctx: ServiceContext, cashier_id: str) -> int | None:
    """What the cashier's drawer should hold now (None: no open shift); the close computes
    the same figure."""
    with ctx.reader() as uow:
        shift = uow.shifts.open_for(cashier_id)
        return None if shift is None else shift.float_fen + _cash_taken(uow, shift)


def _cash_taken(uow: UnitOfWork, shift: Shift) -> int:
    """Cash tendered in the shift's sales and returns, plus cash top-ups less cash refunds."""
    sales = uow.sales.in_shift(shift.id)
    tendered = sum(t.amount_fen for s in sales for t in s.tenders if t.kind is TenderKind.CASH)
    wallet = sum(e.principal_fen for e in uow.wallet.by_staff_since(shift.cashier_id,
                                                                   shift.opened_at)
                 if e.tender_kind == TenderKind.CASH.value and e.kind in ("topup", "close"))
    return tendered + wallet
