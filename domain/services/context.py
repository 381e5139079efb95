"""What every use case is handed: a unit-of-work factory, the clock, the rule pack, secrets."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from domain.clock import BusinessDay, Clock
from domain.event_types import EventType
from domain.events import AuditRecorded, EventPayload
from domain.ids import new_id_str
from domain.import_jobs import MemberBatch, PreparedBatch
from domain.ports import UnitOfWork
from domain.records import AuditEntry
from domain.rulepack import RulePack
from domain.services.proofs import ProofBook
from domain.wire import to_wire as to_wire  # re-exported: callers import it from here

if TYPE_CHECKING:  # the till's start does not load concurrent.futures
    from concurrent.futures import Executor

OutboxRow = tuple[EventType, dict[str, Any], str | None]  # type, payload, member id


@dataclass
class ServiceContext:
    """Wired once by desktop/bootstrap.py (or a test) and passed to every use case."""

    uow: Callable[[], UnitOfWork]
    clock: Clock
    pack: RulePack
    calendar: BusinessDay = field(default_factory=BusinessDay)
    card_secret: bytes = b""  # makes and checks the stripes' verification codes
    # Checks a dynamic member QR's signature against the merchant's public keys (message,
    # signature); None: this till has none (desktop/bootstrap.py wires sync/qrkeys.py).
    qr_verify: Callable[[bytes, bytes], bool] | None = None
    # The same for an alliance issuer's member QR at this partner (issuer card brand, message,
    # signature) against that issuer's public keys; None: no issuer's code verifies here.
    issuer_qr_verify: Callable[[str, bytes, bytes], bool] | None = None
    hash_pin: Callable[[str], str] = lambda pin: pin
    verify_pin: Callable[[str, str], bool] = lambda pin, hashed: pin == hashed
    random_bytes: Callable[[int], bytes] = os.urandom
    random_below: Callable[[int], int] = lambda n: int.from_bytes(os.urandom(8), "big") % n
    read_uow: Callable[[], UnitOfWork] | None = None  # read-only work (reports); else `uow`
    proofs: ProofBook = field(default_factory=ProofBook)  # approvals and PIN proofs minted here
    # The store's own preparation of an import batch for its inserts (parameters, search
    # terms, sealed ID numbers, event texts), run before the batch's write transaction so that
    # transaction only inserts; None: the unit of work prepares inside the transaction.
    prepare_import: Callable[[MemberBatch, Sequence[OutboxRow]], PreparedBatch] | None = None
    # Copies the store's write-ahead log back into its file, outside any transaction and
    # without holding the till's writes back (True: all of it, then empty the log), for long
    # writes that turn SQLite's own copying off (an import); None: SQLite's own copying only.
    copy_back_log: Callable[[bool], None] | None = None
    # Makes an executor whose workers run in another process, for the CPU work of a long job
    # (an import's batch building) beside this process's store writes, so the two overlap on
    # a till with two cores (docs/performance.md); None: all here.
    workers: Callable[[], Executor] | None = None
    # The latest business date the day close closed: read once, then kept by the close itself
    # (one till, one database), so `today()` costs no query per sale.
    _closed_through: date | None = field(default=None, init=False, repr=False)
    _closed_known: bool = field(default=False, init=False, repr=False)

    def reader(self) -> UnitOfWork:
        """A unit of work for reports and look-ups that never waits for the write lock."""
        return (self.read_uow or self.uow)()

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        """Business date of now (sales before the day-close hour count for yesterday); once
        a date is closed, whatever happens after belongs to the next one."""
        return self.next_open_day(self.calendar.date_of(self.clock.now()))

    def next_open_day(self, day: date) -> date:
        closed = self.closed_through()
        return closed + timedelta(days=1) if closed is not None and day <= closed else day

    def closed_through(self) -> date | None:
        """The latest business date the day close has closed at this till."""
        if not self._closed_known:
            with self.reader() as uow:
                self._closed_through = uow.days.closed_through()
            self._closed_known = True
        return self._closed_through

    def day_closed(self, day: date) -> None:
        """The day close committed `day`: new records belong to the next business date."""
        self._closed_through, self._closed_known = day, True

    def local_date(self) -> date:
        """Local calendar date of now: birthdays and expiry follow the calendar, not trading."""
        return self.calendar.calendar_date(self.clock.now())


def emit(ctx: ServiceContext, uow: UnitOfWork, payload: EventPayload) -> int:
    """Queue an event for head office inside the caller's transaction; the payload's class
    fixes its type and the member it concerns."""
    return uow.outbox.append(payload.TYPE, payload.wire(), member_id=payload.member_id,
                             occurred_at_iso=ctx.now().isoformat())


def emit_many(ctx: ServiceContext, uow: UnitOfWork,
              payloads: Sequence[EventPayload]) -> list[int]:
    """Queue many events, in order, in one statement."""
    return uow.outbox.append_many(outbox_rows(payloads), occurred_at_iso=ctx.now().isoformat())


def outbox_rows(payloads: Sequence[EventPayload]) -> list[OutboxRow]:
    """The (type, JSON, member id) rows of payloads, made ahead of a transaction (an import
    batch builds them before it takes the write lock)."""
    return [(p.TYPE, p.wire(), p.member_id) for p in payloads]


def audit(ctx: ServiceContext, uow: UnitOfWork, action: str, staff_id: str | None,
          target: str = "", approved_by: str | None = None, **details: Any) -> AuditEntry:
    """Append to the tamper-evident audit trail and tell head office, in the same transaction."""
    entry = AuditEntry(id=new_id_str(), at=ctx.now(), action=action, staff_id=staff_id,
                       target=target, details=to_wire(details), approved_by=approved_by)
    uow.audit.append(entry)
    emit(ctx, uow, AuditRecorded(entry))
    return entry
