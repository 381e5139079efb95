"""Issue 17: `kaika verify` on a copy of the 1M store, beside the same checks by hand with
plain sqlite3 in the same run, each with its wall and CPU time and the load average.

    python -m bench.verify_bench --store /work/benchdata/gen.sqlite3 \\
        --work /work/benchdata/yours/verify [--sales] [--rounds 1] [--out bench/out/verify.json]

The store (and its key file beside it) is copied to `WORK.sqlite3` (never written itself),
opened once by Kaika (migrated if older, untimed) and deleted at the end unless --keep.
`--sales` first gives the copy the sales its generated `earn` entries name (bench/
reports_data.py), as a real store has, and fills `member_figures` from them as migration 0017
does, so the Analysis-figures check has 1.4M sales and lines to recompute (untimed).

Each round runs `kaika verify --db COPY` as a person runs it (its own process: start, every
check, progress on stderr), then the baseline in this process: quick_check, the foreign key
check, the balance and lot sums by GROUP BY, every seal (one HMAC per row from the key's pads,
over SQLite's json_array bytes), the points rollup by GROUP BY, and both sides of the Analysis
figures read in member order.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.import_bench import CLI, ROOT, Load
from bench.run import machine
from db.member_figures import BACKFILL, RECOMPUTED, TRIGGER_NAMES, TRIGGERS
from db.seals import SEAL_HEX, SEALED, for_key_file

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
_DAYS = """
    SELECT business_date, kind, SUM(rp), SUM(lp), SUM(re), SUM(le) FROM (
        SELECT business_date, kind, SUM(points) AS lp, COUNT(*) AS le, 0 AS rp, 0 AS re
        FROM points_ledger NOT INDEXED GROUP BY business_date, kind
        UNION ALL
        SELECT business_date, kind, 0, 0, points, entries FROM points_days)
    GROUP BY business_date, kind HAVING SUM(rp) != SUM(lp) OR SUM(re) != SUM(le)
"""
_KEPT = "SELECT * FROM member_figures ORDER BY member_id"


def copy_store(store: Path, work: Path) -> Path:
    """`WORK.sqlite3` and its key, a reflink where the file system allows (never written:
    the source)."""
    to = Path(f"{work}.sqlite3")
    to.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", ".key"):
        Path(f"{to}{suffix}").unlink(missing_ok=True)
    for suffix in ("", "-wal", ".key"):
        if Path(f"{store}{suffix}").exists():
            subprocess.run(["cp", "--reflink=auto", f"{store}{suffix}", f"{to}{suffix}"],
                           check=True)
    from desktop.bootstrap import open_app
    open_app(to).close()  # migrated once, untimed, and its WAL checkpointed on close
    return to


def give_sales(db: Path) -> dict[str, float]:
    """The history's sales and lines (bench/reports_data.py), with `member_figures` filled
    in one grouped pass as migration 0017 fills it (its triggers would recompute a member
    per inserted sale)."""
    from bench.reports_data import history_sales
    start = time.perf_counter()
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        for name in TRIGGER_NAMES:
            conn.execute(f"DROP TRIGGER IF EXISTS member_figures_{name}")
        added = history_sales(db)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("DELETE FROM member_figures")
        conn.execute(BACKFILL)
        for statement in TRIGGERS:
            conn.execute(statement)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return {"sales_added": added, "seconds": time.perf_counter() - start}


def kaika_verify(db: Path) -> dict[str, Any]:
    """`kaika verify --db DB` in its own process: wall and CPU time, its last line."""
    spent = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with Load() as load:
        child = subprocess.Popen([sys.executable, "-c", CLI, "verify", "--db", str(db)],
                                 cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)
        out, err = child.communicate()
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime - spent.ru_utime - spent.ru_stime
    return {"seconds": seconds, "cpu_s": cpu,
            "exit": child.returncode, "result": out.strip().splitlines()[-1:],
            "progress_lines": len(err.splitlines()), **load.figures()}


def by_hand(db: Path) -> dict[str, Any]:
    """The same checks with plain sqlite3, in one read transaction: seconds and CPU each."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA mmap_size = 4294967296")
    conn.execute("PRAGMA cache_size = -262144")
    pads = for_key_file(Path(f"{db}.key")).pads()
    assert pads is not None, "the store's key file is missing"
    steps: dict[str, Callable[[], object]] = {
        "quick_check": lambda: conn.execute("PRAGMA quick_check(100)").fetchall(),
        "foreign_keys": lambda: conn.execute("PRAGMA foreign_key_check").fetchmany(1001),
        "group_by_sums": lambda: conn.execute(_SUMS).fetchall(),
        "seals": lambda: _seal_pass(conn, pads),
        "points_days": lambda: conn.execute(_DAYS).fetchall(),
        "member_figures": lambda: (_drain(conn, _KEPT),
                                   _drain(conn, f"SELECT * FROM ({RECOMPUTED}) ORDER BY 1")),
    }
    found: dict[str, Any] = {}
    with Load() as load:
        conn.execute("BEGIN")
        for name, step in steps.items():
            wall, cpu = time.perf_counter(), time.process_time()
            result = step()
            found[name] = {"seconds": time.perf_counter() - wall,
                           "cpu_s": time.process_time() - cpu}
            if name == "seals":
                found[name]["bad"] = result
        conn.execute("COMMIT")
    conn.close()
    found["total"] = {"seconds": sum(v["seconds"] for v in found.values()),
                      "cpu_s": sum(v["cpu_s"] for v in found.values())}
    return {**found, **load.figures()}


