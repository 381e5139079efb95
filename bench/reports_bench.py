"""Time the daily points report, the Analysis page and the Tiers page on a 1M-member store,
each beside a raw-sqlite3 baseline running the same grouped queries (issue 17).

    python -m bench.reports_bench --db /work/benchdata/NAME-reports.sqlite3 [--prepare]
        [--rounds 3] [--out bench/out/reports.json]

`--prepare` (once, on a copy: it writes) migrates the store, gives the generated ledger its
sales and rings a busy day of ~6,000 sales today (bench/reports_data.py). The timed paths
only read. Kaika's side is what the screens call: the report service for the day and the day
before (PgUp), the Analysis view model's refresh with its birthday and dormant lists, the
Tiers view model's refresh; the baseline is the same SQL through plain sqlite3, fetched and
not mapped (for the Analysis page the statements over member_figures, migration 0017; the
old grouping of every sale is timed once beside them). Rounds alternate which side runs first.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.reports_data import busy_day, history_sales, sales_on
from db.crypto import FieldCipher, default_key_path
from db.engine import make_engine
from db.migrate import current, upgrade
from db.reports import _CHOSEN_FACTS, _IDLE, _KEPT_CHOSEN_FACTS, _KEPT_IDLE
from db.reports_groups import (
    _ACTIVE,
    _BIRTHDAYS,
    _FIGURES,
    _KEPT,
    _PER_TIER,
    _TIER_YEAR_DAYS,
    birthday_filter,
)
from db.seals import Sealer
from desktop.bootstrap import App, open_app
from desktop.viewmodels.analysis import BIRTHDAY_DAYS, DORMANT_DAYS, DORMANT_SHOWN, AnalysisModel
from desktop.viewmodels.tiers import DEFAULT_DAYS, TiersModel
from domain import analysis
from domain.services import reports as report_services
from domain.services.maintenance import latest_due_since, reviewed_tiers

BUSY_SALES = 6000
DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "reports.json"
Thunk = Callable[[], object]


def prepare(path: Path) -> dict[str, float]:
    """Migrate (timed), add the history's sales and a busy day if the store lacks them.

    The history goes in before 0017, as a store's sales were there before it: the step's
    grouped backfill is timed on them (after it, each inserted sale fires its triggers)."""
    start = time.perf_counter()
    _migrate(path, "0016")
    figures = {"open_and_migrate_s": time.perf_counter() - start}
    start = time.perf_counter()
    figures["history_sales"] = history_sales(path)
    figures["history_sales_s"] = time.perf_counter() - start
    start = time.perf_counter()
    app = open_app(path)
    figures["migrate_0017_member_figures_s"] = time.perf_counter() - start
    try:
        today = app.ctx.today().isoformat()
        if sales_on(path, today) < BUSY_SALES:
            figures["busy_day_s"] = busy_day(app, BUSY_SALES - sales_on(path, today))
    finally:
        app.close()
    return figures


def _migrate(path: Path, revision: str) -> None:
    """Up to `revision` only (a store already past it stays as it is)."""
    cipher = FieldCipher(default_key_path(path))
    sealer = Sealer(lambda: cipher.store_key(create=False))
    engine = make_engine(path, sealer)
    try:
        at = current(engine)
        if at is not None and at < revision:  # revision ids are zero-padded
            upgrade(engine, revision, sealer)
    finally:
        engine.dispose()


class Raw:
    """The same statements as Kaika's repositories, through plain sqlite3."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
        return self.conn.execute(sql, params).fetchall()

    def points_report(self, day: date) -> int:
        """Openings from the rollup, the day's entries and sales (lines, tenders), the day's
        members and their openings (one grouped query per 500)."""
        d = day.isoformat()
        before = (day - timedelta(days=1)).isoformat()
        total_until = "SELECT SUM(points) FROM points_days WHERE business_date <= ?"
        self.rows(total_until, (before,))
        closing = self.rows(total_until, (d,))[0][0]
        entries = self.rows("SELECT * FROM points_ledger WHERE business_date = ? "
                            "ORDER BY at, id", (d,))
        sales = self.rows("SELECT * FROM sales WHERE business_date = ? ORDER BY at, id", (d,))
        ids = [s[0] for s in sales]
        for chunk in _chunks(ids):
            marks = ", ".join("?" * len(chunk))
            self.rows(f"SELECT * FROM sale_lines WHERE sale_id IN ({marks})", chunk)
            self.rows(f"SELECT * FROM tenders WHERE sale_id IN ({marks})", chunk)
        members = sorted({e[1] for e in entries})
        for chunk in _chunks(members):
            marks = ", ".join("?" * len(chunk))
            self.rows(f"SELECT * FROM members WHERE id IN ({marks})", chunk)
            self.rows(f"SELECT member_id, SUM(points) FROM points_ledger WHERE member_id IN "
                      f"({marks}) AND business_date < ? GROUP BY member_id", (*chunk, d))
        return int(closing)

    def ledger_openings(self, day: date) -> int:
        """What the report summed before the rollup: the whole ledger, twice."""
        sql = "SELECT SUM(points) FROM points_ledger WHERE business_date <= ?"
        self.rows(sql, ((day - timedelta(days=1)).isoformat(),))
        return int(self.rows(sql, (day.isoformat(),))[0][0])

    def analysis(self, today: date, rules: analysis.AnalysisRules, kept: bool = True) -> int:
        """The page's statements: from member_figures (`kept`, what Kaika runs for today's
        window), or grouped from every sale (what it ran before 0017)."""
        since = (today - timedelta(days=rules.window_days - 1)).isoformat()
        until = today.isoformat()
        num, den = rules.top_share.as_integer_ratio()
        self.rows("SELECT since, until FROM member_figures_window")
        rows = self.rows(_KEPT if kept else _FIGURES, {
            "since": since, "until": until, "parts": 3, "num": num, "den": den})
        self.rows(_ACTIVE, ("active",))
        days, named = birthday_filter(analysis.birthday_dates(today, rules.birthday_days))
        self.rows(_BIRTHDAYS.format(days=days), {**named, "status": "active"})
        days, named = birthday_filter(analysis.birthday_dates(today, BIRTHDAY_DAYS))
        chosen = f"SELECT id FROM members WHERE status = 'active' AND ({days})"
        facts = _KEPT_CHOSEN_FACTS if kept else _CHOSEN_FACTS
        self.rows(facts.format(chosen=chosen), {**named, "since": since, "until": until})
        before = (today - timedelta(days=DORMANT_DAYS)).isoformat()
        idle = _KEPT_IDLE if kept else _IDLE
        self.rows(f"SELECT COUNT(*) FROM ({idle})", {"before": before, "until": until})
        self.rows(facts.format(chosen=f"{idle} LIMIT {DORMANT_SHOWN}"),
                  {"before": before, "since": since, "until": until})
        return len(rows)

    def tiers(self, due: date, reviewed: Sequence[str]) -> int:
        marks = ", ".join("?" * len(reviewed))
        members = self.rows(f"SELECT * FROM members WHERE status = ? AND tier_since <= ? AND "
                            f"tier IN ({marks}) ORDER BY tier_since, id",
                            ("active", due.isoformat(), *reviewed))
        self.rows(_TIER_YEAR_DAYS.format(marks=marks), ("active", due.isoformat(), *reviewed))
        self.rows(_PER_TIER, ("active",))
        return len(members)

    def close(self) -> None:
        self.conn.close()


