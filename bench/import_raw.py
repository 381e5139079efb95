"""Raw-sqlite3 baselines for issue 17's import and verify rows: the same rows Kaika's import
wrote, inserted with executemany in the same batches; the same checks verify makes, by hand."""

from __future__ import annotations

import hmac
import sqlite3
import time
from pathlib import Path
from typing import Any

from db.engine import BULK_CACHE_KIB, BULK_MMAP_BYTES
from db.seals import SEAL_HEX, SEALED, derive, for_key_file, install
from db.wal import copy_back, log_bytes

BATCH = 2000  # members per transaction, as `kaika import` commits them
# Tables an import writes, parents first; rows picked by the new members' ids.
MEMBER_TABLES = ("members", "member_balances", "member_search_terms", "tier_changes",
                 "points_lots", "points_ledger", "wallet_ledger", "cards")
# Outbox and audit rows the import added: above the marks taken before it.
TAIL_TABLES = {"outbox": "seq", "audit_log": "seq", "import_jobs": "rowid"}


def marks(db: Path) -> dict[str, int]:
    """Highest rowid or seq per table before the import."""
    with sqlite3.connect(db) as conn:
        found = {t: _top(conn, t, "rowid") for t in ("members",)}
        found.update({t: _top(conn, t, c) for t, c in TAIL_TABLES.items()
                      if _exists(conn, t)})
    return found


def _top(conn: sqlite3.Connection, table: str, column: str) -> int:
    return int(conn.execute(f"SELECT COALESCE(MAX({column}), 0) FROM {table}").fetchone()[0])


def _exists(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() \
        is not None


Rows = dict[str, tuple[list[str], list[tuple[Any, ...]]]]


def written(db: Path, before: dict[str, int]) -> tuple[list[list[str]], Rows]:
    """What the import wrote: member ids in batches (rowid order), and per table the
    columns (without `seal`: the baseline's triggers make it) and the rows."""
    conn = sqlite3.connect(db)
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM members WHERE rowid > ? ORDER BY "
                                          "rowid", (before["members"],))]
        conn.execute("CREATE TEMP TABLE new_ids (id TEXT PRIMARY KEY)")
        conn.executemany("INSERT INTO temp.new_ids VALUES (?)", [(i,) for i in ids])
        rows: Rows = {}
        for table in MEMBER_TABLES:
            key = "id" if table == "members" else "member_id"
            rows[table] = _select(conn, table, f"{key} IN (SELECT id FROM temp.new_ids)")
        for table, column in TAIL_TABLES.items():
            rows[table] = _select(conn, table, f"{column} > {before.get(table, 0)}")
    finally:
        conn.close()
    return [ids[i:i + BATCH] for i in range(0, len(ids), BATCH)], rows


def _select(conn: sqlite3.Connection, table: str, where: str) -> tuple[list[str], list[Any]]:
    cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "seal"]
    return cols, conn.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE {where}").fetchall()


def insert(db: Path, batches: list[list[str]], rows: Rows,
           copy_back_every: int | None = None,
           copy_backs: list[tuple[int, float]] | None = None) -> float:
    """Seconds to insert `rows` batch by batch, each batch one BEGIN IMMEDIATE ... COMMIT,
    with the store's pragmas, the page cache and mapping Kaika's import batches take
    (db/engine.py `bulk_writes`), and its sealing triggers (kaika_seal installed).

    `copy_back_every`: Kaika's log policy since issue 17's fourth pass (autocheckpoint off,
    a PASSIVE checkpoint after every that many batches, a TRUNCATE at the end, db/wal.py);
    None: SQLite's autocheckpoint at 1,000 pages, the first baseline. Each copy-back's log
    size (bytes) and seconds go to `copy_backs`: what a till's sale committed just before
    it would copy in its own autocheckpoint, the longest stall the policy can cause."""
    conn = sqlite3.connect(db, isolation_level=None)
    install(conn, for_key_file(Path(str(db) + ".key")))
    pragmas = ["journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON",
               f"cache_size = -{BULK_CACHE_KIB}", f"mmap_size = {BULK_MMAP_BYTES}"]
    if copy_back_every is not None:
        pragmas.append("wal_autocheckpoint = 0")
    for pragma in pragmas:
        conn.execute(f"PRAGMA {pragma}")
    plan = _plan(batches, rows)
    start = time.perf_counter()
    for n, part in enumerate(plan, 1):
        conn.execute("BEGIN IMMEDIATE")
        for sql, values in part:
            conn.executemany(sql, values)
        conn.execute("COMMIT")
        if copy_back_every is not None and n % copy_back_every == 0 and n < len(plan):
            _timed_copy_back(db, False, copy_backs)
    if copy_back_every is not None:
        _timed_copy_back(db, True, copy_backs)
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


