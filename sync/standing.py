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

from db.outbox import PRUNED_THROUGH
from db.outbox import SEQ_COUNTER as SEQ
from db.repos_driver import execute, fetch_one
from db.store import StoreDb
from db.store_peek import RESTORED_COUNTER, StoreFile
from db.uow import SqlUnitOfWork
from sync.schema import StandingResponse

RESTORED = RESTORED_COUNTER  # a counters row: present while head office was not asked
RECEIPT = "receipt"
STANDING_PATH = "/v1/sync/standing"
_NUMBER = re.compile(r"(\d+)$")

_GET = "SELECT value FROM counters WHERE terminal_id = ? AND name = ?"
_SET = ("INSERT INTO counters (terminal_id, name, value) VALUES (?, ?, ?) "
        "ON CONFLICT (terminal_id, name) DO UPDATE SET value = excluded.value")
_FORGET = "DELETE FROM counters WHERE terminal_id = ? AND name = ?"
# Two steps through negative numbers: (terminal_id, seq) is unique at every row's update.
_AWAY = "UPDATE outbox SET seq = -(seq + ?) WHERE terminal_id = ? AND seq > ?"
_BACK = "UPDATE outbox SET seq = -seq WHERE terminal_id = ? AND seq < 0"
_SPENDS = "UPDATE offline_spends SET after_seq = after_seq + ? WHERE after_seq >= ?"


def mark_restored(store: StoreDb) -> int:
    """Note that the store was put back from a backup; returns the outbox seq it ends at."""
    with store.uow() as uow:
        terminal = uow.settings.get().terminal_id
        at = _counter(uow, terminal, SEQ)
        execute(uow.session, _SET, (terminal, RESTORED, at))
        uow.commit()
    return at


def restored_at(uow: SqlUnitOfWork, terminal: str) -> int | None:
    """The outbox seq the restored backup ended at; None when head office was asked since."""
    row = fetch_one(uow.session, _GET, (terminal, RESTORED))
    return int(row[0]) if row is not None else None


def pending(store: StoreDb) -> bool:
    with store.reader() as uow:
        return restored_at(uow, uow.settings.get().terminal_id) is not None


def catch_up(store: StoreDb | StoreFile, standing: StandingResponse) -> tuple[int, int]:
    """Skip the counters past where head office says the till stood; forget the note.
    Returns (the outbox counter, the receipt counter) as they are now."""
    with store.uow() as uow:
        terminal = uow.settings.get().terminal_id
        restored = restored_at(uow, terminal)
        if restored is None:
            return _counter(uow, terminal, SEQ), _counter(uow, terminal, RECEIPT)
        shift = max(0, standing.acked_through_seq - restored)
        if shift:
            execute(uow.session, _AWAY, (shift, terminal, restored))
            execute(uow.session, _BACK, (terminal,))
            execute(uow.session, _SPENDS, (shift, restored))
            # 1..acked are head office's now: the outbox counts on from there (db/outbox.py's
            # watermark; rows at or below it that are still here go again as duplicates).
            execute(uow.session, _SET, (terminal, PRUNED_THROUGH, standing.acked_through_seq))
            uow.sync_state.update(acked_through_seq=standing.acked_through_seq)
        seq = _counter(uow, terminal, SEQ) + shift
        receipt = max(_counter(uow, terminal, RECEIPT), receipt_number(standing.last_receipt_no))
        execute(uow.session, _SET, (terminal, SEQ, seq))
        execute(uow.session, _SET, (terminal, RECEIPT, receipt))
        execute(uow.session, _FORGET, (terminal, RESTORED))
        uow.commit()
    return seq, receipt


def receipt_number(receipt_no: str | None) -> int:
    """The counter in `S001-T01-000123` (123); 0 for none."""
    found = _NUMBER.search(receipt_no or "")
    return int(found.group(1)) if found else 0


def _counter(uow: SqlUnitOfWork, terminal: str, name: str) -> int:
    row = fetch_one(uow.session, _GET, (terminal, name))
    return int(row[0]) if row is not None and row[0] is not None else 0