def _chunks(values: list[str], size: int = 500) -> list[list[str]]:
    return [values[i:i + size] for i in range(0, len(values), size)]


def paired(kaika: Thunk, raw: Thunk, rounds: int) -> dict[str, Any]:
    """Medians of `rounds` timed pairs (after one untimed warm-up pair), order alternating."""
    kaika(), raw()
    k_s: list[float] = []
    r_s: list[float] = []
    load = [os.getloadavg()[0]]
    for i in range(rounds):
        for which in ((kaika, k_s), (raw, r_s)) if i % 2 == 0 else ((raw, r_s), (kaika, k_s)):
            start = time.perf_counter()
            which[0]()
            which[1].append(time.perf_counter() - start)
        load.append(os.getloadavg()[0])
    k, r = statistics.median(k_s), statistics.median(r_s)
    print(f"  Kaika {k:.2f} s, raw {r:.2f} s, load {load}", flush=True)
    return {"kaika_s": round(k, 3), "raw_s": round(r, 3), "ratio": round(k / r, 2),
            "kaika_all_s": [round(x, 3) for x in k_s], "raw_all_s": [round(x, 3) for x in r_s],
            "load_1min": [round(x, 2) for x in load]}


def run(path: Path, rounds: int) -> dict[str, Any]:
    app = open_app(path)
    raw = Raw(path)
    try:
        return _measure(app, raw, rounds)
    finally:
        raw.close()
        app.close()


