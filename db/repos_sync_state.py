"""The till's sync state (one row once enrolled): enrolment, cursor, contact, grant, clock."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from db.repos_driver import Source, execute, fetch_one, select_sql
from db.texts import dump_json, parse_utc, utc_text


@dataclass(frozen=True, slots=True)
class SyncState:
    """What the sync client keeps between rounds (the `sync_state` row, id = 1)."""

    server_url: str = ""
    terminal_id: str = ""
    enrolled_at: datetime | None = None
    cursor: str = ""
    acked_through_seq: int = 0
    last_push_at: datetime | None = None
    last_pull_at: datetime | None = None
    last_contact_at: datetime | None = None  # till clock
    last_error: str = ""
    revoked: bool = False
    server_offset_ms: int = 0  # head office's clock minus this till's
    hlc: str = ""
    grant_valid_until: datetime | None = None  # head office's clock
    grant_limits: dict[str, Any] = field(default_factory=dict)


COLUMNS = tuple(f.name for f in fields(SyncState))
_TIMES = frozenset({"enrolled_at", "last_push_at", "last_pull_at", "last_contact_at",
                    "grant_valid_until"})
_GET = select_sql("sync_state", COLUMNS, "id = 1")
_START = "INSERT INTO sync_state (id, terminal_id, server_url) VALUES (1, ?, ?)"


def state_from_row(row: tuple[Any, ...]) -> SyncState:
    """A row of `_GET`, read by column name."""
    values = dict(zip(COLUMNS, row, strict=True))
    for name in _TIMES:
        values[name] = parse_utc(values[name]) if values[name] is not None else None
    values["revoked"] = bool(values["revoked"])
    values["grant_limits"] = json.loads(values["grant_limits"] or "{}")
    return SyncState(**values)


def _stored(name: str, value: Any) -> Any:
    if name in _TIMES:
        return utc_text(value) if value is not None else None
    if name == "grant_limits":
        return dump_json(value)
    if name == "revoked":
        return int(bool(value))
    return value


class SqlSyncStateRepo:
    def __init__(self, session: Source) -> None:
        self._s = session

    def get(self) -> SyncState | None:
        """The state, None before the till enrolled."""
        row = fetch_one(self._s, _GET, ())
        return None if row is None else state_from_row(row)

    def start(self, terminal_id: str, server_url: str, **values: Any) -> None:
        """The row of a till enrolling now, with `values` set (see `update`)."""
        execute(self._s, _START, (terminal_id, server_url))
        self.update(**values)

    def update(self, **values: Any) -> bool:
        """Set the named fields of SyncState; False (nothing written) before enrolment."""
        if not values:
            return self.get() is not None
        unknown = set(values) - set(COLUMNS)
        if unknown:
            raise TypeError(f"sync_state has no field {sorted(unknown)}")
        sets = ", ".join(f"{name} = :{name}" for name in values)
        params = {name: _stored(name, value) for name, value in values.items()}
        return execute(self._s, f"UPDATE sync_state SET {sets} WHERE id = 1", params) == 1
