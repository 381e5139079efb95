"""The outbox: events for head office, written in the transaction of the change they report."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db.mapping_sales import OUTBOX_COLUMNS, outbox_from
from db.repos_driver import (
    execute,
    execute_many,
    fetch_all,
    fetch_all_named,
    fetch_one,
    insert_sql,
    positional,
    select_sql,
)
from db.repos_store import SqlCounters, TerminalRef
from db.types import dump_json, utc_text
from domain.clock import Clock, require_aware
from domain.errors import ValidationError
from domain.ids import new_id_str
from domain.records import OutboxEvent

# The counter that numbers this terminal's events; being a counter it is gapless.
SEQ_COUNTER = "outbox.seq"
# Not a counter but a watermark kept beside it: seqs 1..value were acknowledged and pruned,
# so `kaika verify` counts the outbox from value + 1 (docs/database.md, "Housekeeping").
PRUNED_THROUGH = "outbox.pruned_through"
_COUNT_PENDING = ("SELECT count(*) FROM (SELECT 1 FROM outbox WHERE terminal_id = ? "
                  "AND acked = 0 LIMIT ?)")
# acked and acked_at keep their defaults (0, NULL) until head office answers.
_INSERT = insert_sql("outbox", ("terminal_id", "seq", "event_id", "type", "payload",
                                "member_id", "occurred_at"))
_INSERT_MANY, _ = positional(_INSERT)  # the same columns, bound from tuples


class SqlOutbox:
    def __init__(self, session: Session, terminal: TerminalRef, counters: SqlCounters,
                 clock: Clock) -> None:
        self._s = session
        self._terminal = terminal
        self._counters = counters
        self._clock = clock

    def append(self, event_type: str, payload: dict[str, Any], *, member_id: str | None,
               occurred_at_iso: str) -> int:
        """Queue an event in the caller's transaction; returns its per-terminal seq."""
        if not event_type:
            raise ValidationError("outbox.type_required", field="type")
        occurred_at = _parse_aware(occurred_at_iso)
        seq = self._counters.next(SEQ_COUNTER)
        # Plain sqlite3 (db/repos_driver.py): a sale queues three or four events, and this
        # way each costs about 20 µs instead of 150 (docs/performance.md).
        execute(self._s, _INSERT, {
            "terminal_id": self._terminal.get(), "seq": seq, "event_id": new_id_str(),
            "type": event_type, "payload": dump_json(payload), "member_id": member_id,
            "occurred_at": utc_text(occurred_at)})
        return seq

    def append_many(self, events: Sequence[tuple[str, dict[str, Any] | None, str | None]], *,
                    occurred_at_iso: str, payloads: Sequence[str] | None = None,
                    event_ids: Sequence[str] = ()) -> list[int]:
        """Queue events in order with one counter move and one executemany (an import's
        batch writes thousands); the same rows `append` writes one at a time. `payloads`
        are the events' JSON texts when the caller made them already (before the lock)."""
        if not events:
            return []
        if not all(kind for kind, _, _ in events):
            raise ValidationError("outbox.type_required", field="type")
        occurred_at = utc_text(_parse_aware(occurred_at_iso))
        last = self._counters.take(SEQ_COUNTER, len(events))
        seqs = list(range(last - len(events) + 1, last + 1))
        terminal = self._terminal.get()
        texts = payloads if payloads is not None else [dump_json(p) for _, p, _ in events
                                                       if p is not None]
        ids = event_ids or [new_id_str() for _ in events]
        execute_many(self._s, _INSERT_MANY, [  # by position: an import writes 400k of them
            (terminal, seq, event_id, kind, text, member_id, occurred_at)
            for seq, (kind, _, member_id), text, event_id
            in zip(seqs, events, texts, ids, strict=True)])
        return seqs

    def pending(self, limit: int = 500) -> list[OutboxEvent]:
        rows = fetch_all_named(self._s, _PENDING, (self._terminal.get(), limit))
        return [outbox_from(r) for r in rows]

    def count_pending(self, limit: int) -> int:
        """A count without reading the events: the till's status bar asks at every start."""
        row = fetch_one(self._s, _COUNT_PENDING, (self._terminal.get(), limit))
        return int(row[0]) if row is not None else 0

    def ack(self, seqs: Sequence[int]) -> None:
        """Mark events head office answered (applied or duplicate); acking twice is harmless."""
        if not seqs:
            return
        execute_many(self._s, _ACK, [(utc_text(self._clock.now()), self._terminal.get(), seq)
                                     for seq in seqs])

    def prune_acked(self, acked_before: datetime) -> int:
        """Delete events head office acknowledged before `acked_before`; returns how many.

        Only a prefix of each terminal's seqs goes, so what stays runs on without a hole from
        the recorded watermark: never past an unacknowledged event or one acknowledged
        recently, never the newest acknowledged one, never past what head office says it has.
        """
        cutoff = utc_text(require_aware(acked_before))
        deleted = 0
        for terminal, through in _prunable(self._s, cutoff):
            deleted += execute(self._s, _DELETE_THROUGH, (terminal, through))
            execute(self._s, _SET_WATERMARK, (terminal, PRUNED_THROUGH, through))
        return deleted