def _measure(app: App, raw: Raw, rounds: int) -> dict[str, Any]:
    ctx = app.ctx
    today = ctx.today()
    rules = analysis.AnalysisRules()
    model = AnalysisModel(ctx)
    tiers_model = TiersModel(ctx)

    def analysis_page() -> object:
        return model.refresh()  # the summary, then the birthday and dormant lists, as shown

    due = latest_due_since(ctx.local_date() + timedelta(days=DEFAULT_DAYS - 1))
    results = {
        "points report, busy day": (
            1.0, paired(lambda: report_services.daily_points_report(ctx, today),
                        lambda: raw.points_report(today), rounds)),
        "points report, PgUp to the day before": (
            1.0, paired(lambda: report_services.daily_points_report(
                ctx, today - timedelta(days=1)),
                lambda: raw.points_report(today - timedelta(days=1)), rounds)),
        "Analysis page (refresh, birthdays, dormant), from member_figures": (
            2.0, paired(analysis_page, lambda: raw.analysis(today, rules), rounds)),
        "Tiers page (refresh: outlook 30 days, counts)": (
            1.0, paired(lambda: tiers_model.refresh(DEFAULT_DAYS),
                        lambda: raw.tiers(due, reviewed_tiers(ctx)), rounds)),
    }
    start = time.perf_counter()
    raw.ledger_openings(today)
    before = time.perf_counter() - start
    start = time.perf_counter()
    raw.analysis(today, rules, kept=False)
    grouped = time.perf_counter() - start
    report = report_services.daily_points_report(ctx, today)
    return {
        "results": {name: {"goal_s": goal, **figures}
                    for name, (goal, figures) in results.items()},
        "context": {"busy_day_sales": report.sales, "busy_day_members": len(report.members),
                    "report_adds_up": report.adds_up(),
                    "old_ledger_openings_s": round(before, 3),
                    "old_analysis_grouped_from_sales_raw_s": round(grouped, 3),
                    "outlook_rows": len(tiers_model.outlook),
                    "dormant_count": model.dormant(DORMANT_DAYS)[0]},
    }


def table(report: dict[str, Any]) -> str:
    lines = ["| what | goal | Kaika (median) | raw sqlite3 | ratio | met? | load (1 min) |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, r in report["results"].items():
        met = "yes" if r["kaika_s"] <= r["goal_s"] else "no"
        lines.append(f"| {name} | ≤ {r['goal_s']:g} s | {r['kaika_s']:.2f} s | "
                     f"{r['raw_s']:.2f} s | {r['ratio']:.2f} | {met} | "
                     f"{min(r['load_1min']):.1f}–{max(r['load_1min']):.1f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reports_bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--prepare", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    prepared = prepare(args.db) if args.prepare else None
    report = run(args.db, args.rounds)
    report["prepared"] = prepared
    report["table"] = table(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(report["table"])
    print(json.dumps(report["context"], ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
