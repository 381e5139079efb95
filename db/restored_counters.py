"""The counters a till put back from a backup moves forward once head office says where it
stood (the protocol is sync/standing.py): the restore's note, the outbox renumbered past head
office's last accepted seq, the receipt counter past its last receipt number."""

from __future__ import annotations

from db.outbox import PRUNED_THROUGH
from db.outbox import SEQ_COUNTER as SEQ
from db.repos_driver import execute, fetch_one
from db.store import StoreDb
from db.store_peek import RESTORED_COUNTER, StoreFile
from db.uow import SqlUnitOfWork

RESTORED = RESTORED_COUNTER  # a counters row: present while head office was not asked
RECEIPT = "receipt"

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


def skip_forward(store: StoreDb | StoreFile, acked_through_seq: int,
                 last_receipt: int) -> tuple[int, int]:
    """Skip the counters past where head office says the till stood; forget the note.
    Returns (the outbox counter, the receipt counter) as they are now."""
    with store.uow() as uow:
        terminal = uow.settings.get().terminal_id
        restored = restored_at(uow, terminal)
        if restored is None:
            return _counter(uow, terminal, SEQ), _counter(uow, terminal, RECEIPT)
        shift = max(0, acked_through_seq - restored)
        if shift:
            execute(uow.session, _AWAY, (shift, terminal, restored))
            execute(uow.session, _BACK, (terminal,))
            execute(uow.session, _SPENDS, (shift, restored))
            # 1..acked are head office's now: the outbox counts on from there (db/outbox.py's
            # watermark; rows at or below it that are still here go again as duplicates).
            execute(uow.session, _SET, (terminal, PRUNED_THROUGH, acked_through_seq))
            uow.sync_state.update(acked_through_seq=acked_through_seq)
        seq = _counter(uow, terminal, SEQ) + shift
        receipt = max(_counter(uow, terminal, RECEIPT), last_receipt)
        execute(uow.session, _SET, (terminal, SEQ, seq))
        execute(uow.session, _SET, (terminal, RECEIPT, receipt))
        execute(uow.session, _FORGET, (terminal, RESTORED))
        uow.commit()
    return seq, receipt


def _counter(uow: SqlUnitOfWork, terminal: str, name: str) -> int:
    row = fetch_one(uow.session, _GET, (terminal, name))
    return int(row[0]) if row is not None and row[0] is not None else 0
