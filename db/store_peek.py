"""A store database read with plain sqlite3 until the ORM is needed (`kaika sync --once`).

`kaika sync` reads the sync state, the oldest unsent events and the chain head, signs them and
connects to head office before anything else: through `StoreFile` it does so on a bare sqlite3
connection, with the same repositories the unit of work uses for those tables
(db/repos_sync_state.py, db/repos_sync_outbox.py over db/repos_driver.py), and SQLAlchemy, its
40 mappers and the store's migrations check load only when a `uow()` or `reader()` is first
asked for, once head office has answered (docs/performance.md, "start fast").
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from db.migrate_head import script_head, versions
from db.repos_driver import fetch_all, fetch_one
from db.repos_sync_outbox import SqlSyncOutbox
from db.repos_sync_state import SqlSyncStateRepo
from db.texts import parse_utc
from domain.errors import NotFound
from domain.outbox_event import OutboxEvent

if TYPE_CHECKING:
    from db.store import StoreDb
    from db.uow import SqlUnitOfWork

# The engine's per-connection settings (db/engine.py); WAL is kept in the file itself.
_PRAGMAS = ("PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 30000")
# chain_marks' names for the chain's head and what head office acknowledged (db/audit.py).
HEAD, ACKED = "audit.head", "audit.acked"
_MARK = "SELECT seq, mac FROM chain_marks WHERE name = ?"
_LINK = "SELECT hash FROM audit_log WHERE seq = ?"
# A counters row present while a till put back from a backup has not yet asked head office
# where it stood (sync/standing.py).
RESTORED_COUNTER = "sync.restored_at_seq"
_COUNTER = "SELECT value FROM counters WHERE terminal_id = ? AND name = ?"
_SENDER = "SELECT merchant_id, store_id, terminal_id, rulepack FROM store_settings WHERE id = 1"
_PENDING = ("SELECT seq, event_id, type, payload, occurred_at, member_id, acked FROM outbox "
            "WHERE terminal_id = ? AND acked = 0 ORDER BY seq LIMIT ?")


@dataclass(frozen=True, slots=True)
class Sender:
    """Who the till's pushes come from (its `store_settings`), without the card secret."""

    merchant_id: str
    store_id: str
    terminal_id: str
    rulepack: str


class PlainTrail:
    """The audit chain's marks and links, as `SqlAuditRepo` reads them (db/audit.py)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def head(self) -> tuple[int, str] | None:
        return self._mark(HEAD)

    def acked_mark(self) -> tuple[int, str] | None:
        return self._mark(ACKED)

    def link_at(self, seq: int) -> str | None:
        row = fetch_one(self._conn, _LINK, (seq,))
        return None if row is None else str(row[0])

    def _mark(self, name: str) -> tuple[int, str] | None:
        row = fetch_one(self._conn, _MARK, (name,))
        return None if row is None else (int(row[0]), str(row[1]))


class StorePeek:
    """One transaction on a connection of its own: a read (BEGIN DEFERRED, never waits for
    the write lock), or with `write=True` a short write of the sync state (BEGIN IMMEDIATE).
    Use it in a `with` block; what is not committed is rolled back."""

    def __init__(self, path: Path, *, write: bool = False) -> None:
        self._conn = sqlite3.connect(path, timeout=30.0, isolation_level=None,
                                     check_same_thread=False)
        try:
            for pragma in _PRAGMAS:
                self._conn.execute(pragma)
            self._conn.execute("BEGIN IMMEDIATE" if write else "BEGIN DEFERRED")
        except BaseException:
            self._conn.close()
            raise
        self.sync_state = SqlSyncStateRepo(self._conn)
        self.sync_outbox = SqlSyncOutbox(self._conn)
        self.audit_trail = PlainTrail(self._conn)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        try:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        finally:
            self._conn.close()

    def commit(self) -> None:
        self._conn.execute("COMMIT")

    def versions(self) -> list[str] | None:
        """The revisions the store's `alembic_version` holds; None if it has none."""
        return versions(self._conn)

    def restored_at(self, terminal_id: str) -> int | None:
        """The outbox seq a restored backup ended at, while head office has not been asked
        where the till stood (sync/standing.py); None otherwise."""
        row = fetch_one(self._conn, _COUNTER, (terminal_id, RESTORED_COUNTER))
        return int(row[0]) if row is not None else None

    def sender(self) -> Sender:
        row = fetch_one(self._conn, _SENDER, ())
        if row is None:
            raise NotFound("store.not_initialised")
        return Sender(*(str(value) for value in row))

    def pending(self, terminal_id: str, limit: int) -> list[OutboxEvent]:
        """The oldest unacknowledged events of this terminal, as `SqlOutbox.pending` gives them."""
        return [OutboxEvent(seq=int(seq), event_id=event_id, type=kind,
                            payload=json.loads(payload), occurred_at=parse_utc(occurred),
                            member_id=member_id, acked=bool(acked))
                for seq, event_id, kind, payload, occurred, member_id, acked
                in fetch_all(self._conn, _PENDING, (terminal_id, limit))]


class StoreFile:
    """A store database for a command that starts with a few plain reads (`peek`): the whole
    StoreDb (SQLAlchemy, migrations, sealing, key file checks) opens on the first `uow()` or
    `reader()`, or at once when the file is missing or not at the head this Kaika knows."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: StoreDb | None = None

    @classmethod
    def open(cls, path: str | Path) -> StoreFile:
        """The existing store at `path`; refused as `StoreDb.open(create=False)` refuses."""
        store = cls(Path(path).expanduser().resolve())
        if not store._at_head():
            store.db  # noqa: B018 (opened now: migrated, or missing/newer refused in words)
        return store

    def _at_head(self) -> bool:
        known = script_head()
        if known is None or not self.path.is_file():
            return False
        with self.peek() as peek:
            return peek.versions() == [known]

    @property
    def db(self) -> StoreDb:
        """The store opened in full (once)."""
        if self._db is None:
            from db.store import StoreDb

            self._db = StoreDb.open(self.path, create=False)
        return self._db

    def peek(self, *, write: bool = False) -> StorePeek:
        return StorePeek(self.path, write=write)

    def uow(self) -> SqlUnitOfWork:
        return self.db.uow()

    def reader(self) -> SqlUnitOfWork:
        return self.db.reader()

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
