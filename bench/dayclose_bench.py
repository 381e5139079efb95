"""The day close on the 1M-member store (issue 17), beside a raw-sqlite3 baseline of its writes.

    .venv/bin/python -m bench.dayclose_bench --pristine /work/benchdata/pristine.sqlite3 \
        --work /work/benchdata --out bench/out/dayclose.json [--scenarios night,jan1]

Two nights, each on its own copy of the store (deleted afterwards; pristine is only read):

- `night`: 23:00 on 8 December 2026, an ordinary night: no points lapse, the members whose
  tier dates from 8 December 2025 have their anniversary (the generator's tiers were reached
  within the last year, so that is the first night any is due). The night before is closed
  first, untimed, on both copies (`close_the_night_before`).
- `jan1`: 03:00 on 1 January 2027 closes 31 December 2026: every lot earned in 2025 lapses
  (about 406,000 members), and the anniversaries of 8 December 2025 to 1 January 2026.

Kaika's `close_day` runs with a second process beside it that reads a product by barcode
through Kaika's read path and commits a one-row write (BEGIN IMMEDIATE, as a sale does)
every 20 ms: their latencies say whether the till keeps selling. The baseline then runs on a
fresh copy: the same rows written with plain sqlite3, one statement per kind of row per batch
of 2,000 members (the members' decisions taken as "retained", so it writes as many rows).
The load average is read before and after each run (/proc/loadavg): the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench.raw import RawStore
from db.repos_ledgers import _LAPSING
from db.repos_members import _DUE_FOR_REVIEW
from desktop.bootstrap import open_app
from domain.clock import FixedClock
from domain.ids import new_id_str
from domain.services import maintenance

SCENARIOS = {"night": "2026-12-08T23:00:00+08:00", "jan1": "2027-01-01T03:00:00+08:00"}
BATCH = maintenance.BATCH_MEMBERS


def loadavg() -> str:
    return Path("/proc/loadavg").read_text().split(" tid")[0].strip()


def copy_store(pristine: Path, key: Path, target: Path) -> Path:
    """The store file and its key, as `cp` makes them (pristine is never opened)."""
    shutil.copyfile(pristine, target)
    shutil.copyfile(key, target.with_name(target.name + ".key"))
    return target


def remove_store(path: Path) -> None:
    for found in path.parent.glob(path.name + "*"):
        found.unlink()


def migrate(path: Path) -> float:
    """Open once so migration 0013 builds its indexes before anything is timed."""
    started = time.perf_counter()
    open_app(path).close()
    return time.perf_counter() - started


def close_the_night_before(path: Path, at: datetime) -> None:
    """Close the business day before `at`'s, untimed. The generator never closes a day, so a
    store's first close also freezes the Z of every day it trades on (707 of them, 3.5 s in
    the last transaction); a store closes every night, and an ordinary night has only its
    own day to freeze. The 1 January close is left with the catch-up: the larger figure."""
    app = open_app(path, clock=FixedClock(at - timedelta(days=1)))
    try:
        maintenance.close_day(app.ctx, staff_id(path))
    finally:
        app.close()


class Batches:
    """Progress that notes when each batch ended: the gaps are how long each held the lock."""

    def __init__(self) -> None:
        self.marks: list[tuple[float, str, int]] = [(time.perf_counter(), "start", 0)]

    def step(self, done: int, total: int | None, label: str = "") -> None:
        self.marks.append((time.perf_counter(), label, done))

    def cancelled(self) -> bool:
        return False

    def summary(self) -> dict[str, Any]:
        gaps = [b[0] - a[0] for a, b in zip(self.marks, self.marks[1:], strict=False)]
        return {"steps": len(gaps), "longest_step_s": round(max(gaps), 3),
                "median_step_s": round(statistics.median(gaps), 3)}


def kaika_close(path: Path, at: datetime) -> dict[str, Any]:
    stop = path.with_name(path.name + ".stop")
    out = path.with_name(path.name + ".watch.json")
    watcher = subprocess.Popen([sys.executable, "-m", "bench.dayclose_bench", "--watch",
                                str(path), str(stop), str(out)])
    while not out.with_suffix(".ready").exists():  # the watcher has its connection open
        time.sleep(0.1)
    app = open_app(path, clock=FixedClock(at))
    try:
        manager = staff_id(path)
        batches = Batches()
        load_before, cpu = loadavg(), time.process_time()
        started = time.perf_counter()
        done = maintenance.close_day(app.ctx, manager, batches)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
    finally:
        app.close()
        stop.touch()
    watcher.wait(timeout=120)
    watched = json.loads(out.read_text())
    for extra in (stop, out, out.with_suffix(".ready")):
        extra.unlink(missing_ok=True)
    return {"seconds": round(seconds, 2), "cpu_s": round(cpu, 2),
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "points_expired": done.points_expired, "members_expired": done.members_expired,
            "tier_changes": len(done.tier_changes), "load_before": load_before,
            "load_after": loadavg(), **batches.summary(), "other_process": watched}


def staff_id(path: Path) -> str:
    with sqlite3.connect(path) as db:
        return str(db.execute("SELECT id FROM staff WHERE number = '2001'").fetchone()[0])


def watch(path: Path, stop: Path, out: Path) -> None:
    """Scan and commit beside the close until `stop` exists; write the latencies to `out`."""
    app = open_app(path)
    raw = sqlite3.connect(path, timeout=60, isolation_level=None)
    codes = [r[0] for r in raw.execute("SELECT barcode FROM products WHERE barcode IS NOT NULL "
                                       "ORDER BY sku LIMIT 500")]
    reads: list[float] = []
    writes: list[float] = []
    errors: list[str] = []
    out.with_suffix(".ready").touch()
    while not stop.exists():
        started = time.perf_counter()
        try:
            with app.ctx.reader() as uow:
                uow.products.by_barcode(codes[len(reads) % len(codes)])
            reads.append(time.perf_counter() - started)
            started = time.perf_counter()
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("UPDATE terminals SET name = name")
            raw.execute("COMMIT")
            writes.append(time.perf_counter() - started)
        except sqlite3.Error as err:
            errors.append(str(err))
        time.sleep(0.02)
    app.close()
    out.write_text(json.dumps({"scans": len(reads), "scan_max_ms": ms(max(reads, default=0)),
                               "scan_p99_ms": ms(p99(reads)), "writes": len(writes),
                               "write_max_ms": ms(max(writes, default=0)),
                               "write_p99_ms": ms(p99(writes)), "errors": errors[:5]}))


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def p99(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.99)] if values else 0.0


def raw_close(path: Path, at: datetime) -> dict[str, Any]:
    """The close's writes by hand: per batch one statement per kind of row."""
    store = RawStore(path)
    local = at.date().isoformat()
    load_before, cpu = loadavg(), time.process_time()
    started = time.perf_counter()
    members = raw_expiry(store, at, local)
    reviews = raw_reviews(store, at)
    store.conn.execute("INSERT INTO closed_days (business_date, closed_at, staff_id, z) "
                       "VALUES (?, ?, ?, '{}')", (local, at.isoformat(), staff_id(path)))
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    store.close()
    return {"seconds": round(seconds, 2), "cpu_s": round(cpu, 2), "members_expired": members,
            "tier_changes": reviews, "load_before": load_before, "load_after": loadavg()}


