"""The engine's pragmas and locking: WAL, FULL sync, foreign keys, BEGIN IMMEDIATE writers."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import text

from db.engine import BUSY_TIMEOUT_MS, make_engine, read_only


def _pragma(engine_path: Path, name: str) -> object:
    engine = make_engine(engine_path)
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql(f"PRAGMA {name}").scalar()
    finally:
        engine.dispose()


def test_pragmas_are_in_force_on_a_fresh_connection(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    assert _pragma(path, "journal_mode") == "wal"
    assert _pragma(path, "synchronous") == 2  # FULL
    assert _pragma(path, "foreign_keys") == 1
    assert _pragma(path, "busy_timeout") == BUSY_TIMEOUT_MS


def test_transactions_begin_immediate_so_a_second_writer_waits(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    engine = make_engine(path)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (writer TEXT, at REAL)"))
    holding = threading.Event()
    waited: list[float] = []

    def first() -> None:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO t VALUES ('first', 0)"))
            holding.set()
            time.sleep(0.4)

    def second() -> None:
        holding.wait()
        started = time.monotonic()
        with engine.begin() as conn:  # BEGIN IMMEDIATE blocks here until `first` commits
            waited.append(time.monotonic() - started)
            conn.execute(text("INSERT INTO t VALUES ('second', 0)"))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    with engine.connect() as conn:
        writers = conn.execute(text("SELECT writer FROM t ORDER BY rowid")).scalars().all()
    engine.dispose()
    assert writers == ["first", "second"]
    assert 0.3 <= waited[0] < 5


def test_a_write_lock_is_taken_at_begin_not_at_the_first_write(tmp_path: Path) -> None:
    """A read-then-write transaction cannot be overtaken: the lock is held from BEGIN."""
    engine = make_engine(tmp_path / "l.db")
    other = make_engine(tmp_path / "l.db")
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))  # begins the transaction
        raw = other.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA busy_timeout = 0")  # type: ignore[union-attr]
            cursor = raw.cursor()
            try:
                cursor.execute("BEGIN IMMEDIATE")
                locked = False
            except Exception as exc:  # sqlite3.OperationalError: database is locked
                locked = "locked" in str(exc)
        finally:
            raw.close()
    engine.dispose()
    other.dispose()
    assert locked


def test_read_only_transactions_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "r.db")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
        conn.execute(text("INSERT INTO t VALUES (1)"))
    with engine.begin() as writer:
        writer.execute(text("INSERT INTO t VALUES (2)"))
        started = time.monotonic()
        with read_only(engine).connect() as reader:
            seen = reader.execute(text("SELECT COUNT(*) FROM t")).scalar()
        elapsed = time.monotonic() - started
    engine.dispose()
    assert seen == 1  # the snapshot before the writer commits
    assert elapsed < 1
