"""The business day at this till: closed once, its Z frozen, every shift closed before it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from domain.errors import DomainError
from domain.ports import UnitOfWork
from domain.records import ClosedDay
from domain.reports import ZReport
from domain.services.context import ServiceContext
from domain.services.reports import z_figures
from domain.zfrozen import z_to_data


@dataclass(frozen=True, slots=True)
class DayStatus:
    """What the Z page says about the day close before anyone presses it."""

    today: date  # the business date new sales and shifts land on
    closed_through: date | None
    open_shifts: tuple[str, ...]  # "1001 王收银" for every shift not yet counted
    refusal: DomainError | None  # why the day cannot be closed now; None: it can

    @property
    def closable(self) -> bool:
        return self.refusal is None


def status(ctx: ServiceContext) -> DayStatus:
    with ctx.reader() as uow:
        names = open_shift_names(uow)
        refusal = None
        try:
            check_closable(ctx, uow, names)
        except DomainError as err:
            refusal = err
    return DayStatus(ctx.today(), ctx.closed_through(), names, refusal)


def open_shift_names(uow: UnitOfWork) -> tuple[str, ...]:
    """Cashiers (number and name) with a shift still open, whatever its business date."""
    names = []
    for shift in uow.shifts.all_open():
        staff = uow.staff.get(shift.cashier_id)
        names.append(f"{staff.number} {staff.name}" if staff else shift.cashier_id)
    return tuple(names)


def check_closable(ctx: ServiceContext, uow: UnitOfWork,
                   open_names: tuple[str, ...] | None = None) -> date:
    """The business date a close now would close, or the refusal: the calendar has not yet
    reached the day after the last close (`day.already_closed`), or a shift is still open
    (`day.shift_open`: its cash would be missing from the Z)."""
    calendar_day = ctx.calendar.date_of(ctx.now())
    closed = uow.days.closed_through()
    if closed is not None and calendar_day <= closed:
        raise DomainError("day.already_closed", day=closed.isoformat(),
                          next_day=ctx.next_open_day(calendar_day).isoformat())
    names = open_shift_names(uow) if open_names is None else open_names
    if names:
        raise DomainError("day.shift_open", count=len(names), cashiers=", ".join(names))
    return calendar_day


def freeze(ctx: ServiceContext, uow: UnitOfWork, day: date, staff_id: str) -> ZReport:
    """Store the day's Z as it stands at the close; reprints read this, never the records."""
    z = replace(z_figures(ctx, uow, day), closed_at=ctx.now())
    uow.days.add(ClosedDay(day, z.closed_at or ctx.now(), staff_id, z_to_data(z)))
    return z
