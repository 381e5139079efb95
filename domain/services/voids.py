"""Voiding a paid sale: the whole sale undone in one transaction, approved by a manager.

A void is for a mistake noticed at once (wrong goods rung up, the customer changed their mind
at the counter), so it is allowed the same business day and within the shift the sale was
rung up in, while that shift is open; afterwards the goods come back as an ordinary return.
Everything not yet returned goes back to the original tenders (cash, card and mobile with
their references, stored value, points), the points the sale earned are taken back, coupons
it used come back, and the audit entry naming the manager and the reason is written in the
same transaction as the refund: there is no moment when one exists without the other.
"""

from __future__ import annotations

from domain.errors import DomainError, ValidationError
from domain.ports import UnitOfWork
from domain.records import Sale
from domain.services.context import ServiceContext, audit
from domain.services.returns import Returned, find_sale, left_to_return, return_lines
from domain.services.staff import MANAGER_ROLES


def void_sale(ctx: ServiceContext, receipt_no: str, manager_id: str, reason: str, *,
              cashier_id: str, shift_id: str | None = None) -> Returned:
    """Undo the sale on receipt `receipt_no` in full; one commit for refund, ledgers and audit.

    Raises:
        ValidationError: void.reason_required (field "reason").
        NotFound: sale.unknown. DomainError: staff.not_manager, void.other_day,
            void.other_shift, void.already_returned.
    """
    why = reason.strip()
    if not why:
        raise ValidationError("void.reason_required", field="reason")
    with ctx.uow() as uow:
        original = find_sale(uow, receipt_no)
        _check_manager(uow, manager_id)
        _check_same_shift(ctx, uow, original, shift_id)
        left = left_to_return(uow, original)
        if not left:
            raise DomainError("void.already_returned", receipt=original.receipt_no)
        done = return_lines(ctx, uow, original, left, cashier_id, shift_id, manager_id)
        audit(ctx, uow, "void_sale", cashier_id, target=original.receipt_no,
              approved_by=manager_id, reason=why, refund_fen=-done.sale.total_fen,
              return_receipt=done.sale.receipt_no)
        uow.commit()
    return done


def _check_manager(uow: UnitOfWork, manager_id: str) -> None:
    manager = uow.staff.get(manager_id)
    if manager is None or manager.role not in MANAGER_ROLES or not manager.active:
        raise DomainError("staff.not_manager", number=manager.number if manager else "")


def _check_same_shift(ctx: ServiceContext, uow: UnitOfWork, original: Sale,
                      shift_id: str | None) -> None:
    if original.business_date != ctx.today():
        raise DomainError("void.other_day", receipt=original.receipt_no,
                          date=original.business_date)
    if original.shift_id is None:
        return  # rung up outside a shift (a service or a scenario): the day is the limit
    shift = uow.shifts.get(original.shift_id)
    other = shift_id is not None and shift_id != original.shift_id
    if other or shift is None or shift.closed_at is not None:
        raise DomainError("void.other_shift", receipt=original.receipt_no)
