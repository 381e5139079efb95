"""An event queued for head office, as the outbox holds it (apart from domain/records.py, so the
sync client reads and sends events before the store's other records have loaded)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class OutboxEvent:
    """One change queued for head office; `seq` is per terminal, gapless, in commit order."""

    seq: int
    event_id: str
    type: str
    payload: dict[str, Any]
    occurred_at: datetime
    member_id: str | None = None
    acked: bool = False
