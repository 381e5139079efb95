"""Head office's reports and admin pages read from the primary beside the same reads from a
streaming replica (`serve --replica-db`, issue 14 §5), in the same run; not a test.

    .venv/bin/python -m bench.replica_bench [--tills 8] [--events 5000] [--rounds 4]
        [--requests 20] [--workers 2] [--out bench/out/replica.json]

A primary and a streaming replica of it (two PostgreSQL 15 clusters on loopback ports, made as
tests/headoffice/pgcluster.py makes them, removed afterwards) get a head-office database
filled by real tills pushing `--tills` × `--events` cloned events through a real server (as
bench/ingest_bench.py does). Once the replica has replayed everything, two servers run on it:
one reads from the primary, the other with `--replica-db`. Each round asks each server, in
alternating order, `--requests` times for every read the replica serves (the liability report,
the chain's and one store's daily points report, the open cases), one request at a time;
latencies per endpoint and server, where the answer says it came from, and the load average;
then the same report functions in-process on a connection to each cluster (the databases' own
share, without HTTP and without the lag check).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from bench.ingest_bench import _loadavg, bodies, send_all
from bench.sync_backlog import day_of_trade
from bench.sync_bench import HeadOffice, prepared
from headoffice import cases, reports
from headoffice.cli import ADMIN_TOKEN_ENV
from headoffice.engine import make_engine
from headoffice.packs import PackBook
from headoffice.replica import HEADER_LAG, HEADER_READ_FROM, Reads
from tests.headoffice.pgcluster import PrimaryAndReplica

TOKEN = "bench-admin-token"


def fill(ho: HeadOffice, day: Path, folder: Path, tills: int, events: int) -> int:
    """Real tills push their cloned backlogs; returns the events head office holds."""
    ho.stores(tills + 1)
    made = [prepared(ho, day, folder, f"fill-{i}", f"S{1 + i:03d}", events)
            for i in range(tills)]
    send_all(made, [bodies(t) for t in made])
    for till in made:
        till.close()
    return ho.events()


def caught_up(pair: PrimaryAndReplica, database: str) -> float:
    """Seconds until the replica has replayed all the primary wrote (bounded at 5 minutes)."""
    primary, replica = make_engine(pair.primary_url(database)), make_engine(
        pair.replica_url(database))
    began = time.perf_counter()
    try:
        while Reads(primary, replica, 0).lag_seconds() > 0:
            if time.perf_counter() - began > 300:
                raise RuntimeError("the replica did not catch up in 5 minutes")
            time.sleep(0.1)
        return time.perf_counter() - began
    finally:
        primary.dispose()
        replica.dispose()


def reads(ho: HeadOffice) -> dict[str, str]:
    """Every read the replica serves, with a day and a store that have points."""
    with ho.engine.connect() as conn:
        day, store = conn.execute(sa.text(
            "SELECT l.business_date, s.code FROM points_ledger l JOIN stores s "
            "ON s.id = l.store_id GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1")).first() or (
            None, None)
    if not isinstance(day, date):  # a till's first events are sign-ups: sales come later
        raise SystemExit("no points were booked: give each till more events (--events 3000+)")
    return {"liability": "/v1/admin/reports/liability?merchant=M001",
            "points_daily_chain": f"/v1/admin/reports/points-daily?day={day.isoformat()}",
            "points_daily_store": f"/v1/admin/reports/points-daily?day={day.isoformat()}"
                                  f"&store={store}",
            "cases_open": "/v1/admin/cases",
            "health_floor": "/v1/health"}  # not a replica read: what any answer costs


def timed(server: HeadOffice, path: str, n: int) -> tuple[list[float], set[str], float]:
    """n answers one at a time: latencies (ms), where they said they read, the largest lag."""
    latencies, sources, lag = [], set(), 0.0
    with httpx.Client(base_url=server.base, timeout=120,
                      headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        client.get(path).raise_for_status()  # warm: the worker's connection and caches
        for _ in range(n):
            began = time.perf_counter()
            answer = client.get(path)
            latencies.append((time.perf_counter() - began) * 1000)
            answer.raise_for_status()
            sources.add(answer.headers.get(HEADER_READ_FROM, "?"))
            lag = max(lag, float(answer.headers.get(HEADER_LAG, "0")))
    return latencies, sources, lag


def one_round(servers: list[HeadOffice], paths: dict[str, str], n: int,
              requests: int) -> dict[str, Any]:
    order = servers if n % 2 == 0 else list(reversed(servers))
    out: dict[str, Any] = {"round": n, "loadavg": [_loadavg()]}
    for server in order:
        for name, path in paths.items():
            ms, sources, lag = timed(server, path, requests)
            out[f"{server.via}/{name}"] = {
                "median_ms": round(statistics.median(ms), 2),
                "p90_ms": round(statistics.quantiles(ms, n=10)[-1], 2),
                "read_from": sorted(sources), "max_lag_s": lag}
    out["loadavg"].append(_loadavg())
    return out


def in_process(pair: PrimaryAndReplica, database: str, paths: dict[str, str],
               requests: int) -> dict[str, float]:
    """The same report functions called in-process on a connection to the primary and to the
    replica (no HTTP, no lag check): the databases' own share, median ms per call."""
    day = date.fromisoformat(paths["points_daily_chain"].rsplit("=", 1)[1])
    store = paths["points_daily_store"].rsplit("=", 1)[1]
    calls: dict[str, Callable[[sa.Connection, PackBook], object]] = {
        "liability": lambda c, p: reports.liability(c, "M001", p),
        "points_daily_chain": lambda c, p: reports.points_daily(c, day, None, p),
        "points_daily_store": lambda c, p: reports.points_daily(c, day, store, p),
        "cases_open": lambda c, p: cases.list_cases(c, "open"),
        "health_floor": lambda c, p: c.execute(sa.text("SELECT 1"))}
    out = {}
    for side, url in (("primary", pair.primary_url(database)),
                      ("replica", pair.replica_url(database))):
        engine, packs = make_engine(url), PackBook()
        with engine.connect() as conn:
            for name, call in calls.items():
                call(conn, packs)
                ms = []
                for _ in range(requests):
                    began = time.perf_counter()
                    call(conn, packs)
                    ms.append((time.perf_counter() - began) * 1000)
                    conn.rollback()
                out[f"{side}/{name}"] = round(statistics.median(ms), 2)
        engine.dispose()
    return out


