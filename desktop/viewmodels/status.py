"""What the status bar reads from the store database: events not yet sent to head office."""

from __future__ import annotations

from dataclasses import dataclass

from domain.services.context import ServiceContext

UNSYNCED_CAP = 1000  # beyond this the bar says "1,000+": counting further costs a slow read


@dataclass(frozen=True, slots=True)
class SyncState:
    """Head-office link as far as the till knows: `online` is None until sync reports it."""

    unsynced: int
    capped: bool = False
    online: bool | None = None


def read_sync_state(ctx: ServiceContext, online: bool | None = None) -> SyncState:
    """Unsynced events from the outbox; `online` comes from the sync client when it runs."""
    with ctx.reader() as uow:
        pending = len(uow.outbox.pending(limit=UNSYNCED_CAP))
    return SyncState(pending, pending >= UNSYNCED_CAP, online)