_PENDING = select_sql("outbox", OUTBOX_COLUMNS, "terminal_id = ? AND acked = 0",
                      "seq") + " LIMIT ?"
_ACK = ("UPDATE outbox SET acked = 1, acked_at = ? "
        "WHERE terminal_id = ? AND seq = ? AND acked = 0")
# Per terminal: the newest acknowledged seq, and the first seq that must stay (not yet
# acknowledged, or acknowledged on or after the cutoff); rows at or below the watermark are
# already gone, so the scan only sees the live part of the outbox.
_PRUNE_BOUNDS = """
    SELECT o.terminal_id,
           MAX(CASE WHEN o.acked THEN o.seq END),
           MIN(CASE WHEN NOT o.acked OR o.acked_at IS NULL OR o.acked_at >= ? THEN o.seq END),
           COALESCE(w.value, 0)
    FROM outbox o
    LEFT JOIN counters w ON w.terminal_id = o.terminal_id AND w.name = ?
    GROUP BY o.terminal_id
"""
_DELETE_THROUGH = "DELETE FROM outbox WHERE terminal_id = ? AND seq <= ?"
_SET_WATERMARK = (
    "INSERT INTO counters (terminal_id, name, value) VALUES (?, ?, ?) "
    "ON CONFLICT (terminal_id, name) DO UPDATE SET value = excluded.value")
_HEAD_OFFICE_HAS = "SELECT terminal_id, acked_through_seq FROM sync_state WHERE id = 1"


def _prunable(session: Session, cutoff: str) -> list[tuple[str, int]]:
    """(terminal, last seq to delete) for each terminal with something old enough to go."""
    enrolled = fetch_one(session, _HEAD_OFFICE_HAS, ())
    found: list[tuple[str, int]] = []
    for terminal, newest_acked, first_kept, watermark in fetch_all(
            session, _PRUNE_BOUNDS, (cutoff, PRUNED_THROUGH)):
        if newest_acked is None:
            continue
        bounds = [newest_acked - 1]
        if first_kept is not None:
            bounds.append(first_kept - 1)
        if enrolled is not None and enrolled[0] == terminal:
            # Balances pulled from head office count this till's entries after this seq.
            bounds.append(int(enrolled[1]))
        through = min(bounds)
        if through > watermark:
            found.append((str(terminal), through))
    return found


def _parse_aware(text: str) -> datetime:
    try:
        return require_aware(datetime.fromisoformat(text))
    except ValueError:
        raise ValidationError("outbox.occurred_at_invalid", field="occurred_at",
                              value=text) from None