def _drain(conn: sqlite3.Connection, sql: str) -> int:
    cursor, rows = conn.execute(sql), 0
    while page := cursor.fetchmany(5000):
        rows += len(page)
    return rows


def _seal_pass(conn: sqlite3.Connection, pads: tuple[Any, Any]) -> int:
    """Every sealed row's HMAC from the pads, over its json_array text as bytes."""
    inner, outer, bad = pads[0].copy, pads[1].copy, 0
    for table, cols in SEALED.items():
        cursor = conn.execute(f"SELECT seal, CAST(json_array('{table}', {', '.join(cols)}) "
                              f"AS BLOB) FROM {table}")
        for seal, text in cursor:
            mac = inner()
            mac.update(text)
            tag = outer()
            tag.update(mac.digest())
            if tag.hexdigest()[:SEAL_HEX] != seal:
                bad += 1
    return bad


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return {t: int(conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
                for t in ("members", *SEALED, "sales", "sale_lines", "member_figures",
                          "outbox", "audit_log")}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.verify_bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True, help="the 1M store (only read)")
    parser.add_argument("--work", type=Path, required=True, help="prefix of the copy")
    parser.add_argument("--sales", action="store_true", help="give the copy its sales")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "verify.json")
    parser.add_argument("--keep", action="store_true", help="keep the copy")
    parser.add_argument("--reuse", action="store_true", help="use WORK.sqlite3 as it is")
    args = parser.parse_args(argv)
    db = Path(f"{args.work}.sqlite3")
    report: dict[str, Any] = {"machine": machine()}
    try:
        if not args.reuse:
            db = copy_store(args.store, args.work)
            if args.sales:
                report["sales"] = give_sales(db)
        report["rows"] = counts(db)
        report["rounds"] = []
        for _ in range(args.rounds):
            before = os.getloadavg()[0]
            kaika = kaika_verify(db)
            raw = by_hand(db)
            report["rounds"].append({"load_before": before, "kaika": kaika, "raw": raw,
                                     "ratio": kaika["seconds"] / raw["total"]["seconds"]})
            print(json.dumps(report["rounds"][-1], indent=2), flush=True)
    finally:
        if not args.keep:
            for suffix in ("", "-wal", "-shm", ".key"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
