"""Head office and sync under load (issue 4's measures); not part of the test run.

    .venv/bin/python -m bench.sync_bench [--workers 2] [--out bench/out/sync.json]

Against a real `kaika-headoffice serve` on PostgreSQL (a database made for the run, dropped
after), with real tills (store databases and the real sync client, on the same machine):

1. a till offline for a day of trade (2,000 sales rung up through the services) reconnects:
   time until its outbox is empty and it has pulled to head office's head;
2. a 10,000-event backlog from one till: time to clear it;
3. ingest: 8 tills pushing 5,000 events each at once, events per second at head office;
   and the same batches applied in-process (no HTTP), for the breakdown;
4. 50 tills pushing at once (400 events each): time until all are clear, per-till times.

Backlogs beyond the day of trade are the day's real events cloned with fresh ids (every UUID
and mobile in them replaced consistently), so head office sees distinct sales and members.
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bench.sync_backlog import SALTS, START, clone_backlog, copy_key, day_of_trade, reidentify
from domain.clock import FixedClock
from headoffice import keys, tenancy
from headoffice.engine import make_engine
from headoffice.migrate import upgrade
from headoffice.publish import ProductDoc, Publication, publish
from sync.enroll import enroll
from tests.sync.harness import CATALOG, Till

BIN = Path(sys.executable).parent


class HeadOffice:
    def __init__(self, admin_url: str, workers: int, folder: Path) -> None:
        self.admin = sa.create_engine(admin_url.replace("postgresql://",
                                                        "postgresql+psycopg://"),
                                      isolation_level="AUTOCOMMIT")
        self.name = f"kaika_bench_{uuid.uuid4().hex[:8]}"
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{self.name}"'))
        self.url = admin_url.rsplit("/", 1)[0] + "/" + self.name
        self.engine = make_engine(self.url)
        upgrade(self.engine)
        self.owns_database, self.via = True, "direct"
        self.proc, self.port = self._serve(self.url, "none", workers, folder)

    def _serve(self, db_url: str, pooler: str, workers: int, folder: Path,
               extra: tuple[str, ...] = ()) -> tuple[subprocess.Popen[str], int]:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        log = open(folder / f"server-{port}.log", "w")  # noqa: SIM115 - lives with the server
        key_file = folder / f"answer-keys-{port}"
        keys.new_key_file(key_file)
        proc = subprocess.Popen(
            [str(BIN / "kaika-headoffice"), "serve", "--db", db_url, "--port", str(port),
             "--workers", str(workers), "--answer-key-file", str(key_file),
             "--db-pooler", pooler, *extra], stdout=subprocess.PIPE, stderr=log, text=True)
        assert proc.stdout is not None
        proc.stdout.readline()
        self.port = port
        self._wait_ready()
        return proc, port

    def beside(self, db_url: str, pooler: str, workers: int, folder: Path,
               extra: tuple[str, ...] = (), via: str = "pgbouncer") -> HeadOffice:
        """A second server on the same database (through PgBouncer, say): its own process and
        port, the same engine for set-up and counts; closing it stops only its process."""
        twin = copy.copy(self)
        twin.owns_database, twin.via = False, via
        twin.proc, twin.port = twin._serve(db_url, pooler, workers, folder, extra)
        return twin

    def _wait_ready(self) -> None:
        import httpx

        for _ in range(600):  # a minute: four workers start slowly on a busy machine
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/v1/health", timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("head office did not come up")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stores(self, count: int) -> list[str]:
        codes = [f"S{n:03d}" for n in range(1, count + 1)]
        now = datetime.now(UTC)
        for code in codes:
            tenancy.add_store(self.engine, tenancy.NewStore("M001", code, code), now)
        publish(self.engine, Publication(products=[
            ProductDoc(sku=p.sku, name=p.name, price_fen=p.price_fen,
                       product_class=p.product_class) for p in CATALOG]), "M001", now)
        return codes

    def events(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.scalar(sa.text("SELECT count(*) FROM events")) or 0)

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        if not self.owns_database:
            return
        self.engine.dispose()
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        self.admin.dispose()


def enrolled_till(ho: HeadOffice, store: str, path: Path) -> Till:
    till = Till(path, FixedClock(START + timedelta(days=1)))
    code = tenancy.new_enrol_code(ho.engine, store, datetime.now(UTC))
    enroll(till.app.store, ho.base, code, till.clock)
    till.connect(ho.base)
    return till


def pending(till: Till) -> int:
    assert till.client is not None
    return till.client.unsynced()


def push_all(till: Till) -> float:
    """Seconds until the till's outbox is empty (the same retries the loop would do)."""
    assert till.client is not None
    began = time.perf_counter()
    while True:
        try:
            if not till.client.push_once():
                return time.perf_counter() - began
        except Exception:  # overload or a dropped link: back off briefly, send the same batch
            time.sleep(0.2)


def concurrent(tills: list[Till]) -> dict[str, Any]:
    times: list[float] = [0.0] * len(tills)

    def run(i: int) -> None:
        times[i] = push_all(tills[i])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(tills))]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    return {"wall_s": round(wall, 2), "till_p50_s": round(statistics.median(times), 2),
            "till_max_s": round(max(times), 2)}


def prepared(ho: HeadOffice, day: Path, folder: Path, name: str, store: str,
             events: int) -> Till:
    """A copy of the day's till, enrolled (nothing to announce: its outbox holds the day),
    then given a backlog of `events` cloned events instead."""
    path = folder / f"{name}.sqlite3"
    shutil.copy(day, path)
    copy_key(day, path)
    reidentify(path)
    till = enrolled_till(ho, store, path)
    clone_backlog(path, day, events, salt=next(SALTS))
    return till


