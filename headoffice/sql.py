"""Small SQL helpers that read the same on PostgreSQL and SQLite (upserts, locks, retries)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import sqlalchemy as sa
from psycopg.types.json import Jsonb
from sqlalchemy import Connection, Engine
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

T = TypeVar("T")
# PostgreSQL errors worth running the whole transaction again for: deadlock, serialization
# failure, and a unique key taken by a concurrent transaction (two tills creating the same
# member at once: the second attempt sees the first and makes an alias).
RETRYABLE = {"40P01", "40001", "23505"}
ATTEMPTS = 4


def _insert(conn: Connection, table: sa.Table) -> Any:
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def insert_ignore(conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]],
                  returning: sa.Column[Any] | None = None) -> list[Any]:
    """INSERT rows, skipping those whose key exists; returns `returning` of the new ones."""
    if not rows:
        return []
    stmt = _insert(conn, table).on_conflict_do_nothing()
    if returning is None:
        conn.execute(stmt, list(rows))
        return []
    return list(conn.execute(stmt.returning(returning), list(rows)).scalars())


def existing(conn: Connection, table: sa.Table, keys: Sequence[str],
             values: Sequence[tuple[Any, ...]]) -> set[tuple[Any, ...]]:
    """Which of `values` (tuples of the `keys` columns) are already in the table."""
    wanted = set(values)
    if not wanted:
        return set()
    cols = [table.c[k] for k in keys]
    found: set[tuple[Any, ...]] = set()
    items = sorted(wanted, key=str)
    for i in range(0, len(items), 1000):
        chunk = items[i:i + 1000]
        where = [among(conn, col, sorted({v[n] for v in chunk}, key=str))
                 for n, col in enumerate(cols)]
        found.update(tuple(r) for r in conn.execute(sa.select(*cols).where(*where)))
    return found & wanted


def among(conn: Connection, col: sa.Column[Any], values: list[Any]) -> Any:
    """`col IN values`: one array parameter on PostgreSQL (the statement stays the same, so
    it is parsed and planned once), a plain IN list on SQLite.

    Texts go as one string split by PostgreSQL (`string_to_array`): psycopg adapts an array
    element by element in Python, about 1.5 ms of CPU for 500 ids, and ingest sends a few
    dozen such lists per push. The separator is a control character, which no stored text
    holds (domain/text.py); a list where one does, or holding "", is sent as an array."""
    if conn.dialect.name != "postgresql":
        return col.in_(values)
    joined = _joined(col, values)
    if joined is not None:
        return col == sa.any_(sa.func.string_to_array(
            sa.bindparam(None, joined, type_=sa.Text), sa.literal(_SEP, sa.Text)))
    return col == sa.any_(sa.bindparam(None, values, type_=postgresql.ARRAY(col.type)))


_SEP = "\x1f"  # the unit separator


def _joined(col: sa.Column[Any], values: list[Any]) -> str | None:
    """`values` joined by `_SEP` if that loses nothing: a plain text column (no bind-time
    processing), every value a non-empty str without `_SEP` in it."""
    if not isinstance(col.type, sa.String) or isinstance(col.type, sa.Enum) or not values:
        return None
    if not all(type(v) is str for v in values) or "" in values:
        return None
    joined = _SEP.join(values)
    return joined if joined.count(_SEP) == len(values) - 1 else None


def fast_json(value: Any) -> str:
    """JSON for COPY: compact, CJK kept, no key sorting (the database normalises jsonb)."""
    return _ENCODER.encode(value)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)


def bulk_insert(conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT rows known to be new, fast: COPY on PostgreSQL (one round trip, no statement to
    parse), executemany on SQLite. A row that is not new after all fails the transaction."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), list(rows))
        return
    columns = list(rows[0])
    json_cols = {c for c in columns if isinstance(table.c[c].type, sa.JSON)}
    names = ", ".join(f'"{c}"' for c in columns)
    raw: Any = conn.connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([Jsonb(row[c], dumps=fast_json)
                            if c in json_cols and row[c] is not None else row[c]
                            for c in columns])


def update_many(conn: Connection, table: sa.Table, key: str,
                rows: Sequence[dict[str, Any]], bump: str | None = None) -> None:
    """UPDATE each row (by `key`) with its other values; on PostgreSQL one statement over
    arrays (`UPDATE ... FROM unnest(...)`), elsewhere executemany. `bump` is incremented."""
    if not rows:
        return
    columns = [c for c in rows[0] if c != key]
    if conn.dialect.name != "postgresql":
        stmt = table.update().where(table.c[key] == sa.bindparam("_k")).values(
            {c: sa.bindparam(f"_{c}") for c in columns})
        if bump:
            stmt = stmt.values({bump: table.c[bump] + 1})
        conn.execute(stmt, [{"_k": r[key], **{f"_{c}": r[c] for c in columns}} for r in rows])
        return
    names = [key, *columns]
    json_cols = {c for c in names if isinstance(table.c[c].type, sa.JSON)}
    arrays = {f"a{i}": [Jsonb(r[n], dumps=fast_json) if n in json_cols else r[n] for r in rows]
              for i, n in enumerate(names)}
    types = [table.c[n].type.compile(conn.dialect) for n in names]
    source = ", ".join(f"unnest(%(a{i})s::{t}[]) AS {n}" for i, (n, t) in
                       enumerate(zip(names, types, strict=True)))
    sets = [f"{c} = v.{c}" for c in columns] + ([f"{bump} = t.{bump} + 1"] if bump else [])
    sql = (f"UPDATE {table.name} AS t SET {', '.join(sets)} FROM (SELECT {source}) AS v "
           f"WHERE t.{key} = v.{key}")
    raw: Any = conn.connection.driver_connection
    with raw.cursor() as cursor:
        cursor.execute(sql, arrays)


def upsert(conn: Connection, table: sa.Table, rows: Sequence[dict[str, Any]],
           keys: Sequence[str], update: Sequence[str]) -> None:
    """INSERT rows, or UPDATE the `update` columns of those whose `keys` exist."""
    if not rows:
        return
    stmt = _insert(conn, table)
    stmt = stmt.on_conflict_do_update(index_elements=list(keys),
                                      set_={c: stmt.excluded[c] for c in update})
    conn.execute(stmt, list(rows))


def for_update(conn: Connection, stmt: sa.Select[Any]) -> sa.Select[Any]:
    """Row locks on PostgreSQL; SQLite has one writer at a time (BEGIN IMMEDIATE) anyway."""
    return stmt.with_for_update() if conn.dialect.name == "postgresql" else stmt


def retrying(engine: Engine, work: Callable[[Connection], T], **options: Any) -> T:
    """Run `work` in a transaction; run it again after a deadlock or a lost race."""
    for attempt in range(ATTEMPTS):
        try:
            with engine.connect() as conn:
                if options:
                    conn = conn.execution_options(**options)
                with conn.begin():
                    return work(conn)
        except DBAPIError as err:
            state = getattr(err.orig, "sqlstate", None)
            if state not in RETRYABLE or attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")