def _timed_copy_back(db: Path, shrink: bool, into: list[tuple[int, float]] | None) -> None:
    size, start = log_bytes(db), time.perf_counter()
    copy_back(db, shrink=shrink)
    if into is not None:
        into.append((size, time.perf_counter() - start))


def _plan(batches: list[list[str]], rows: Rows) -> list[list[tuple[str, list[Any]]]]:
    """Per batch, (INSERT, rows) per table; rows of no member (audit) go with the last."""
    where = {m: n for n, ids in enumerate(batches) for m in ids}
    plan: list[list[tuple[str, list[Any]]]] = [[] for _ in batches] or [[]]
    for table, (cols, values) in rows.items():
        sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        key = cols.index("id" if table == "members" else "member_id") \
            if "member_id" in cols or table == "members" else None
        split: list[list[Any]] = [[] for _ in plan]
        for value in values:
            n = where.get(value[key], len(plan) - 1) if key is not None else len(plan) - 1
            split[n].append(value)
        for n, part in enumerate(split):
            if part:
                plan[n].append((sql, part))
    return plan


def verify_by_hand(db: Path) -> dict[str, float]:
    """verify's work with plain sqlite3: quick_check, foreign keys, the balance and lot sums
    compared in SQL (GROUP BY member), and every seal checked in one pass per table."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA mmap_size = 4294967296")
    conn.execute("PRAGMA cache_size = -262144")
    key = derive(Path(str(db) + ".key").read_bytes().strip())
    steps = {
        "quick_check": lambda: conn.execute("PRAGMA quick_check(100)").fetchall(),
        "foreign_keys": lambda: conn.execute("PRAGMA foreign_key_check").fetchmany(1001),
        "group_by_sums": lambda: conn.execute(_SUMS).fetchall(),
        "seals": lambda: _seal_pass(conn, key),
    }
    timings: dict[str, float] = {}
    conn.execute("BEGIN")
    for name, step in steps.items():
        start = time.perf_counter()
        step()
        timings[name] = time.perf_counter() - start
    conn.execute("COMMIT")
    conn.close()
    timings["total"] = sum(timings.values())
    return timings


_SUMS = """
    SELECT m.id FROM members m
    LEFT JOIN member_balances b ON b.member_id = m.id
    LEFT JOIN (SELECT member_id, SUM(points) AS p FROM points_ledger GROUP BY member_id) p
        ON p.member_id = m.id
    LEFT JOIN (SELECT member_id, SUM(principal_fen) AS w, SUM(bonus_fen) AS x
               FROM wallet_ledger GROUP BY member_id) w ON w.member_id = m.id
    LEFT JOIN (SELECT member_id, SUM(remaining) AS r FROM points_lots GROUP BY member_id) l
        ON l.member_id = m.id
    WHERE b.member_id IS NULL OR b.points != COALESCE(p.p, 0)
       OR b.wallet_principal_fen != COALESCE(w.w, 0) OR b.wallet_bonus_fen != COALESCE(w.x, 0)
       OR COALESCE(l.r, 0) != MAX(COALESCE(p.p, 0), 0)
"""


def _seal_pass(conn: sqlite3.Connection, key: bytes) -> int:
    bad = 0
    for table, cols in SEALED.items():
        sql = f"SELECT seal, json_array('{table}', {', '.join(cols)}) FROM {table}"
        for seal, text in conn.execute(sql):
            if hmac.digest(key, text.encode("utf-8"), "sha256").hex()[:SEAL_HEX] != seal:
                bad += 1
    return bad