def raw_expiry(store: RawStore, at: datetime, local: str) -> int:
    conn, when, done = store.conn, at.isoformat(), 0
    business = business_date(at)
    while True:
        conn.execute("BEGIN IMMEDIATE")
        lots = conn.execute(_LAPSING, {"day": local, "n": BATCH}).fetchall()
        if not lots:
            conn.execute("ROLLBACK")
            return done
        sums: dict[str, int] = {}
        for _, member_id, left in lots:
            sums[member_id] = sums.get(member_id, 0) + left
        conn.executemany("UPDATE points_lots SET remaining = 0 WHERE id = ?",
                         [(lot[0],) for lot in lots])
        entries = [(new_id_str(), m, -n, when, business, f"expired before {local}")
                   for m, n in sums.items()]
        conn.executemany(
            "INSERT INTO points_ledger (id, member_id, kind, points, at, business_date, reason) "
            "VALUES (?, ?, 'expire', ?, ?, ?, ?)", entries)
        conn.executemany("UPDATE member_balances SET points = points + ? WHERE member_id = ?",
                         [(-n, m) for m, n in sums.items()])
        outbox(store, "points.entry", [(e[1], {
            "id": e[0], "member_id": e[1], "kind": "expire", "points": e[2], "at": when,
            "business_date": business, "reason": e[5], "sale_id": None, "staff_id": None,
            "last_day": None}) for e in entries], when)
        conn.execute("COMMIT")
        done += len(sums)


