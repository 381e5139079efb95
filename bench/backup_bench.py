"""`kaika backup` on a large store: SQLite's online backup against a plain file copy.

    .venv/bin/python -m bench.backup_bench --db /work/benchdata/gen.sqlite3 --work DIR

The store is never opened where it is: it is first copied into DIR with a plain file copy
(the baseline: the floor any backup of that many bytes has), then `db.backup.take_backup`
backs that copy up into DIR/backups, as the till's day close does. Wall and CPU seconds of
each, and the load average, are printed as JSON; DIR is emptied afterwards."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from db.backup import take_backup
from db.crypto import default_key_path


def timed(work: Any) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.backup_bench", description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    copy = args.work / "store.sqlite3"
    try:
        copy_wall, copy_cpu, _ = timed(lambda: shutil.copyfile(args.db, copy))
        if default_key_path(args.db).exists():
            shutil.copyfile(default_key_path(args.db), default_key_path(copy))
        backup_wall, backup_cpu, made = timed(
            lambda: take_backup(copy, args.work / "backups", datetime.now(UTC)))
        figures = {"bytes": copy.stat().st_size, "load_average": os.getloadavg(),
                   "file_copy_s": {"wall": round(copy_wall, 1), "cpu": round(copy_cpu, 1)},
                   "take_backup_s": {"wall": round(backup_wall, 1),
                                     "cpu": round(backup_cpu, 1)},
                   "backup_bytes": made.path.stat().st_size}
    finally:
        shutil.rmtree(args.work, ignore_errors=True)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
