"""Head-office ingest beside a raw PostgreSQL COPY of the same rows (issue 17); not a test.

    .venv/bin/python -m bench.ingest_bench [--rounds 3] [--tills 8] [--events 5000]
        [--workers 4] [--pgbouncer] [--unprepared] [--profile] [--out bench/out/ingest.json]

Each round: `--tills` tills (real store databases, cloned backlogs as in bench/sync_bench.py)
have their batches of 500 encoded beforehand, signed and with their chain head as the real
client sends them, and push them at once to a real `kaika-headoffice serve`; events/s at head
office is timed. Then every row head office wrote in that round (found by transaction id:
events, sales, ledgers, members, balances, nonces, terminals …) is copied out, and the same rows
are written into the same tables of a second database (same migrations, same earlier rows) with
psycopg's binary `COPY`, in one transaction: the floor for storing what the round stored, on
the same machine at the same moment. The ratio ingest time / COPY time is the figure that holds
whatever else the shared machine is doing; head office's own CPU seconds (server and workers,
from /proc) per round are reported too. `--profile` also applies one till's batches
in-process under cProfile and prints where a push spends its time. `--pgbouncer` (issue 14)
starts a real PgBouncer in transaction mode (tests/sync/pgbouncer.py) and a second head office
on the same database through it (`--db-pooler transaction`); rounds alternate between the
direct server and the pooled one, each round's tills enrolled with the server it pushes to.
`--unprepared` adds a third, direct but with `--db-pooler transaction` (no prepared
statements), to tell what the pooler's figure owes to psycopg not preparing.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench.sync_backlog import day_of_trade
from bench.sync_bench import HeadOffice, prepared
from headoffice.engine import make_engine
from headoffice.migrate import upgrade
from headoffice.tables import metadata
from sync import chainhead
from tests.sync.harness import Till
from tests.sync.pgbouncer import PgBouncer

BATCH = 500


def current_xid(engine: sa.Engine) -> int:
    """The next transaction id (32-bit, as `xmin` holds it): rows written later have more."""
    with engine.connect() as conn:
        return int(conn.scalar(sa.text("SELECT pg_current_xact_id()::text::bigint")) or 0) \
            % 2**32


def written_since(engine: sa.Engine, xid: int) -> list[tuple[str, bytes, int]]:
    """Every row inserted or updated from `xid` on, per table (parents first), as binary COPY
    with its row count."""
    out = []
    raw: Any = engine.raw_connection()
    try:
        with raw.driver_connection.cursor() as cur:
            for table in metadata.sorted_tables:
                data = bytearray()
                where = f'FROM "{table.name}" WHERE xmin::text::bigint >= {xid}'
                with cur.copy(f"COPY (SELECT * {where}) TO STDOUT (FORMAT binary)") as copy:
                    for chunk in copy:
                        data += chunk
                count = cur.execute(f"SELECT count(*) {where}").fetchone()[0]
                if count:
                    out.append((table.name, bytes(data), int(count)))
    finally:
        raw.close()
    return out


class CopyBaseline:
    """A second database of the same schema that receives the same rows by raw COPY."""

    def __init__(self, ho: HeadOffice) -> None:
        self.admin = ho.admin
        self.name = ho.name + "_copy"
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{self.name}"'))
        self.engine = make_engine(ho.url.rsplit("/", 1)[0] + "/" + self.name)
        upgrade(self.engine)
        self.synced = 0  # rows of head office's written from this transaction id on are not here

    def catch_up(self, source: sa.Engine) -> None:
        """Bring the copy level with head office (untimed)."""
        xid = current_xid(source)
        self.load(written_since(source, self.synced))
        self.synced = xid

    def load(self, rows: list[tuple[str, bytes, int]]) -> float:
        """Seconds to COPY `rows` in (one transaction, constraints checked); the older
        versions of rows the round updated are removed first, untimed."""
        raw: Any = self.engine.raw_connection()
        try:
            conn = raw.driver_connection
            self._clear(conn, rows)
            began = time.perf_counter()
            with conn.cursor() as cur:
                for name, data, _ in rows:
                    with cur.copy(f'COPY "{name}" FROM STDIN (FORMAT binary)') as copy:
                        copy.write(data)
            conn.commit()
            return time.perf_counter() - began
        finally:
            raw.close()

    def _clear(self, conn: Any, rows: list[tuple[str, bytes, int]]) -> None:
        with conn.cursor() as cur:
            cur.execute("SET session_replication_role = replica")  # untimed: no FK triggers
            for name, data, _ in rows:
                keys = [c.name for c in metadata.tables[name].primary_key.columns]
                if not keys:
                    continue
                cur.execute(f'CREATE TEMP TABLE "s_{name}" (LIKE "{name}") ON COMMIT DROP')
                with cur.copy(f'COPY "s_{name}" FROM STDIN (FORMAT binary)') as copy:
                    copy.write(data)
                match = " AND ".join(f't."{k}" = s."{k}"' for k in keys)
                cur.execute(f'DELETE FROM "{name}" t USING "s_{name}" s WHERE {match}')
            cur.execute("SET session_replication_role = origin")
        conn.commit()

    def close(self) -> None:
        self.engine.dispose()
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))


def bodies(till: Till) -> list[bytes]:
    """The till's whole outbox as the batches the real client would send (with its chain)."""
    assert till.client is not None
    with till.app.store.reader() as uow:
        settings, rows = uow.settings.get(), uow.outbox.pending(1_000_000)
        chain = chainhead.read(uow, settings.terminal_id)
    return [till.client.batch_body(settings, rows[i:i + BATCH], chain)
            for i in range(0, len(rows), BATCH)]


