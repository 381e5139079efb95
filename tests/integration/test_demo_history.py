"""The demo store's past (desktop/demo_history.py): sound, complete enough to show, repeatable."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from db.verify import verify
from desktop import bootstrap
from desktop.demo import DEMO_STORE
from desktop.demo_data import load_demo
from desktop.demo_history import add_history
from domain import analysis
from domain.clock import FixedClock
from domain.records import TenderKind
from domain.services import reports, tier_outlook
from domain.services.setup import new_settings
from domain.services.shifts import current_shift

AT = "2025-05-06T10:30:00+08:00"
TODAY = date(2025, 5, 6)
YESTERDAY = TODAY - timedelta(days=1)


def _demo_store(path: Path) -> bootstrap.App:
    clock = FixedClock(datetime.fromisoformat(AT))
    app = bootstrap.open_app(path, clock=clock, settings=new_settings(name=DEMO_STORE))
    load_demo(app.ctx)
    return app


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[bootstrap.App]:
    app = _demo_store(tmp_path_factory.mktemp("history") / "demo.sqlite3")
    assert add_history(app.ctx, TODAY) is True
    yield app
    app.close()


def _row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def test_the_history_passes_kaika_verify(store: bootstrap.App) -> None:
    assert verify(store.store) == []


def test_the_last_day_is_closed_with_no_shift_left_open(store: bootstrap.App) -> None:
    assert current_shift(store.ctx, _cashier_id(store)) is None
    with sqlite3.connect(store.store.path) as conn:
        closed = {r[0] for r in conn.execute(
            "SELECT target FROM audit_log WHERE action = 'day_closed'")}
        last_sale = conn.execute("SELECT MAX(business_date) FROM sales").fetchone()[0]
    assert str(YESTERDAY) in closed
    assert last_sale == str(YESTERDAY)
    assert len(closed) > 150  # every trading day of ~14 months was closed


def _cashier_id(app: bootstrap.App) -> str:
    with app.ctx.reader() as uow:
        cashier = uow.staff.by_number("1001")
    assert cashier is not None
    return cashier.id


def test_the_last_days_points_report_adds_up_and_has_every_movement(
        store: bootstrap.App) -> None:
    report = reports.daily_points_report(store.ctx, YESTERDAY)
    assert report.adds_up()
    assert report.opening > 0 and report.earned_base > 0
    spent = dict(report.spent)
    assert all(spent[kind] > 0 for kind in ("cash", "gifts", "vouchers", "draws")), spent
    assert dict(report.bonus).keys() >= {"draw"} and len(report.bonus) >= 2
    assert report.adjusted_up > 0
    assert report.refunded > 0 and report.taken_back > 0
    assert report.members_served >= 3


def test_the_last_days_z_report_has_tenders_returns_discounts_topups_and_a_difference(
        store: bootstrap.App) -> None:
    z = reports.z_report(store.ctx, YESTERDAY)
    kinds = {t.kind for t in z.tenders}
    assert kinds >= {k.value for k in (TenderKind.CASH, TenderKind.BANK_CARD, TenderKind.MOBILE,
                                       TenderKind.WALLET, TenderKind.POINTS)}
    assert z.returns >= 1 and z.returns_fen < 0
    assert z.discounts_fen > 0 and z.coupons_redeemed >= 1
    assert z.topups >= 1 and z.topup_bonus_fen > 0
    assert z.open_shifts == 0 and z.over_short_fen != 0


def test_tier_anniversaries_ahead_include_members_who_keep_and_who_drop(
        store: bootstrap.App) -> None:
    ahead = tier_outlook.upcoming(store.ctx, 30, TODAY)
    assert any(o.keeps for o in ahead)
    dropping = [o for o in ahead if not o.keeps]
    assert dropping and all(o.spend_fen < o.retain_spend_fen for o in dropping)
    counts = dict(tier_outlook.tier_counts(store.ctx))
    assert counts["银卡"] > 0 and counts["金卡"] > 0


def test_past_anniversaries_were_reviewed_both_ways(store: bootstrap.App) -> None:
    with sqlite3.connect(store.store.path) as conn:
        reasons = {r[0] for r in conn.execute("SELECT reason FROM tier_changes")}
    assert {"signup", "upgrade", "retained", "downgrade"} <= reasons


def test_the_analysis_has_every_recency_band_segment_and_birthdays(
        store: bootstrap.App) -> None:
    facts = reports.member_facts(store.ctx, None, TODAY)
    summary = analysis.summarize(facts, TODAY, analysis.AnalysisRules())
    assert {band for band, n in summary.recency_bands if n} == {1, 2, 3, 4, 5}
    assert all(n > 0 for _, n in summary.segments) and len(summary.segments) == 3
    assert analysis.dormant(facts, TODAY, 90)
    assert analysis.birthdays_within(facts, TODAY, 7)


def test_running_it_again_changes_nothing(store: bootstrap.App) -> None:
    before = _row_counts(store.store.path)
    assert add_history(store.ctx, TODAY) is False
    assert _row_counts(store.store.path) == before


def test_the_same_day_gives_the_same_past(store: bootstrap.App, tmp_path: Path) -> None:
    other = _demo_store(tmp_path / "again.sqlite3")
    try:
        add_history(other.ctx, TODAY)
        figures = [(r.sales, r.sales_fen, r.returns_fen, r.over_short_fen)
                   for r in (reports.z_report(app.ctx, YESTERDAY) for app in (store, other))]
        points = [reports.daily_points_report(app.ctx, YESTERDAY).closing
                  for app in (store, other)]
    finally:
        other.close()
    assert figures[0] == figures[1]
    assert points[0] == points[1]