def prebuilt(ho: HeadOffice, tills: list[Till]) -> dict[str, Any]:
    """Head office's own rate: each till's batches encoded beforehand and sent as fast as
    head office answers (one batch in flight per till), so the tills' work is not counted."""
    bodies: list[list[bytes]] = []
    for till in tills:
        assert till.client is not None
        with till.app.store.reader() as uow:
            settings, rows = uow.settings.get(), uow.outbox.pending(100_000)
        bodies.append([till.client.batch_body(settings, rows[i:i + 500])
                       for i in range(0, len(rows), 500)])
    before = ho.events()

    def send(till: Till, batches: list[bytes]) -> None:
        assert till.client is not None
        for body in batches:
            while True:
                try:
                    till.client.ho.call_bytes("POST", "/v1/sync/push", body)
                    break
                except Exception:  # overloaded: the same batch again shortly
                    time.sleep(0.1)

    threads = [threading.Thread(target=send, args=pair) for pair in zip(tills, bodies,
                                                                       strict=True)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    received = ho.events() - before
    return {"wall_s": round(wall, 2), "events": received,
            "events_per_s": round(received / wall)}


def in_process_rate(ho: HeadOffice, source: Path, events: int) -> float:
    """The same kind of batches applied without HTTP: head office's own cost."""
    from headoffice import ingest
    from headoffice.batch import Terminal
    from headoffice.packs import PackBook
    from sync.schema import Event

    with tempfile.TemporaryDirectory() as tmp:
        till = prepared(ho, source, Path(tmp), "inproc", "S060", events)
        with till.app.store.reader() as uow:
            settings, rows = uow.settings.get(), uow.outbox.pending(events)
        till.close()
    terminal = Terminal(settings.terminal_id, settings.store_id, settings.merchant_id, "T01", "")
    batches = [[Event(event_id=e.event_id, seq=e.seq, type=e.type, occurred_at=e.occurred_at,
                      merchant_id=settings.merchant_id, store_id=settings.store_id,
                      terminal_id=settings.terminal_id, member_id=e.member_id,
                      payload=e.payload) for e in rows[i:i + 500]]
               for i in range(0, len(rows), 500)]
    packs = PackBook()
    began = time.perf_counter()
    for batch in batches:
        ingest.push(ho.engine, terminal, batch, datetime.now(UTC), packs)
    return len(rows) / (time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--day-sales", type=int, default=2000)
    parser.add_argument("--backlog", type=int, default=10000)
    parser.add_argument("--tills", type=int, default=50)
    parser.add_argument("--out", type=Path, default=Path("bench/out/sync.json"))
    args = parser.parse_args()
    data = Path("bench/data")
    data.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    day = day_of_trade(data / f"sync-day-{args.day_sales}.sqlite3", args.day_sales)
    print(f"day of trade ready ({time.perf_counter() - began:.0f} s)", flush=True)
    results: dict[str, Any] = {"machine": {"cpus": _cpus()}, "workers": args.workers}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ho = HeadOffice(args.pg, args.workers, folder)
        try:
            ho.stores(60)
            results.update(_measures(ho, day, folder, args))
            results["in_process_events_per_s"] = round(in_process_rate(ho, day, 5000))
        finally:
            ho.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))


def _measures(ho: HeadOffice, day: Path, folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    out: dict[str, Any] = {}
    path = folder / "day.sqlite3"
    shutil.copy(day, path)
    copy_key(day, path)
    reidentify(path)
    till = enrolled_till(ho, "S001", path)
    events = pending(till)
    began = time.perf_counter()
    till.sync()
    out["day_of_trade"] = {"sales": args.day_sales, "events": events,
                           "converge_s": round(time.perf_counter() - began, 2),
                           "left": pending(till)}
    till.close()
    print("day of trade:", out["day_of_trade"], flush=True)

    till = prepared(ho, day, folder, "backlog", "S002", args.backlog)
    seconds = push_all(till)
    out["backlog"] = {"events": args.backlog, "clear_s": round(seconds, 2),
                      "events_per_s": round(args.backlog / seconds)}
    till.close()
    print("backlog:", out["backlog"], flush=True)

    before = ho.events()
    tills = [prepared(ho, day, folder, f"ingest-{i}", f"S{3 + i:03d}", 5000) for i in range(8)]
    run = concurrent(tills)
    received = ho.events() - before
    out["ingest_8_tills"] = {**run, "events": received,
                             "events_per_s": round(received / run["wall_s"])}
    for t in tills:
        t.close()
    print("ingest:", out["ingest_8_tills"], flush=True)

    tills = [prepared(ho, day, folder, f"prebuilt-{i}", f"S{3 + i:03d}", 5000)
             for i in range(8)]
    out["ingest_prebuilt_8_tills"] = prebuilt(ho, tills)
    for t in tills:
        t.close()
    print("ingest, batches built beforehand:", out["ingest_prebuilt_8_tills"], flush=True)

    before = ho.events()
    tills = [prepared(ho, day, folder, f"many-{i}", f"S{(i % 49) + 11:03d}", 400)
             for i in range(args.tills)]
    run = concurrent(tills)
    out["tills_at_once"] = {**run, "tills": args.tills, "events": ho.events() - before,
                            "left": sum(pending(t) for t in tills)}
    for t in tills:
        t.close()
    print("50 tills:", out["tills_at_once"], flush=True)
    return out


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


if __name__ == "__main__":
    main()
