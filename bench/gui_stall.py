"""How long the till's window stops answering while a back-office page reads a large store
(issue 17), not a test. Run on a copy of the bench store, from the repository root:

    cp bench/data/pristine.sqlite3 /tmp/stall.sqlite3   # and its .key file
    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.gui_stall /tmp/stall.sqlite3

A 10 ms timer on the window's thread records every gap between its ticks: the longest gap is
the longest time a key press or a scan would have waited. Each page read is timed twice in
the same run: through the window's task runner (what the pages do now), and as its baseline
the same read called directly on the window's thread (what they did before).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TICK_MS = 10


class Gaps:
    """The longest wait between two ticks of a timer on the window's thread."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = time.perf_counter()
        self.longest = 0.0
        self.ticks = 0

    def start(self) -> None:
        self.last, self.longest, self.ticks = time.perf_counter(), 0.0, 0
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.longest

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last, self.ticks = now, self.ticks + 1


def measure(app: Any, window: Any, name: str, job: Callable[[Any], object]) -> dict[str, Any]:
    """The same read through the runner and, as the baseline, on the window's thread."""
    from PySide6.QtCore import QEventLoop

    from desktop.tasks import Task
    from domain.progress import NO_PROGRESS

    gaps = Gaps()
    got: list[object] = []
    gaps.start()
    started = time.perf_counter()
    window.tasks.run(Task(name, job, got.append, got.append))
    loop = QEventLoop()
    window.tasks.finished.connect(loop.quit)
    loop.exec()
    runner_s = time.perf_counter() - started
    runner_gap, ticks = gaps.stop(), gaps.ticks
    gaps.start()
    started = time.perf_counter()
    job(NO_PROGRESS)  # what the page did before: the read on the window's thread
    app.processEvents()
    direct_s = time.perf_counter() - started
    direct_gap = gaps.stop()
    return {"read": name, "runner_read_s": round(runner_s, 2),
            "runner_longest_gap_ms": round(runner_gap * 1000, 1), "runner_ticks": ticks,
            "direct_read_s": round(direct_s, 2),
            "direct_longest_gap_ms": round(direct_gap * 1000, 1)}


def main(path: Path) -> list[dict[str, Any]]:
    from desktop import bootstrap
    from desktop.app import application
    from desktop.screens.main_window import MainWindow
    from desktop.viewmodels import analysis, day_close, tiers
    from domain.analysis import AnalysisRules
    from domain.services import reports

    app = application()
    till = bootstrap.open_till(path, {})
    ctx = till.app.ctx
    window = MainWindow(till.env, None, idle_lock_s=0)
    window.tasks.show_after_ms = 0  # the dialog is painted too, as a person would see it
    window.show()
    day = ctx.today()
    reads: list[tuple[str, Callable[[Any], object]]] = [
        ("Z report and day status", lambda p: day_close.z_and_status(ctx, day, p)),
        ("daily points report", lambda p: reports.daily_points_report(ctx, day)),
        ("Tiers page", lambda p: tiers.read(ctx, tiers.DEFAULT_DAYS, p)),
        ("Analysis page", lambda p: analysis.read(ctx, AnalysisRules(), analysis.BIRTHDAY_DAYS,
                                                  analysis.DORMANT_DAYS, p)),
    ]
    found = []
    try:
        for name, job in reads:
            row = measure(app, window, name, job)
            row["loadavg"] = Path("/proc/loadavg").read_text().split()[:3]
            print(json.dumps(row, ensure_ascii=False), flush=True)
            found.append(row)
    finally:
        window.shutdown()
        till.close()
    return found


if __name__ == "__main__":
    main(Path(sys.argv[1]))
