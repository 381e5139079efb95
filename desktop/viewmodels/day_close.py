"""Closing the business day from the manager's Z-report page (the rules are the service's)."""

from __future__ import annotations

from domain.progress import NO_PROGRESS, Progress
from domain.services import days, maintenance
from domain.services.context import ServiceContext

DayStatus = days.DayStatus


def status(ctx: ServiceContext) -> days.DayStatus:
    """Today's business date, the last closed one, open shifts and whether a close may run."""
    return days.status(ctx)


def close_the_day(ctx: ServiceContext, staff_id: str,
                  progress: Progress = NO_PROGRESS) -> maintenance.DayClose:
    """Expire points and coupons, run the tier anniversaries and freeze the Z, in batches
    reported to `progress` (which may cancel between them: Cancelled). The service refuses
    with "day.shift_open" (naming the cashiers) while any shift is open and with
    "day.already_closed" until the calendar reaches the next business date."""
    return maintenance.close_day(ctx, staff_id, progress)
