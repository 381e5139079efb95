"""Closing the business day from the manager's Z-report page (the rules are the service's).

These run as jobs on the window's task runner (desktop/tasks.py): each gets the task's
Progress and opens its own units of work through the services.
"""

from __future__ import annotations

from datetime import date

from desktop.i18n import QT_TRANSLATE_NOOP
from domain.progress import NO_PROGRESS, Progress
from domain.reports import ZReport
from domain.services import days, maintenance
from domain.services import reports as report_services
from domain.services.context import ServiceContext

DayStatus = days.DayStatus
READING = QT_TRANSLATE_NOOP("progress", "Reading the day's figures")
CLOSING = QT_TRANSLATE_NOOP("progress", "Expiring points and coupons, reviewing tiers")


def status(ctx: ServiceContext) -> days.DayStatus:
    """Today's business date, the last closed one, open shifts and whether a close may run."""
    return days.status(ctx)


def z_and_status(ctx: ServiceContext, day: date, progress: Progress = NO_PROGRESS
                 ) -> tuple[ZReport, days.DayStatus]:
    """The Z of `day` and today's status, read together for the Z-report page."""
    progress.step(0, None, READING)
    return report_services.z_report(ctx, day), days.status(ctx)


def close_the_day(ctx: ServiceContext, staff_id: str, progress: Progress = NO_PROGRESS
                  ) -> maintenance.DayClose:
    """Expire points and coupons, run the tier anniversaries and freeze the Z. The service
    refuses with "day.shift_open" (naming the cashiers) while any shift is open and with
    "day.already_closed" until the calendar reaches the next business date. The close runs
    in batches reported to `progress`, which may cancel between them (Cancelled)."""
    progress.step(0, None, CLOSING)
    return maintenance.close_day(ctx, staff_id, progress)
