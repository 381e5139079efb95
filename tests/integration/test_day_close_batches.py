"""The day close in batches: each its own transaction, the lock free between them, the same
ledgers whatever the batch size, after a cancel, or after a kill -9 and a second close."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from db.repos_ledgers import _LAPSING
from db.repos_members import _DUE_FOR_REVIEW
from db.verify import verify
from desktop.bootstrap import open_app
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.progress import Cancelled
from domain.services import maintenance, shifts
from domain.services.staff import login
from tests.integration.dayclose_store import CLOSE_AT, build, copy_store, manager_id, snapshot

ROOT = Path(__file__).resolve().parents[2]
MEMBERS = 60  # 60 members' points lapse, 15 银卡 anniversaries: batches of 7 make 9 and 3


@dataclass
class Recorder:
    """Progress that records every step and asks to stop after `stop_after` steps."""

    stop_after: int | None = None
    steps: list[tuple[int, int | None, str]] = field(default_factory=list)
    on_step: Callable[[], None] = lambda: None

    def step(self, done: int, total: int | None, label: str = "") -> None:
        self.steps.append((done, total, label))
        self.on_step()

    def cancelled(self) -> bool:
        return self.stop_after is not None and len(self.steps) >= self.stop_after


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("built") / "store.sqlite3"
    build(path, MEMBERS)
    return path


@pytest.fixture
def fresh(built: Path, tmp_path: Path) -> Callable[[str], Path]:
    """A copy of the built store, named."""
    return lambda name: copy_store(built, tmp_path / f"{name}.sqlite3")


def close(path: Path, progress: Any = None, batch: int = 7) -> maintenance.DayClose:
    app = open_app(path, clock=FixedClock(CLOSE_AT))
    try:
        manager = manager_id(path)
        if progress is None:
            return maintenance.close_day(app.ctx, manager, batch=batch, pause_s=0)
        return maintenance.close_day(app.ctx, manager, progress, batch=batch, pause_s=0)
    finally:
        app.close()


def test_batches_of_seven_write_what_one_batch_writes(fresh: Callable[[str], Path]) -> None:
    whole, batched = fresh("whole"), fresh("batched")
    once = close(whole, batch=10_000)
    recorder = Recorder()
    paged = close(batched, recorder)
    assert snapshot(batched) == snapshot(whole)
    assert (paged.points_expired, paged.members_expired, len(paged.tier_changes)) == (
        once.points_expired, once.members_expired, len(once.tier_changes))
    assert once.members_expired == MEMBERS and len(once.tier_changes) == MEMBERS // 4
    expiry = [s for s in recorder.steps if s[2] == "expiry"]
    tiers = [s for s in recorder.steps if s[2] == "tiers"]
    assert expiry[0] == (0, MEMBERS, "expiry") and expiry[-1] == (MEMBERS, MEMBERS, "expiry")
    assert len(expiry) == 1 + -(-MEMBERS // 7)  # the count, then one step per batch
    assert tiers[0] == (0, MEMBERS // 4, "tiers") and len(tiers) == 1 + -(-MEMBERS // 4 // 7)
    assert recorder.steps[-1] == (1, 1, "close")


def test_each_member_expires_once_with_all_its_lapsed_lots(fresh: Callable[[str], Path]) -> None:
    path = fresh("once")
    close(path, batch=3)
    with sqlite3.connect(path) as db:
        per_member = db.execute("SELECT member_id, COUNT(*), SUM(points) FROM points_ledger "
                                "WHERE kind = 'expire' GROUP BY member_id").fetchall()
        lapsed_left = db.execute("SELECT COUNT(*) FROM points_lots WHERE remaining > 0 "
                                 "AND expires_on < '2026-01-01'").fetchone()[0]
        events = db.execute("SELECT COUNT(*) FROM outbox WHERE type = 'points.entry' AND "
                            "json_extract(payload, '$.kind') = 'expire'").fetchone()[0]
    assert len(per_member) == MEMBERS and all(n == 1 and s < 0 for _, n, s in per_member)
    assert lapsed_left == 0 and events == MEMBERS


def test_a_cancel_leaves_the_day_open_and_the_next_close_carries_on(
        fresh: Callable[[str], Path]) -> None:
    whole, stopped = fresh("whole"), fresh("stopped")
    close(whole)
    with pytest.raises(Cancelled):
        close(stopped, Recorder(stop_after=4))  # the count and three batches of expiry
    with sqlite3.connect(stopped) as db:
        assert db.execute("SELECT COUNT(*) FROM closed_days").fetchone()[0] == 0
        assert db.execute("SELECT COUNT(*) FROM points_ledger WHERE kind = 'expire'"
                          ).fetchone()[0] == 3 * 7
        assert db.execute("SELECT COUNT(*) FROM audit_log WHERE action = 'day_closed'"
                          ).fetchone()[0] == 0
    resumed = close(stopped)
    assert resumed.members_expired == MEMBERS - 3 * 7
    assert snapshot(stopped) == snapshot(whole)


def test_another_connection_writes_between_batches(fresh: Callable[[str], Path]) -> None:
    path = fresh("shared")
    writes: list[str] = []

    def write_now() -> None:  # no busy wait: the lock must be free right now
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("UPDATE store_settings SET store_name = store_name")
            other.execute("COMMIT")
            writes.append("ok")
        finally:
            other.close()

    recorder = Recorder(on_step=write_now)
    close(path, recorder)
    assert len(writes) == len(recorder.steps) > 2 + -(-MEMBERS // 7)


@pytest.mark.parametrize(("label", "kill_at"), [("expiry", 1), ("expiry", 5), ("tiers", 1)])
def test_a_kill_9_between_batches_then_a_close_gives_the_same_ledgers(
        fresh: Callable[[str], Path], label: str, kill_at: int) -> None:
    whole, killed = fresh("whole"), fresh("killed")
    close(whole)
    child = subprocess.run(
        [sys.executable, "-m", "tests.integration.dayclose_store", str(killed), "7", label,
         str(kill_at)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr
    with sqlite3.connect(killed) as db:
        assert db.execute("SELECT COUNT(*) FROM closed_days").fetchone()[0] == 0
        expired = db.execute("SELECT COUNT(*) FROM points_ledger WHERE kind = 'expire'"
                             ).fetchone()[0]
    assert expired == (min(7 * kill_at, MEMBERS) if label == "expiry" else MEMBERS)
    close(killed)
    assert snapshot(killed) == snapshot(whole)
    app = open_app(killed)
    try:
        assert verify(app.store) == []
    finally:
        app.close()


def test_refusals_come_before_any_batch(fresh: Callable[[str], Path]) -> None:
    path = fresh("refused")
    before = snapshot(path)
    app = open_app(path, clock=FixedClock(CLOSE_AT))
    try:
        cashier = login(app.ctx, "1001", "1357").id
        manager = login(app.ctx, "2001", "2468").id
        with pytest.raises(DomainError):
            maintenance.close_day(app.ctx, cashier)  # a cashier may not close the day
        shifts.open_shift(app.ctx, cashier, 0)
        with pytest.raises(DomainError) as refused:
            maintenance.close_day(app.ctx, manager)
        assert refused.value.code == "day.shift_open"
    finally:
        app.close()
    after = snapshot(path)
    assert after["ledger"] == before["ledger"] and after["lots"] == before["lots"]
    assert after["members"] == before["members"]


def test_expiry_and_reviews_read_their_indexes(built: Path) -> None:
    with sqlite3.connect(built) as db:
        lapsing = plan(db, _LAPSING, {"day": "2026-01-01", "n": 7})
        due = plan(db, _DUE_FOR_REVIEW, {"tier": "银卡", "day": "2025-01-01",
                                         "since": "0001-01-01", "id": "",
                                         "status": "active", "n": 7})
    assert "SEARCH points_lots USING INDEX ix_points_lots_unspent_expiry" in lapsing
    assert "SEARCH l USING INDEX ix_points_lots_member_id_earned_on (member_id=?)" in lapsing
    assert "USING INDEX ix_members_tier_tier_since_id (tier=?" in due
    assert "TEMP B-TREE" not in lapsing + due  # the index order is the page order


def plan(db: sqlite3.Connection, sql: str, params: dict[str, Any]) -> str:
    return " | ".join(str(row[-1]) for row in db.execute("EXPLAIN QUERY PLAN " + sql, params))
