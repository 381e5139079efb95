"""How long `kaika` and the till take to start, beside the interpreter's own start (issue 17).

    python -m bench.startup --db COPY_OF_THE_1M_STORE [--n 9] [--out bench/out/startup.json]

Every figure is a fresh process, run `--n` times in turn with the others: its wall time and
its CPU time (user + system, from the kernel's accounting of the finished child), the median
and the spread. CPU time is what the code costs; on a shared machine the wall time adds the
wait for a core, so both are kept, with the load average before and after. The baselines are
the same interpreter doing nothing (`python -c pass`) and, for the till, a bare Qt window on
the same offscreen platform. `--importtime` adds the slowest top-level imports of each command
(`python -X importtime`). `kaika sync --once` runs against the store with credentials naming a
closed port, so it times everything up to the connection attempt.

`--bytecode` says whether Kaika's own modules start from compiled bytecode, as an installed
Kaika does (pip compiles a wheel's modules when it installs them): `yes` compiles them into
their __pycache__ folders first, `no` removes those folders, so that every run compiles the
sources again, as a checkout run with PYTHONDONTWRITEBYTECODE=1 does on every start. The
installed packages (Qt, SQLAlchemy, ...) keep their bytecode either way.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "startup.json"
PYTHON = sys.executable
ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("desktop", "domain", "db", "hardware", "sync", "resources")

# The till to the log-in screen shown with three turns of the event loop, as `kaika run` opens
# it (desktop/launch.py: the same start tests/gui/bench_till.py times). It prints its own CPU
# time at that moment (all threads, from the interpreter's start): what a person waits for.
# The whole process's figure adds closing the store and Python's and Qt's exit (~0.2 s of
# CPU), which nobody waits for at the log-in screen; both are kept.
TILL = """
import resource, sys
from pathlib import Path
from desktop.launch import start_to_login
close = start_to_login(Path(sys.argv[1]))
usage = resource.getrusage(resource.RUSAGE_SELF)
print("cpu-at-log-in", f"{usage.ru_utime + usage.ru_stime:.4f}", flush=True)
close()
"""
TO_LOGIN = "cpu-at-log-in"  # the line TILL prints

# The raw baseline of the till: Qt itself, one window with a label, the same event-loop turns.
BARE_QT = """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("开卡 Kaika")
label.resize(1280, 800); label.show()
for _ in range(3):
    app.processEvents()
"""


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, float | None]:
    """Wall and CPU seconds of one child process run to its end, and the CPU seconds it
    reported at its log-in screen (the till only; its other output is dropped)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          check=False, timeout=600, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    reported = [line.split()[1] for line in done.stdout.splitlines()
                if line.startswith(TO_LOGIN + " ")]
    return wall, cpu, float(reported[0]) if reported else None


def commands(db: Path) -> dict[str, list[str]]:
    kaika = [PYTHON, "-m", "desktop.cli"]
    return {
        "python -c pass (baseline)": [PYTHON, "-c", "pass"],
        "kaika --help": [*kaika, "--help"],
        "kaika verify --help": [*kaika, "verify", "--help"],
        "kaika report --help": [*kaika, "report", "--help"],
        "kaika report": [*kaika, "report"],
        "kaika sync --help": [*kaika, "sync", "--help"],
        "kaika sync --once (to the connection)": [*kaika, "sync", "--once", "--db", str(db)],
        "bare Qt window (baseline)": [PYTHON, "-c", BARE_QT],
        "till cold start to log-in": [PYTHON, "-c", TILL, str(db)],
    }


def write_credentials(db: Path) -> Path:
    """Credentials for a head office on a port nothing listens on: the round fails at once."""
    from sync import credentials
    from sync.signing import KeyPair

    path = credentials.path_for(db)
    credentials.save(path, credentials.Credentials(
        server="http://127.0.0.1:9", terminal_id="T-bench",
        private_key=KeyPair.generate().private_text(),
        server_keys=(KeyPair.generate().public_text(),)))
    return path


def child_env(compiled: bool) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if not compiled:  # no run may leave bytecode behind for the next
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def measure(db: Path, n: int, env: dict[str, str]) -> dict[str, dict[str, Any]]:
    runs: dict[str, list[tuple[float, float, float | None]]] = {name: [] for name in commands(db)}
    for argv in commands(db).values():  # once each, unrecorded: files into the cache
        timed(argv, env)
    for _ in range(n):
        for name, argv in commands(db).items():
            runs[name].append(timed(argv, env))
    return {name: _summary(values) for name, values in runs.items()}


def _summary(values: list[tuple[float, float, float | None]]) -> dict[str, Any]:
    walls, cpus = [w for w, _, _ in values], [c for _, c, _ in values]
    summary = {"n": len(values),
               "wall_s": round(statistics.median(walls), 3),
               "wall_range_s": [round(min(walls), 3), round(max(walls), 3)],
               "cpu_s": round(statistics.median(cpus), 3),
               "cpu_range_s": [round(min(cpus), 3), round(max(cpus), 3)]}
    at_login = [r for _, _, r in values if r is not None]
    if at_login:
        summary |= {"cpu_at_login_s": round(statistics.median(at_login), 3),
                    "cpu_at_login_range_s": [round(min(at_login), 3), round(max(at_login), 3)]}
    return summary


def slowest_imports(argv: list[str], env: dict[str, str],
                    top: int = 6) -> list[tuple[str, float]]:
    """The top-level imports of one run by their cumulative time, in ms (-X importtime)."""
    done = subprocess.run([argv[0], "-X", "importtime", *argv[1:]], env=env,
                          capture_output=True, text=True, check=False, timeout=600)
    found = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2].startswith(" ") and not parts[2].startswith("  "):
            try:
                found.append((parts[2].strip(), int(parts[1]) / 1000))
            except ValueError:  # the header line
                continue
    return sorted(found, key=lambda item: -item[1])[:top]


def set_bytecode(compiled: bool) -> None:
    """Kaika's modules with bytecode compiled beside them, or with none at all."""
    if compiled:
        subprocess.run([PYTHON, "-m", "compileall", "-q", *PACKAGES], cwd=ROOT, check=True)
        return
    for package in PACKAGES:
        for folder in (ROOT / package).rglob("__pycache__"):
            shutil.rmtree(folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a copy of the bench store")
    parser.add_argument("--n", type=int, default=9)
    parser.add_argument("--importtime", action="store_true")
    parser.add_argument("--bytecode", choices=("yes", "no"), required=True,
                        help="Kaika's modules compiled first (installed), or from source")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    set_bytecode(args.bytecode == "yes")
    env = child_env(args.bytecode == "yes")
    creds = write_credentials(args.db)
    try:
        load_before = os.getloadavg()
        figures = measure(args.db, args.n, env)
        load_after = os.getloadavg()
        if args.importtime:
            for name, command in commands(args.db).items():
                figures[name]["slowest_imports_ms"] = slowest_imports(command, env)
    finally:
        creds.unlink()
    result = {"db": str(args.db), "cpus": os.cpu_count(), "bytecode": args.bytecode,
              "figures": figures,
              "load_before": load_before, "load_after": load_after}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
