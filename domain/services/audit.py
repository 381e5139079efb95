"""The manager's audit trail: entries filtered and paged, the hash chain checked, CSV export."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TextIO

from domain import spreadsheet
from domain.errors import ValidationError
from domain.records import AuditBreak, AuditEntry, AuditQuery, Staff
from domain.services.context import ServiceContext

PAGE_SIZE = 100
EXPORT_BATCH = 1000  # rows read per query while exporting, so memory stays flat
CSV_COLUMNS = ("time", "staff_number", "staff_name", "action", "subject", "approved_by",
               "details", "entry_id")


@dataclass(frozen=True, slots=True)
class AuditPage:
    """One page of entries, newest first, and how many match in all."""

    entries: list[AuditEntry]
    total: int
    offset: int


def query_for(ctx: ServiceContext, since: date | None = None, until: date | None = None,
              staff_id: str | None = None, action: str | None = None) -> AuditQuery:
    """A query over business dates `since`..`until` (both inclusive) in the store's calendar.

    Raises:
        ValidationError: ``audit.bad_range`` (field "until") when `until` is before `since`.
    """
    if since is not None and until is not None and until < since:
        raise ValidationError("audit.bad_range", field="until", since=since.isoformat(),
                              until=until.isoformat())
    start = ctx.calendar.start_of(since) if since is not None else None
    end = ctx.calendar.start_of(until + timedelta(days=1)) if until is not None else None
    return AuditQuery(since=start, until=end, staff_id=staff_id or None, action=action or None)


def page(ctx: ServiceContext, query: AuditQuery, offset: int = 0,
         limit: int = PAGE_SIZE) -> AuditPage:
    """The entries from `offset` (0 = newest), at most `limit` of them."""
    with ctx.reader() as uow:
        total = uow.audit.count(query)
        entries = uow.audit.page(query, max(offset, 0), limit)
    return AuditPage(entries, total, max(offset, 0))


def action_kinds(ctx: ServiceContext) -> list[str]:
    with ctx.reader() as uow:
        return uow.audit.actions()


def staff_by_id(ctx: ServiceContext) -> dict[str, Staff]:
    """Every staff account (active or not) by id, to name who did what."""
    with ctx.reader() as uow:
        return {s.id: s for s in uow.staff.all()}


def verify_chain(ctx: ServiceContext) -> AuditBreak | None:
    """None when every entry still links to the one before it; else the first that does not."""
    with ctx.reader() as uow:
        return uow.audit.first_break()


def export_csv(ctx: ServiceContext, query: AuditQuery, out: TextIO) -> int:
    """Write every entry matching `query`, newest first, as CSV; returns the rows written.

    Times are in the store's zone; details are the entry's JSON, so nothing is lost. A cell
    a spreadsheet would run as a formula (a staff name `=cmd|…`) is quoted with `'`.
    """
    staff = staff_by_id(ctx)
    writer = spreadsheet.writer(out)
    writer.writerow(CSV_COLUMNS)
    written = 0
    for entry in _all(ctx, query):
        writer.writerow(_csv_row(ctx, entry, staff))
        written += 1
    return written


def _all(ctx: ServiceContext, query: AuditQuery) -> Iterator[AuditEntry]:
    offset = 0
    while True:
        batch = page(ctx, query, offset, EXPORT_BATCH).entries
        yield from batch
        if len(batch) < EXPORT_BATCH:
            return
        offset += len(batch)


def _csv_row(ctx: ServiceContext, entry: AuditEntry, staff: dict[str, Staff]) -> list[str]:
    who = staff.get(entry.staff_id or "")
    approver = staff.get(entry.approved_by or "")
    local = ctx.calendar.local(entry.at).replace(microsecond=0).isoformat()
    return [local, who.number if who else "", who.name if who else "", entry.action,
            entry.target, approver.number if approver else (entry.approved_by or ""),
            json.dumps(entry.details, ensure_ascii=False, sort_keys=True), entry.id]
