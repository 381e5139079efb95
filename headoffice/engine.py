"""Head-office database engines: PostgreSQL in production, SQLite for one small shop or a demo."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Connection, Engine, create_engine, event

from db.types import dump_json

DB_ENV = "KAIKA_HO_DB"
BUSY_TIMEOUT_MS = 30_000
# A database that does not answer: the health check and each request say so within this.
CONNECT_TIMEOUT_S = 10
# Reads (pull, reports) ask for this: a snapshot on PostgreSQL, no write lock on SQLite.
READ = {"isolation_level": "REPEATABLE READ"}


def default_url() -> str:
    """`--db` wins, then KAIKA_HO_DB, then a SQLite file in the user's data folder."""
    env = os.environ.get(DB_ENV)
    if env:
        return env
    path = Path(user_data_dir("Kaika", "Kaika")) / "headoffice.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def normalise_url(url: str) -> str:
    """`postgresql://` means psycopg 3 (the driver we ship), not psycopg2."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str, *, pool_size: int = 10, pooler: str = "none",
                password: str | None = None) -> Engine:
    """`pooler="transaction"`: behind PgBouncer in transaction mode, where one session's
    statements may run on different server connections, so psycopg must never prepare one
    (PgBouncer < 1.21 fails with DuplicatePreparedStatement, or worse, runs another's)."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        return _sqlite_engine(url)
    connect_args: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_S}
    if pooler == "transaction":
        connect_args["prepare_threshold"] = None
    if password is not None:
        connect_args["password"] = password
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True,
                         json_serializer=dump_json, connect_args=connect_args)


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def read_options(engine: Engine) -> dict[str, Any]:
    """Execution options of a consistent read-only transaction on this engine."""
    return {"kaika_begin": "DEFERRED"} if is_sqlite(engine) else dict(READ)


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, json_serializer=dump_json,
                           connect_args={"timeout": BUSY_TIMEOUT_MS / 1000,
                                         "check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see db/engine.py)
    cursor = dbapi_connection.cursor()
    try:
        for pragma in ("PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                       f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}"):
            cursor.execute(pragma)
    finally:
        cursor.close()


def _on_begin(conn: Connection) -> None:
    # One writer at a time, taken at BEGIN: a push never fails half-way on SQLITE_BUSY.
    mode = conn.get_execution_options().get("kaika_begin", "IMMEDIATE")
    conn.exec_driver_sql(f"BEGIN {mode}")
