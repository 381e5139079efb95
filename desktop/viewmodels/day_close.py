"""Closing the business day from the manager's Z-report page: every shift first."""

from __future__ import annotations

from domain.errors import DomainError
from domain.services import maintenance
from domain.services import reports as report_services
from domain.services.context import ServiceContext


def open_shifts(ctx: ServiceContext) -> list[str]:
    """Cashiers (number and name) whose shift of today's business date is still open."""
    z = report_services.z_report(ctx, ctx.today())
    return [shift.cashier for shift in z.shifts if shift.counted_fen is None]


def close_the_day(ctx: ServiceContext, staff_id: str) -> maintenance.DayClose:
    """Expire points and coupons and run the tier anniversaries, once every shift is closed.

    The service itself does not look at shifts; a manager closes the day after the last
    cashier has counted the drawer, so the Z-report printed with it is final. Refused with
    "day.shift_open" (naming the cashiers) while a shift of today is open.
    """
    still_open = open_shifts(ctx)
    if still_open:
        raise DomainError("day.shift_open", count=len(still_open),
                          cashiers=", ".join(still_open))
    return maintenance.close_day(ctx, staff_id)
