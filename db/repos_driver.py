"""Plain sqlite3 statements inside a unit of work's transaction, for the till's hot paths.

Each function also takes a bare sqlite3 connection (db/store_peek.py: the reads a command makes
before it needs the ORM); SQLAlchemy is imported only on the paths that need it, so such a
command starts without it (tests/integration/test_start_imports.py)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, cast

if TYPE_CHECKING:
    from sqlalchemy.exc import StatementError
    from sqlalchemy.orm import Session

Params = Sequence[Any] | Mapping[str, Any]
# A unit of work's session, or a plain connection already in the transaction wanted.
Source: TypeAlias = "Session | sqlite3.Connection"
# A row by column name (db/mapping_*.py read these): its names come from the statement's
# cursor.description, once per statement, so no mapper counts column positions.
Named = dict[str, Any]
T = TypeVar("T")
# Session.info keys: the sqlite3 connection and the transaction it was looked up in.
_DRIVER = "kaika.driver"
_TRANSACTION = "kaika.driver_transaction"


def driver(session: Source) -> sqlite3.Connection:
    """The session's own sqlite3 connection, in its open transaction, ORM changes flushed.

    A statement through SQLAlchemy costs 60–600 µs of Python; on the sqlite3 connection it
    costs about 10 µs (docs/performance.md). It is the same connection and so the same
    BEGIN IMMEDIATE transaction: commit and rollback still go through the session. Pending
    ORM changes are flushed first so plain reads see them. A bare connection is itself.
    """
    if isinstance(session, sqlite3.Connection):
        return session
    session.flush()
    info = session.info
    transaction = session.get_transaction()
    if transaction is None or info.get(_TRANSACTION) is not transaction:
        info[_DRIVER] = session.connection().connection.driver_connection
        info[_TRANSACTION] = session.get_transaction()
    return cast(sqlite3.Connection, info[_DRIVER])


def fetch_one(session: Source, sql: str, params: Params) -> tuple[Any, ...] | None:
    try:
        row: tuple[Any, ...] | None = driver(session).execute(sql, params).fetchone()
    except sqlite3.Error as err:
        raise _wrapped(sql, params, err) from err
    return row


def fetch_snapshot(session: Source, sql: str, params: Params) -> tuple[Any, ...] | None:
    """One SELECT that is a consistent read on its own, run without BEGIN when it can be.

    SQLite gives a statement run outside a transaction its own read snapshot, so a look-up
    that is a single statement needs no BEGIN and no rollback: on a pooled connection of the
    session's engine it skips 30–40 µs of the session's transaction bookkeeping
    (docs/performance.md). Once the session's transaction has begun (pending changes, earlier
    reads) the statement runs in it instead, so it sees that work's own writes.
    """
    if isinstance(session, sqlite3.Connection):
        return fetch_one(session, sql, params)
    from sqlalchemy import Engine  # here, not above: see the module's docstring

    bind = session.get_bind()
    if session.in_transaction() or not isinstance(bind, Engine):
        return fetch_one(session, sql, params)
    pooled = bind.raw_connection()
    try:
        conn = cast(sqlite3.Connection, pooled.driver_connection)
        row: tuple[Any, ...] | None = conn.execute(sql, params).fetchone()
    except sqlite3.Error as err:
        raise _wrapped(sql, params, err) from err
    finally:
        pooled.close()  # back to the pool (its reset is a no-op: no transaction is open)
    return row


def fetch_named(session: Source, sql: str, params: Params) -> Named | None:
    """fetch_one, the row by column name."""
    try:
        cursor = driver(session).execute(sql, params)
        row = cursor.fetchone()
    except sqlite3.Error as err:
        raise _wrapped(sql, params, err) from err
    return None if row is None else dict(zip(names(cursor), row, strict=True))


def fetch_all_named(session: Source, sql: str, params: Params) -> list[Named]:
    """fetch_all, each row by column name."""
    try:
        cursor = driver(session).execute(sql, params)
        rows = cursor.fetchall()
    except sqlite3.Error as err:
        raise _wrapped(sql, params, err) from err
    columns = names(cursor)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def iter_named(session: Source, sql: str, params: Params) -> Iterator[Named]:
    """Rows by column name one at a time, for a walk over a table too big to hold (the
    audit chain)."""
    try:
        cursor = driver(session).execute(sql, params)
    except sqlite3.Error as err:
        raise _wrapped(sql, params, err) from err
    columns = names(cursor)
    for row in cursor:
        yield dict(zip(columns, row, strict=True))


def names(cursor: sqlite3.Cursor) -> tuple[str, ...]:
    """The column names of a statement's rows (an `AS` alias where it has one)."""
    return tuple(d[0] for d in cursor.description)


