"""The SQLite engine of a store database: WAL, synchronous=FULL, foreign keys, BEGIN IMMEDIATE."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from db.filemodes import owner_only, private_mode
from db.seals import Sealer, install

BUSY_TIMEOUT_MS = 30_000

# Applied to every new DBAPI connection. journal_mode is persistent in the file, the others are
# per connection, so a pooled connection that was recycled still gets them.
PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
)

SIDE_FILES = ("-wal", "-shm", "-journal")

# Execution option naming the BEGIN mode; reads that must not queue behind a writer (verify,
# reports) ask for DEFERRED, everything else takes the write lock up front.
BEGIN_OPTION = "kaika_begin"
_BEGIN_MODES = frozenset({"IMMEDIATE", "DEFERRED", "EXCLUSIVE"})

DEFAULT_CACHE = -2000  # SQLite's own default (KiB), which every connection starts with
BULK_CACHE_KIB = 256 * 1024
BULK_MMAP_BYTES = 1 << 32  # as much as SQLite was built to map (2 GB as shipped)
_BULK = "kaika_bulk_writes"  # set in a pooled connection's info while it has the big cache
DEFAULT_AUTOCHECKPOINT = 1000  # pages: SQLite's own default, which every connection starts with


def make_engine(path: str | Path, sealer: Sealer | None = None) -> Engine:
    """An engine for the SQLite file at `path`; every transaction starts with BEGIN IMMEDIATE.

    pysqlite's own transaction handling is switched off (it would BEGIN lazily, DEFERRED, and
    upgrade to a write lock mid-transaction, which is where SQLITE_BUSY deadlocks come from);
    SQLAlchemy's `begin` event emits the BEGIN itself. This is SQLAlchemy's documented recipe.
    Every connection gets `kaika_seal` (db/seals.py), which the sealing triggers call.
    """
    if str(path) != ":memory:":
        secure_files(Path(path))
    engine = create_engine(
        f"sqlite+pysqlite:///{Path(path)}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "connect", lambda conn, _record: install(conn, sealer))
    event.listen(engine, "begin", _on_begin)
    event.listen(engine, "checkin", _on_checkin)
    return engine


def secure_files(path: Path) -> None:
    """Create a missing database file readable by its owner only, and tighten an existing
    one and its side files (made 0644 by an older Kaika) to the same.

    An empty file is a valid empty SQLite database, so SQLite opens the file made here.
    On Windows the mode only sets the read-only flag; there the files' folder (the user's
    AppData) is what keeps other accounts out.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, private_mode(path))
    except FileExistsError:
        pass
    else:
        os.close(fd)
    for each in (path, *(path.with_name(path.name + s) for s in SIDE_FILES)):
        owner_only(each)


def read_only(engine: Engine) -> Engine:
    """The same engine, but its transactions BEGIN DEFERRED: a consistent read, no write lock."""
    return engine.execution_options(**{BEGIN_OPTION: "DEFERRED"})


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # autocommit at the driver: we emit BEGIN ourselves
    cursor = dbapi_connection.cursor()
    try:
        for pragma in PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def bulk_writes(raw: sqlite3.Connection, record_info: dict[Any, Any]) -> None:
    """A big page cache and the file mapped for a transaction that writes thousands of rows
    into big indexes (a member import's batch), until its connection goes back to the pool.

    Through SQLite's default 2 MB cache such a transaction spills dirty pages to the WAL
    before it commits and reads index pages again with a system call each; a till's other
    transactions keep the small cache (memory on a till PC is shared with the GUI).

    Its commit does not copy the log back into the file either (autocheckpoint off): past
    1,000 pages of log SQLite would do that at every batch's commit, copying the same index
    pages again and again (11.6 of 25.5 s of CPU for 100k members at 1M). The import copies
    the log back itself every few batches, outside its transactions (db/wal.py); the
    connection is given the default back with its cache.
    """
    if not record_info.get(_BULK):
        raw.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        raw.execute(f"PRAGMA mmap_size = {BULK_MMAP_BYTES}")
        raw.execute("PRAGMA wal_autocheckpoint = 0")
        record_info[_BULK] = True


def _on_checkin(dbapi_connection: sqlite3.Connection | None, record: Any) -> None:
    if record.info.pop(_BULK, False) and dbapi_connection is not None:
        dbapi_connection.execute(f"PRAGMA cache_size = {DEFAULT_CACHE}")
        dbapi_connection.execute("PRAGMA mmap_size = 0")
        dbapi_connection.execute(f"PRAGMA wal_autocheckpoint = {DEFAULT_AUTOCHECKPOINT}")


def _on_begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get(BEGIN_OPTION, "IMMEDIATE")
    if mode not in _BEGIN_MODES:
        raise ValueError(f"unknown BEGIN mode {mode!r}")
    statement = f"BEGIN {mode}"
    # Straight to sqlite3: through exec_driver_sql this one statement cost 35–70 µs, a quarter
    # of a card look-up (docs/performance.md). Errors are wrapped as SQLAlchemy would have
    # wrapped them (a busy database is an OperationalError either way).
    try:
        conn.connection.driver_connection.execute(statement)  # type: ignore[union-attr]
    except sqlite3.Error as err:
        raise DBAPIError.instance(statement, (), err, sqlite3.Error) from err
