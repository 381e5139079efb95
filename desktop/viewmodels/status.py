"""What the status bar reads: events not yet sent to head office, and what the sync client
knows of the link (online, how far this till's clock is from head office's, a refused link)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from domain.services.context import ServiceContext

UNSYNCED_CAP = 1000  # beyond this the bar says "1,000+": counting further costs a slow read
# Sync errors the till cannot get past by waiting: someone has to act (enrol again, find out
# who is altering head office's answers).
LINK_PROBLEMS = frozenset({"sync.reenrol_needed", "sync.answer_forged", "sync.answer_unsigned"})


class LinkStatus(Protocol):
    """The sync client's status (`sync.status.SyncStatus`) as far as the status bar needs it."""

    @property
    def online(self) -> bool: ...

    @property
    def last_error(self) -> str: ...

    @property
    def clock_skew_ms(self) -> int | None: ...

    @property
    def clock_warning(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class SyncState:
    """Head-office link as far as the till knows: `online` is None until sync reports it."""

    unsynced: int
    capped: bool = False
    online: bool | None = None
    clock_skew_ms: int | None = None  # only when beyond the rule pack's `clock_warn_s`
    problem: str = ""  # one of LINK_PROBLEMS, or ""


def read_sync_state(ctx: ServiceContext, link: LinkStatus | None = None) -> SyncState:
    """Unsynced events from the outbox; the rest from the sync client when it runs."""
    with ctx.reader() as uow:
        pending = uow.outbox.count_pending(UNSYNCED_CAP)
    if link is None:
        return SyncState(pending, pending >= UNSYNCED_CAP)
    return SyncState(pending, pending >= UNSYNCED_CAP, link.online,
                     link.clock_skew_ms if link.clock_warning else None,
                     link.last_error if link.last_error in LINK_PROBLEMS else "")


def skew_parts(skew_ms: int) -> tuple[int, int, int]:
    """A clock difference as (days, hours, minutes) to the nearest minute, the sign dropped."""
    minutes = max(round(abs(skew_ms) / 60_000), 1)
    return minutes // 1440, minutes // 60 % 24, minutes % 60
