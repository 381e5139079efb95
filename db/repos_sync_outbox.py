"""The outbox as the sync client sees it: unsent events, a rewind, what was already announced."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from db.repos_driver import Source, execute, fetch_all, fetch_one

_REWIND = "UPDATE outbox SET acked = 0, acked_at = NULL WHERE terminal_id = ? AND seq >= ?"
_UNSYNCED = "SELECT count(*) FROM outbox WHERE terminal_id = ? AND NOT acked"
_LAST_SEQ = "SELECT value FROM counters WHERE terminal_id = ? AND name = 'outbox.seq'"
_SENT = "SELECT json_extract(payload, ?) FROM outbox WHERE type = ?"
_SENT_PINS = ("SELECT json_extract(payload, '$.member_id'), "
              "json_extract(payload, '$.fields.pin_hash') FROM outbox "
              "WHERE type = 'member.patched'")


class SqlSyncOutbox:
    def __init__(self, session: Source) -> None:
        self._s = session

    def rewind(self, terminal_id: str, from_seq: int) -> int:
        """Head office lost events it had acknowledged: from `from_seq` on they go again."""
        return execute(self._s, _REWIND, (terminal_id, from_seq))

    def unsynced(self, terminal_id: str) -> int:
        row = fetch_one(self._s, _UNSYNCED, (terminal_id,))
        return int(row[0]) if row else 0

    def last_seq(self, terminal_id: str) -> int:
        """The newest seq this terminal gave an event (pruned ones count too)."""
        row = fetch_one(self._s, _LAST_SEQ, (terminal_id,))
        return int(row[0]) if row and row[0] is not None else 0

    def unacked(self, terminal_id: str, after_seq: int, types: Sequence[str],
                member_ids: Sequence[str]) -> list[tuple[str, dict[str, Any]]]:
        """(type, payload) of this terminal's events after `after_seq` (head office has not
        applied them yet) of these types about these members, oldest first."""
        if not types or not member_ids:
            return []
        sql = (f"SELECT type, payload FROM outbox WHERE terminal_id = ? AND seq > ? "
               f"AND type IN ({_marks(types)}) AND member_id IN ({_marks(member_ids)}) "
               f"ORDER BY seq")
        rows = fetch_all(self._s, sql, (terminal_id, after_seq, *types, *member_ids))
        return [(str(t), json.loads(p)) for t, p in rows]

    def sent_keys(self, paths: Mapping[str, str]) -> set[tuple[str, str]]:
        """(family, key) of every queued event of each type, its key at the JSON path given
        for the type (the family is the type's first word: `card.issued` → card)."""
        sent: set[tuple[str, str]] = set()
        for event_type, path in paths.items():
            family = event_type.split(".")[0]
            sent.update((family, str(key)) for (key,) in fetch_all(
                self._s, _SENT, (path, event_type)) if key is not None)
        return sent

    def sent_pins(self) -> set[tuple[str, str]]:
        """(member id, PIN hash) of every queued profile edit that carries a PIN."""
        return {(str(m), str(h)) for m, h in fetch_all(self._s, _SENT_PINS, ())
                if h is not None}


class SqlHeldIds:
    """Every member, card and coupon this till holds, for announcing what head office may
    not have heard of (sync/announce.py)."""

    def __init__(self, session: Source) -> None:
        self._s = session

    def members(self) -> list[str]:
        return self._ids("SELECT id FROM members ORDER BY id")

    def cards(self) -> list[str]:
        return self._ids("SELECT number FROM cards ORDER BY number")

    def coupons(self) -> list[str]:
        return self._ids("SELECT code FROM coupons ORDER BY code")

    def _ids(self, sql: str) -> list[str]:
        return [str(r[0]) for r in fetch_all(self._s, sql, ())]


def _marks(values: Sequence[str]) -> str:
    return ", ".join("?" for _ in values)
