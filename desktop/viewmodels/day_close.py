"""Closing the business day from the manager's Z-report page (the rules are the service's).

These run as jobs on the window's task runner (desktop/tasks.py): each gets the task's
Progress and opens its own units of work through the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from db.autobackup import AutoBackup as AutoBackup  # the page shows how the backup went
from db.autobackup import auto_backup
from desktop import bootstrap
from desktop.i18n import QT_TRANSLATE_NOOP
from domain.progress import NO_PROGRESS, Progress
from domain.reports import ZReport
from domain.services import days, maintenance
from domain.services import reports as report_services
from domain.services.context import ServiceContext

DayStatus = days.DayStatus
READING = QT_TRANSLATE_NOOP("progress", "Reading the day's figures")
CLOSING = QT_TRANSLATE_NOOP("progress", "Expiring points and coupons, reviewing tiers")
BACKING_UP = QT_TRANSLATE_NOOP("progress", "Backing up the store database")


def status(ctx: ServiceContext) -> days.DayStatus:
    """Today's business date, the last closed one, open shifts and whether a close may run."""
    return days.status(ctx)


def z_and_status(ctx: ServiceContext, day: date, progress: Progress = NO_PROGRESS
                 ) -> tuple[ZReport, days.DayStatus]:
    """The Z of `day` and today's status, read together for the Z-report page."""
    progress.step(0, None, READING)
    return report_services.z_report(ctx, day), days.status(ctx)


@dataclass(frozen=True, slots=True)
class Closed:
    """A closed day and the backup taken after it (its problem reported, never fatal)."""

    day: maintenance.DayClose
    backup: AutoBackup


def close_the_day(ctx: ServiceContext, staff_id: str, progress: Progress = NO_PROGRESS
                  ) -> Closed:
    """Expire points and coupons, run the tier anniversaries and freeze the Z, then back the
    store up (db/autobackup.py). The service refuses with "day.shift_open" (naming the
    cashiers) while any shift is open and with "day.already_closed" until the calendar
    reaches the next business date. The close runs in batches reported to `progress`, which
    may cancel between them (Cancelled); the backup runs once the close has committed."""
    progress.step(0, None, CLOSING)
    done = maintenance.close_day(ctx, staff_id, progress)
    progress.step(0, None, BACKING_UP)
    return Closed(done, auto_backup(bootstrap.store_path(ctx), "dayclose", ctx.now()))