def summary(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """Median over rounds of each endpoint's median, per server, and replica / primary."""
    keys = sorted(k for k in rounds[0] if "/" in k)
    medians = {k: round(statistics.median(r[k]["median_ms"] for r in rounds), 2) for k in keys}
    ratios = {k.split("/", 1)[1]: round(medians[k] / medians["primary/" + k.split("/", 1)[1]], 2)
              for k in keys if k.startswith("replica/")}
    return {"median_ms": medians, "replica_over_primary": ratios}


def run(args: argparse.Namespace, pair: PrimaryAndReplica, tmp: Path) -> dict[str, Any]:
    day = day_of_trade(Path("bench/data/sync-day-2000.sqlite3"), 2000)
    ho = HeadOffice(pair.primary_url("postgres"), args.workers, tmp)
    servers = [ho]
    try:
        result: dict[str, Any] = {"loadavg_fill": [_loadavg()]}
        began = time.perf_counter()
        result["events"] = fill(ho, day, tmp, args.tills, args.events)
        result["fill_s"] = round(time.perf_counter() - began, 1)
        result["loadavg_fill"].append(_loadavg())
        result["replica_catch_up_s"] = round(caught_up(pair, ho.name), 2)
        ho.via = "primary"
        servers.append(ho.beside(ho.url, "none", args.workers, tmp, via="replica", extra=(
            "--replica-db", pair.replica_url(ho.name))))
        paths = reads(ho)
        result["rounds"] = []
        for n in range(args.rounds):
            result["rounds"].append(one_round(servers, paths, n, args.requests))
            print(json.dumps(result["rounds"][-1]), flush=True)
            result["rounds"][-1]["in_process_ms"] = in_process(pair, ho.name, paths,
                                                               args.requests)
        result["summary"] = summary(result["rounds"])
        result["summary"]["in_process_ms"] = {k: statistics.median(
            r["in_process_ms"][k] for r in result["rounds"]) for k in result["rounds"][0][
            "in_process_ms"]}
        return result
    finally:
        for server in reversed(servers):
            server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tills", type=int, default=8)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("bench/out/replica.json"))
    args = parser.parse_args()
    os.environ[ADMIN_TOKEN_ENV] = TOKEN  # the servers read it from the environment, as deployed
    Path("bench/data").mkdir(parents=True, exist_ok=True)
    pair = PrimaryAndReplica().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            result = run(args, pair, Path(tmp))
    finally:
        pair.stop()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result["summary"], indent=2))


if __name__ == "__main__":
    main()
