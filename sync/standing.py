"""A till restored from a backup asks head office where it stood, then skips forward.

The backup knows the counters as they were when it was taken; head office may hold events
and receipts the till made after that. `mark_restored` notes the outbox seq the backup ended
at; before the till sends anything again (`catch_up`, run first in every sync round while the
note is there, and by `kaika restore` at once when head office answers) it asks head office
(`GET /v1/sync/standing`) and:

- moves the outbox counter past the highest seq head office accepted from this terminal, and
  renumbers the events made since the restore (not yet sent: the note holds the push back)
  after it, so no seq head office holds for another event is sent again;
- moves the receipt counter past the last receipt number head office has from this till.

Events the backup still held unacknowledged but head office has are sent again and answered
`duplicate` (same event ids), as after any lost answer."""

from __future__ import annotations

import re

from db.restored_counters import mark_restored, pending, restored_at, skip_forward
from db.store import StoreDb
from db.store_peek import StoreFile
from sync.schema import StandingResponse

__all__ = ["STANDING_PATH", "catch_up", "mark_restored", "pending", "receipt_number",
           "restored_at"]
STANDING_PATH = "/v1/sync/standing"
_NUMBER = re.compile(r"(\d+)$")


def catch_up(store: StoreDb | StoreFile, standing: StandingResponse) -> tuple[int, int]:
    """Skip the counters past where head office says the till stood; forget the note.
    Returns (the outbox counter, the receipt counter) as they are now."""
    return skip_forward(store, standing.acked_through_seq,
                        receipt_number(standing.last_receipt_no))


def receipt_number(receipt_no: str | None) -> int:
    """The counter in `S001-T01-000123` (123); 0 for none."""
    found = _NUMBER.search(receipt_no or "")
    return int(found.group(1)) if found else 0
