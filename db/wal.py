"""The write-ahead log copied back into the store file at moments that stall nobody."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path
from typing import NamedTuple

# A till's log stays near SQLite's 1,000-page autocheckpoint (~4 MB) and one large
# transaction's size; a bigger one was left by a long write that did not finish (a killed
# import), and the next open copies it back in the background.
LARGE_LOG_BYTES = 32 << 20
# How long the final shrink waits for the till's readers and writer; it gives up rather
# than hold new writers back (the log was copied back already: only its size is left).
SHRINK_WAIT_S = 0.2


class Checkpoint(NamedTuple):
    busy: bool  # another checkpoint or a reader stopped it before the end of the log
    log_pages: int  # frames in the log (0 after a shrink, -1: not in WAL mode)
    copied_pages: int  # of them copied back into the file


def copy_back(path: Path, *, shrink: bool = False) -> Checkpoint:
    """Copy the log back without blocking the till: a PASSIVE checkpoint on a connection of
    its own, outside any transaction, so readers and writers go on meanwhile.

    With `shrink`, once all of it is copied, a TRUNCATE checkpoint empties the file; that one
    holds new writers back, so it comes after the copy (little is left to do) and waits at
    most SHRINK_WAIT_S for others before giving up.
    """
    conn = sqlite3.connect(path, timeout=SHRINK_WAIT_S, isolation_level=None)
    try:
        done = _checkpoint(conn, "PASSIVE")
        if shrink and not done.busy and done.copied_pages == done.log_pages:
            done = _checkpoint(conn, "TRUNCATE")
        return done
    finally:
        conn.close()


def _checkpoint(conn: sqlite3.Connection, mode: str) -> Checkpoint:
    busy, log, copied = conn.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
    return Checkpoint(bool(busy), int(log), int(copied))


def log_bytes(path: Path) -> int:
    log = path.with_name(path.name + "-wal")
    return log.stat().st_size if log.exists() else 0


def tidy_in_background(path: Path) -> threading.Thread | None:
    """A log larger than a till leaves (a killed import's) copied back and shrunk on a
    thread of its own, so the first sale does not do it in front of a cashier; None when the
    log is of ordinary size."""
    if log_bytes(path) <= LARGE_LOG_BYTES:
        return None
    thread = threading.Thread(target=_tidy, args=(path,), name="kaika-wal-tidy", daemon=True)
    thread.start()
    return thread


def _tidy(path: Path) -> None:
    # On failure the store's own checkpoints do it later; there is nobody to tell.
    with contextlib.suppress(sqlite3.Error):
        copy_back(path, shrink=True)