def raw_reviews(store: RawStore, at: datetime) -> int:
    conn, when, done = store.conn, at.isoformat(), 0
    due_since = maintenance.latest_due_since(at.date()).isoformat()
    for tier in ("银卡", "金卡", "钻石卡"):
        after = ("0001-01-01", "")
        while True:
            conn.execute("BEGIN IMMEDIATE")
            page = conn.execute(_DUE_FOR_REVIEW, {
                "tier": tier, "day": due_since, "since": after[0], "id": after[1],
                "status": "active", "n": BATCH}).fetchall()
            if not page:
                conn.execute("ROLLBACK")
                break
            for member in page:  # the year's sales each review reads
                conn.execute("SELECT business_date, qualifying_fen FROM sales WHERE "
                             "member_id = ? AND business_date >= ?", (member[0], member[5]))
            changes = [(new_id_str(), m[0], when, tier, tier) for m in page]
            conn.executemany("UPDATE members SET tier_since = ? WHERE id = ?",
                             [(at.date().isoformat(), m[0]) for m in page])
            conn.executemany("INSERT INTO tier_changes (id, member_id, at, from_tier, to_tier, "
                             "reason) VALUES (?, ?, ?, ?, ?, 'retained')", changes)
            outbox(store, "tier.changed", [(c[1], {
                "id": c[0], "member_id": c[1], "at": when, "from_tier": tier, "to_tier": tier,
                "reason": "retained", "tier_since": at.date().isoformat()}) for c in changes],
                when)
            conn.execute("COMMIT")
            after, done = (str(page[-1][5]), str(page[-1][0])), done + len(page)
    return done


def outbox(store: RawStore, kind: str, events: list[tuple[str, dict[str, Any]]],
           when: str) -> None:
    last = store.conn.execute(
        "UPDATE counters SET value = value + ? WHERE terminal_id = ? AND name = 'outbox.seq' "
        "RETURNING value", (len(events), store.terminal_id)).fetchone()[0]
    first = last - len(events) + 1
    store.conn.executemany(
        "INSERT INTO outbox (terminal_id, seq, event_id, type, payload, member_id, "
        "occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(store.terminal_id, first + i, new_id_str(), kind,
          json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
          member, when) for i, (member, body) in enumerate(events)])


def business_date(at: datetime) -> str:
    """The business date of `at`, local time (the stores close at 04:00)."""
    return (at.date() if at.hour >= 4 else at.date() - timedelta(days=1)).isoformat()


def run(args: argparse.Namespace) -> dict[str, Any]:
    key = args.key or next(args.pristine.parent.glob(args.pristine.name + ".key"), None)
    results: dict[str, Any] = {}
    for name in args.scenarios.split(","):
        at = datetime.fromisoformat(SCENARIOS[name])
        for kind, body in (("kaika", kaika_close), ("raw", raw_close)):
            path = copy_store(args.pristine, key, args.work / f"dayclose-{name}-{kind}.sqlite3")
            try:
                migration = migrate(path)
                if name == "night":
                    close_the_night_before(path, at)
                results[f"{name}.{kind}"] = {**body(path, at), "migration_s": round(migration, 1)}
            finally:
                remove_store(path)
            print(name, kind, json.dumps(results[f"{name}.{kind}"], ensure_ascii=False),
                  flush=True)
    return results


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--watch":
        watch(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pristine", type=Path, required=True)
    parser.add_argument("--key", type=Path, help="the store key (default: beside pristine)")
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--scenarios", default="night,jan1")
    parser.add_argument("--night", default=SCENARIOS["night"],
                        help="when the ordinary night closes (ISO time): on a store generated "
                             "later, pick a night whose anniversaries a year back exist")
    parser.add_argument("--out", type=Path, default=Path("bench/out/dayclose.json"))
    args = parser.parse_args()
    SCENARIOS["night"] = args.night
    results = run(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
