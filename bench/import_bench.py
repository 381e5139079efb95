"""Issue 17: `kaika import members` of a generated file and `kaika verify`, on copies of the 1M
store, each beside a raw-sqlite3 baseline of the same work in the same run.

    python -m bench.import_bench --pristine /work/benchdata/pristine.sqlite3 \\
        --work /work/benchdata/bulkimport [--rows 100000] [--out bench/out/import.json]

Three copies of the pristine store are made (`WORK-kaika.sqlite3`, `WORK-raw.sqlite3`,
`WORK-raw2.sqlite3`, with the key file) and deleted at the end unless --keep. Kaika's import
runs as a person runs it: the `kaika import members FILE` command in its own process. The
baseline then inserts, into the second copy, exactly the rows Kaika wrote (read back from its
copy) with executemany, in the same 2,000-member transactions, with the same pragmas and
sealing triggers; then into the third, the same again with the log copied back as Kaika's
import does (db/wal.py). `kaika verify` runs on Kaika's copy afterwards; its baseline does the
same checks by hand on the second.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import import_raw, import_rows
from bench.generate import MANAGER
from bench.run import machine
from domain.services import imports

ROOT = Path(__file__).resolve().parents[1]
# The command as `kaika` runs it; at its end it writes its own CPU time and its worker
# process's (desktop/workers.py) as the last line of stderr, so the two can be told apart.
CLI = ("import json, resource, sys\n"
       "from desktop.cli import main\n"
       "if __name__ == '__main__':\n"
       "    code = main(sys.argv[1:])\n"
       "    own = resource.getrusage(resource.RUSAGE_SELF)\n"
       "    kids = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
       "    print(json.dumps({'own_cpu_s': round(own.ru_utime + own.ru_stime, 2),\n"
       "                      'worker_cpu_s': round(kids.ru_utime + kids.ru_stime, 2)}),\n"
       "          file=sys.stderr)\n"
       "    raise SystemExit(code)\n")


class Load:
    """/proc/loadavg's 1-minute figure every few seconds while a step runs."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> Load:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while True:
            self.samples.append(float(Path("/proc/loadavg").read_text().split()[0]))
            if self._stop.wait(5):
                return

    def figures(self) -> dict[str, float]:
        return {"load_min": min(self.samples), "load_max": max(self.samples),
                "load_mean": round(sum(self.samples) / len(self.samples), 2)}


def copy_store(pristine: Path, key: Path, to: Path) -> Path:
    for suffix in ("-wal", "-shm", ".key"):
        Path(str(to) + suffix).unlink(missing_ok=True)
    shutil.copyfile(pristine, to)
    shutil.copyfile(key, Path(str(to) + ".key"))
    # Migrated once, untimed (a store at an older revision is upgraded on first open).
    from desktop.bootstrap import open_app
    open_app(to).close()
    return to


def _kaika(*argv: str, db: Path | None) -> subprocess.CompletedProcess[str]:
    args = [*argv, "--db", str(db)] if db is not None else list(argv)
    return subprocess.run([sys.executable, "-c", CLI, *args], cwd=ROOT, capture_output=True,
                          text=True, check=False,
                          env={**os.environ, "KAIKA_PIN": MANAGER[2]})


def timed(step: Any) -> tuple[float, Any, dict[str, float]]:
    """Wall seconds, the result, and the load with the CPU seconds (this process and any
    child it waited for: `kaika` runs in its own)."""
    children, own = resource.getrusage(resource.RUSAGE_CHILDREN), time.process_time()
    with Load() as load:
        start = time.perf_counter()
        result = step()
        seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
           + time.process_time() - own)
    return seconds, result, {**load.figures(), "cpu_s": round(cpu, 2)}


