"""The till's speed on a big store (not a test): scan → line on screen, card → member panel,
cold start to the log-in screen, memory. Run on a copy of the bench store:

    .venv/bin/python -m bench.generate                      # 1M members, 100k SKUs (once)
    cp bench/data/bench.sqlite3 /tmp/till-bench.sqlite3
    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/gui/bench_till.py /tmp/till-bench.sqlite3

Scans and swipes go through the same path as the devices' signals (the main window's
`on_scanned` / `on_swiped`), so the time includes pricing, the member look-up and repainting
the lines table and member panel; the stopwatch stops once Qt has processed the repaint.

Each scan is also split by where its CPU time goes (issue 17): the product read
(`SaleViewModel._product`), pricing (`checkout.quote`), the screen's update (`SaleScreen.refresh`:
lines table, totals, member panel), the rest of `on_scanned` (routing, the view-model's own
work) and Qt's repaint (`processEvents`). CPU time is the thread's own (`time.thread_time`),
which a busy machine does not stretch; the wall time is what the cashier sees. Beside it runs
the raw baseline of the one thing a scan must do, a plain sqlite3 SELECT of the product by its
barcode on the same file.
"""

from __future__ import annotations

import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

# From the first line to the log-in screen (desktop/launch.py, as bench/startup.py times it).
COLD_START = """
import time, sys
t0 = time.perf_counter()
from pathlib import Path
from desktop.launch import start_to_login
close = start_to_login(Path(sys.argv[1]))
print(time.perf_counter() - t0)
close()
"""


class Stages:
    """CPU time per stage: each wrapped function adds its thread time to its stage."""

    def __init__(self) -> None:
        self.spent: defaultdict[str, float] = defaultdict(float)

    def wrap(self, owner: Any, name: str, stage: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.spent[stage] += time.thread_time() - started
        setattr(owner, name, timed)

    def snapshot(self) -> dict[str, float]:
        return dict(self.spent)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {"n": len(values), "median_ms": round(statistics.median(values) * 1000, 3),
            "p99_ms": round(percentile(values, 99) * 1000, 3),
            "max_ms": round(max(values) * 1000, 3)}


def main(path: Path, rounds: int = 300) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication

    from desktop import bootstrap
    from desktop.app import application, apply_style, choose_font, set_language
    from desktop.screens.main_window import MainWindow
    from desktop.screens.sale_screen import SaleScreen
    from desktop.viewmodels.sale import SaleViewModel
    from domain.cards import track2_data
    from domain.services import checkout
    from hardware.scan_codes import CodeKind, ScannedCode
    from hardware.tracks import Tracks

    started = time.perf_counter()
    load_before = os.getloadavg()
    cold = [float(subprocess.run([sys.executable, "-c", COLD_START, str(path)],
                                 capture_output=True, text=True, check=True).stdout)
            for _ in range(3)]
    app = application()
    set_language(app, "zh_CN")
    choose_font(app)
    apply_style(app)
    till = bootstrap.open_till(path, {})
    window = MainWindow(till.env, None, idle_lock_s=0)
    window.resize(1280, 800)
    window.show()
    window.session.login("1001", "1357")
    if window.session.needs_shift:
        window.session.open_shift(0)
    window._enter_till()
    rng = random.Random(7)
    conn = sqlite3.connect(path)
    barcodes = [r[0] for r in conn.execute(
        "SELECT barcode FROM products WHERE active = 1 AND barcode IS NOT NULL")]
    cards = conn.execute("SELECT c.number, c.expiry FROM cards c JOIN members m ON "
                         "m.id = c.member_id WHERE c.state IN ('issued','active') AND "
                         "m.status = 'active' ORDER BY random() LIMIT ?", (rounds,)).fetchall()
    secret = till.env.ctx.card_secret

    def settle() -> None:
        QApplication.processEvents()

    stages = Stages()
    stages.wrap(SaleViewModel, "_product", "product read")
    stages.wrap(checkout, "quote", "pricing")
    stages.wrap(SaleScreen, "refresh", "screen update")
    scans: list[float] = []
    raw: list[float] = []
    split: dict[str, list[float]] = defaultdict(list)
    for i in range(rounds + 40):
        if i % 20 == 0:
            window.sale.start(window.session.staff)  # a fresh basket every 20 lines
            settle()
        barcode = rng.choice(barcodes)
        code = ScannedCode(barcode, CodeKind.GTIN)
        before = stages.snapshot()
        t, cpu = time.perf_counter(), time.thread_time()
        window.on_scanned(code)
        worked = time.thread_time()
        settle()
        done, painted = time.perf_counter(), time.thread_time()
        r = time.perf_counter()
        row = conn.execute("SELECT * FROM products WHERE barcode = ?", (barcode,)).fetchone()
        raw_s = time.perf_counter() - r
        assert row is not None
        if i < 40:  # warm-up: the first two baskets find cold pages and unprimed caches
            continue
        scans.append(done - t)
        raw.append(raw_s)
        inner = {k: v - before.get(k, 0.0) for k, v in stages.snapshot().items()}
        for stage, spent in inner.items():
            split[stage].append(spent)
        split["routing and view-model"].append(worked - cpu - sum(inner.values()))
        split["Qt repaint"].append(painted - worked)
        split["cpu total"].append(painted - cpu)
    conn.close()
    swipes: list[float] = []
    for number, expiry in cards:
        window.sale.start(window.session.staff)
        settle()
        tracks = Tracks(track2=track2_data(number, expiry, secret).strip(";?"))
        t = time.perf_counter()
        window.on_swiped(tracks)
        settle()
        swipes.append(time.perf_counter() - t)
        assert window.sale.sale().view().member is not None, window.sale.alert.text()
    result = {
        "store": {"path": str(path), "size_mb": round(path.stat().st_size / 1e6)},
        "scan_to_line": summary(scans),
        "scan_raw_select_by_barcode": summary(raw),
        "scan_cpu_by_stage": {stage: summary(values) for stage, values in split.items()},
        "card_to_member_panel": summary(swipes),
        "cold_start_s": [round(c, 2) for c in cold],
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "wall_s": round(time.perf_counter() - started, 1),
        "load_before": load_before,
        "load_after": os.getloadavg(),
    }
    window.shutdown()
    till.close()
    return result


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1])), indent=2))