def fetch_all(session: Source, sql: str, params: Params) -> list[tuple[Any, ...]]:
    try:
        return driver(session).execute(sql, params).fetchall()
    except sqlite3.Error as err:
        raise _wrapped(sql, params, err) from err


def execute(session: Source, sql: str, params: Params) -> int:
    """Run one writing statement; returns the number of rows it changed."""
    try:
        changed = driver(session).execute(sql, params).rowcount
    except sqlite3.Error as err:
        raise _wrapped(sql, params, err) from err
    _expire_loaded(session)
    return changed


def execute_many(session: Source, sql: str, rows: Sequence[Params]) -> int:
    """Run one writing statement per parameter set; returns the rows changed, summed."""
    try:
        changed = driver(session).executemany(sql, rows).rowcount
    except sqlite3.Error as err:
        raise _wrapped(sql, rows, err) from err
    _expire_loaded(session)
    return changed


def write(session: Session, sql: str, build: Callable[[], Params]) -> int:
    """Build a record's parameters and run `sql` with them.

    A value its column cannot hold (a naive time, a datetime for a date, a float rate) is
    refused with a StatementError, as SQLAlchemy's column types (db/types.py) refuse it.
    """
    return execute(session, sql, bound(sql, build))


def write_many(session: Session, sql: str, build: Callable[[], Sequence[Params]]) -> None:
    execute_many(session, sql, bound(sql, build))


def bound(sql: str, build: Callable[[], T]) -> T:
    """`build()`, its ValueError or TypeError refused as a StatementError on `sql`."""
    try:
        return build()
    except (ValueError, TypeError) as err:
        from sqlalchemy.exc import StatementError

        raise StatementError(str(err), sql, None, err) from err


def _wrapped(sql: str, params: Any, err: sqlite3.Error) -> StatementError:
    """The error SQLAlchemy would have raised (IntegrityError, OperationalError, ...), so
    callers see one family of exceptions whichever way a statement went."""
    from sqlalchemy.exc import DBAPIError

    return DBAPIError.instance(sql, params, err, sqlite3.Error)


def _expire_loaded(session: Source) -> None:
    """ORM objects loaded earlier in the transaction may show rows just written: expire
    them so the ORM reads them again (a no-op on the hot paths, which load none)."""
    if not isinstance(session, sqlite3.Connection) and session.identity_map:
        session.expire_all()


def select_sql(table: str, columns: Sequence[str], where: str, order: str = "") -> str:
    """SELECT of named columns (never *, so a migration adding a column changes nothing)."""
    tail = f" ORDER BY {order}" if order else ""
    return f"SELECT {', '.join(columns)} FROM {table} WHERE {where}{tail}"


def insert_sql(table: str, columns: Sequence[str]) -> str:
    """INSERT with :name placeholders, so parameters are plain dicts."""
    return (f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join(':' + c for c in columns)})")


def positional(sql: str) -> tuple[str, tuple[str, ...]]:
    """A statement with :name placeholders as one with ? marks, and the names in their
    order: bulk writes bind tuples, 2.6 times cheaper a row than dicts (docs/performance.md)."""
    names = tuple(_NAMED.findall(sql))
    return _NAMED.sub("?", sql), names


_NAMED = re.compile(r":(\w+)")


def upsert_sql(table: str, columns: Sequence[str], key: Sequence[str],
               update: Sequence[str] | None = None) -> str:
    """INSERT, or on a taken key UPDATE `update` (default: every non-key column) — `merge`."""
    changed = update if update is not None else [c for c in columns if c not in key]
    sets = ", ".join(f"{c} = excluded.{c}" for c in changed)
    return f"{insert_sql(table, columns)} ON CONFLICT ({', '.join(key)}) DO UPDATE SET {sets}"