def member_file(db: Path, rows: int, seed: int, out: Path) -> Path:
    from desktop.bootstrap import open_app
    with sqlite3.connect(db) as conn:
        taken = import_rows.taken_mobiles(conn)
    app = open_app(db)
    tiers, today = tuple(t.name for t in app.ctx.pack.tiers), app.ctx.local_date()
    app.close()
    out.write_bytes(import_rows.csv_bytes(
        import_rows.member_rows(random.Random(seed), rows, taken, tiers, today)))
    return out


def run(pristine: Path, key: Path, work: Path, rows: int, seed: int,
        verify: bool = True) -> dict[str, Any]:
    kaika_db = copy_store(pristine, key, Path(f"{work}-kaika.sqlite3"))
    raw_db = copy_store(pristine, key, Path(f"{work}-raw.sqlite3"))
    raw2_db = copy_store(pristine, key, Path(f"{work}-raw2.sqlite3"))
    csv = member_file(kaika_db, rows, seed, Path(f"{work}-members.csv"))
    before = import_raw.marks(kaika_db)
    seconds, done, load = timed(lambda: _kaika("import", "members", str(csv), "--staff",
                                               MANAGER[0], db=kaika_db))
    if done.returncode != 0:
        raise SystemExit(f"kaika import failed: {done.stderr[-2000:]}")
    load |= json.loads(done.stderr.strip().splitlines()[-1])
    batches, written = import_raw.written(kaika_db, before)
    imported = sum(len(b) for b in batches)
    raw_s, _, raw_load = timed(lambda: import_raw.insert(raw_db, batches, written))
    # The second baseline copies the log back as Kaika's import does (db/wal.py).
    copy_backs: list[tuple[int, float]] = []
    raw2_s, _, raw2_load = timed(lambda: import_raw.insert(
        raw2_db, batches, written, copy_back_every=imports.COPY_BACK_BATCHES,
        copy_backs=copy_backs))
    report = {
        "rows": rows, "imported": imported, "stdout": done.stdout.strip(),
        "import": {"seconds": seconds, "rows_per_s": imported / seconds, **load},
        "import_raw": {"seconds": raw_s, "rows_per_s": imported / raw_s, **raw_load},
        "import_ratio": seconds / raw_s,
        "import_raw_copy_back": {"seconds": raw2_s, "rows_per_s": imported / raw2_s,
                                 "every_batches": imports.COPY_BACK_BATCHES,
                                 "copy_backs_mb_s": [(round(b / 2**20, 1), round(s, 2))
                                                     for b, s in copy_backs], **raw2_load},
        "import_ratio_copy_back": seconds / raw2_s,
        "table_rows": {t: len(v[1]) for t, v in written.items()},
        "machine": machine(),
    }
    if verify:  # bench/verify_bench.py times verify on its own, CPU time too
        verify_s, checked, verify_load = timed(lambda: _kaika("verify", db=kaika_db))
        by_hand_s, by_hand, by_hand_load = timed(lambda: import_raw.verify_by_hand(raw_db))
        report |= {
            "verify": {"seconds": verify_s, "result": checked.stdout.strip().splitlines()[-1:],
                       "exit": checked.returncode, **verify_load},
            "verify_raw": {"seconds": by_hand_s, "steps": by_hand, **by_hand_load},
            "verify_ratio": verify_s / by_hand_s}
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.import_bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pristine", type=Path, required=True)
    parser.add_argument("--key", type=Path, help="the store's key file (default: beside it)")
    parser.add_argument("--work", type=Path, required=True, help="prefix of the copies")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "import.json")
    parser.add_argument("--keep", action="store_true", help="keep the copies")
    parser.add_argument("--no-verify", action="store_true", help="time the import only")
    args = parser.parse_args(argv)
    key = args.key or Path(str(args.pristine) + ".key")
    try:
        report = run(args.pristine, key, args.work, args.rows, args.seed,
                     verify=not args.no_verify)
    finally:
        if not args.keep:
            for path in args.work.parent.glob(args.work.name + "-*"):
                path.unlink()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "machine"}, ensure_ascii=False,
                     indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