def send_all(tills: list[Till], batches: list[list[bytes]]) -> float:
    """Seconds until every till's batches are answered (one batch in flight per till)."""
    def send(till: Till, mine: list[bytes]) -> None:
        assert till.client is not None
        for body in mine:
            while True:
                try:
                    till.client.ho.call_bytes("POST", "/v1/sync/push", body)
                    break
                except Exception:  # overloaded: the same batch again shortly
                    time.sleep(0.1)

    threads = [threading.Thread(target=send, args=pair)
               for pair in zip(tills, batches, strict=True)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - began


def one_round(ho: HeadOffice, base: CopyBaseline, day: Path, folder: Path, n: int,
              args: argparse.Namespace) -> dict[str, Any]:
    tills = [prepared(ho, day, folder, f"r{n}-{i}", f"S{1 + i + n * args.tills:03d}",
                      args.events) for i in range(args.tills)]
    batches = [bodies(t) for t in tills]
    base.catch_up(ho.engine)  # the stores and enrolments so far, untimed
    xid, before = base.synced, ho.events()
    load_before, cpu = _loadavg(), server_cpu(ho.proc.pid)
    seconds = send_all(tills, batches)
    cpu = server_cpu(ho.proc.pid) - cpu
    events = ho.events() - before
    base.synced = current_xid(ho.engine)
    rows = written_since(ho.engine, xid)
    copy_s = base.load(rows)
    for t in tills:
        t.close()
    return {"via": ho.via, "events": events, "ingest_s": round(seconds, 3),
            "ingest_events_per_s": round(events / seconds),
            "server_cpu_s": round(cpu, 2), "server_cpu_ms_per_500": round(cpu / events * 5e5, 1),
            "copy_rows": {name: count for name, _, count in rows},
            "copy_s": round(copy_s, 3), "copy_events_per_s": round(events / copy_s),
            "ratio": round(seconds / copy_s, 2),
            "loadavg": [load_before, _loadavg()]}


def profile_push(ho: HeadOffice, day: Path, folder: Path, events: int) -> dict[str, Any]:
    """One till's batches applied in-process under cProfile: where a push spends its time."""
    from headoffice import ingest
    from headoffice.batch import Terminal
    from headoffice.packs import PackBook
    from sync.schema import Event

    till = prepared(ho, day, folder, "profiled", "S099", events)
    with till.app.store.reader() as uow:
        settings, rows = uow.settings.get(), uow.outbox.pending(events)
    till.close()
    terminal = Terminal(settings.terminal_id, settings.store_id, settings.merchant_id, "T01", "")
    batches = [[Event(event_id=e.event_id, seq=e.seq, type=e.type, occurred_at=e.occurred_at,
                      merchant_id=settings.merchant_id, store_id=settings.store_id,
                      terminal_id=settings.terminal_id, member_id=e.member_id,
                      payload=e.payload) for e in rows[i:i + BATCH]]
               for i in range(0, len(rows), BATCH)]
    packs, prof = PackBook(), cProfile.Profile()
    began = time.perf_counter()
    prof.enable()
    for batch in batches:
        ingest.push(ho.engine, terminal, batch, datetime.now(UTC), packs)
    prof.disable()
    seconds = time.perf_counter() - began
    pstats.Stats(prof).sort_stats("cumulative").print_stats(45)
    return {"events": len(rows), "seconds": round(seconds, 3),
            "events_per_s": round(len(rows) / seconds)}


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by head office's process and its workers (from /proc): the
    figure the machine's other load does not inflate."""
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    tree, ticks = {pid}, 0
    for _ in range(3):  # the server, its workers, anything they started
        tree |= {p for p, (parent, _) in stats.items() if parent in tree}
    ticks = sum(stats[p][1] for p in tree if p in stats)
    return ticks / os.sysconf("SC_CLK_TCK")


def _loadavg() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def by_path(rounds: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Median events/s, ingest / COPY ratio and CPU per push of each path (direct, pgbouncer)."""
    out = {}
    for via in sorted({r["via"] for r in rounds}):
        mine = [r for r in rounds if r["via"] == via]
        out[via] = {key: statistics.median(r[key] for r in mine) for key in (
            "ingest_events_per_s", "ratio", "server_cpu_ms_per_500")}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--tills", type=int, default=8)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--pgbouncer", action="store_true",
                        help="alternate rounds between a direct server and one via PgBouncer")
    parser.add_argument("--unprepared", action="store_true",
                        help="also a direct server with --db-pooler transaction (psycopg "
                             "prepares nothing): what PgBouncer's figure owes to that")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--out", type=Path, default=Path("bench/out/ingest.json"))
    args = parser.parse_args()
    Path("bench/data").mkdir(parents=True, exist_ok=True)
    day = day_of_trade(Path("bench/data/sync-day-2000.sqlite3"), 2000)
    results: dict[str, Any] = {"workers": args.workers, "tills": args.tills,
                               "events_per_till": args.events, "rounds": []}
    with tempfile.TemporaryDirectory() as tmp:
        ho = HeadOffice(args.pg, args.workers, Path(tmp))
        base = CopyBaseline(ho)
        bouncer = PgBouncer(args.pg).start() if args.pgbouncer else None
        servers = [ho]
        try:
            if bouncer is not None:
                servers.append(ho.beside(bouncer.url(ho.name), "transaction", args.workers,
                                         Path(tmp)))
            if args.unprepared:  # direct, but as configured for a pooler: no prepared statements
                servers.append(ho.beside(ho.url, "transaction", args.workers, Path(tmp),
                                         via="direct-unprepared"))
            ho.stores(args.tills * args.rounds + 1 + 99)
            for n in range(args.rounds):
                server = servers[n % len(servers)]
                results["rounds"].append(one_round(server, base, day, Path(tmp), n, args))
                print(json.dumps(results["rounds"][-1]), flush=True)
            results["by_path"] = by_path(results["rounds"])
            if args.profile:
                results["in_process"] = profile_push(ho, day, Path(tmp), args.events)
        finally:
            for server in reversed(servers):
                server.close()
            if bouncer is not None:
                bouncer.stop()
            base.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps({k: v for k, v in results.items() if k != "rounds"}, indent=2))


if __name__ == "__main__":
    main()
