"""Each store migration timed on a 1M-member store at the revision before it (issue 17).

    .venv/bin/python -m bench.migration_bench --db /work/benchdata/pristine.sqlite3 \
        --work /work/benchdata/NAME [--from 0005] [--out bench/out/migrations.json]

The store (never written) is copied to `<work>-base.sqlite3` and taken back with Alembic's
downgrades to `--from` (once; the copy is kept for the next run). Each run copies that base
again and upgrades it one revision at a time, as the till's first open does (with the store's
sealer, so 0008 seals every ledger, balance and lot row), timing each step: wall and CPU
seconds (the CPU time holds on a shared machine). Beside the steps
that write rows, a raw-sqlite3 baseline of the same rows in the same run: the terms 0006
wrote inserted into a table of the same shape in key order (and the same index built again),
and every row 0008 sealed rewritten once (`UPDATE … SET seal = seal`, no HMAC, no trigger).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.script import ScriptDirectory

from db import migrate
from db.engine import make_engine
from db.seals import SEALED, for_key_file


def key_of(path: Path) -> Path:
    return path.with_name(path.name + ".key")


def copy_store(source: Path, target: Path, key: Path | None = None) -> None:
    """The database (checkpointed: no -wal beside it) and its key file."""
    shutil.copy(source, target)
    shutil.copy(key or key_of(source), key_of(target))
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)


def base_at(source: Path, key: Path, work: str, revision: str) -> Path:
    """The store taken back to `revision` (made once, untimed)."""
    base = Path(f"{work}-base-{revision}.sqlite3")
    if base.exists():
        return base
    partial = Path(f"{work}-partial.sqlite3")
    copy_store(source, partial, key)
    engine = make_engine(partial, for_key_file(key_of(partial)))
    began = time.perf_counter()
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), revision)
    engine.dispose()
    with sqlite3.connect(partial) as raw:  # the engine BEGINs before every statement
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"downgraded to {revision} in {time.perf_counter() - began:.0f} s", flush=True)
    partial.rename(base)
    shutil.move(key_of(partial), key_of(base))
    return base


def steps_after(revision: str) -> list[str]:
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    found = [s.revision for s in scripts.iterate_revisions(migrate.head(), revision)
             if s.revision != revision]
    return list(reversed(found))


def timed_upgrades(path: Path, steps: list[str]) -> dict[str, list[float]]:
    """[wall, CPU] seconds per step, each its own transaction (commit included), as the till
    runs them. SQLite works in this process, so its CPU time is the figure the machine's
    other load does not inflate."""
    engine = make_engine(path, for_key_file(key_of(path)))
    out: dict[str, list[float]] = {}
    try:
        for step in steps:
            began, cpu = time.perf_counter(), time.process_time()
            with engine.begin() as conn:
                command.upgrade(migrate.alembic_config(conn, for_key_file(key_of(path))), step)
            out[step] = [round(time.perf_counter() - began, 2),
                         round(time.process_time() - cpu, 2)]
            print(f"  {step}: {out[step]} s  load {_loadavg()}", flush=True)
    finally:
        engine.dispose()
    return out


def raw_baselines(path: Path) -> dict[str, list[float]]:
    """The same rows written by plain sqlite3, on the upgraded copy (then dropped); [wall,
    CPU] seconds."""
    conn = sqlite3.connect(path, isolation_level=None)
    out: dict[str, list[float]] = {}
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN")
        began, cpu = time.perf_counter(), time.process_time()
        conn.execute("CREATE TABLE bench_terms (kind VARCHAR(1) NOT NULL, term VARCHAR(24) "
                     "NOT NULL, member_id VARCHAR(36) NOT NULL, PRIMARY KEY (kind, term, "
                     "member_id)) WITHOUT ROWID")
        conn.execute("INSERT INTO bench_terms SELECT kind, term, member_id FROM "
                     "member_search_terms ORDER BY 1, 2, 3")
        conn.execute("CREATE INDEX bench_joined ON members (joined_on)")
        conn.execute("COMMIT")
        out["0006"] = [round(time.perf_counter() - began, 2),
                       round(time.process_time() - cpu, 2)]
        conn.execute("BEGIN")
        began, cpu = time.perf_counter(), time.process_time()
        for table in SEALED:
            conn.execute(f"UPDATE {table} SET seal = seal")
        conn.execute("COMMIT")
        out["0008"] = [round(time.perf_counter() - began, 2),
                       round(time.process_time() - cpu, 2)]
        conn.execute("DROP TABLE bench_terms")
        conn.execute("DROP INDEX bench_joined")
    finally:
        conn.close()
    return out


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("members", "member_search_terms", *SEALED, "audit_log")}
    finally:
        conn.close()


def _loadavg() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--key", type=Path, help="the store's key file (default <db>.key)")
    parser.add_argument("--work", required=True, help="path prefix for the copies")
    parser.add_argument("--from", dest="start", default="0005")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the downgraded base copy")
    parser.add_argument("--out", type=Path, default=Path("bench/out/migrations.json"))
    args = parser.parse_args()
    base = base_at(args.db, args.key or key_of(args.db), args.work, args.start)
    steps = steps_after(args.start)
    results: dict[str, Any] = {"from": args.start, "steps": steps, "rounds": []}
    run = Path(f"{args.work}-run.sqlite3")
    try:
        for _ in range(args.rounds):
            copy_store(base, run)
            load = _loadavg()
            began, cpu = time.perf_counter(), time.process_time()
            timed = timed_upgrades(run, steps)
            total = [round(time.perf_counter() - began, 2), round(time.process_time() - cpu, 2)]
            raw = raw_baselines(run)
            results["rounds"].append({"steps_s": timed, "total_s": total, "raw_s": raw,
                                      "loadavg": [load, _loadavg()]})
            print(json.dumps(results["rounds"][-1]), flush=True)
        results["rows"] = counts(run)
    finally:
        for suffix in ("", "-wal", "-shm", ".key"):
            Path(str(run) + suffix).unlink(missing_ok=True)
        if not args.keep:
            for suffix in ("", ".key"):
                Path(str(base) + suffix).unlink(missing_ok=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
