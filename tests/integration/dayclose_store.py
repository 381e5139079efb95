"""A store where many members' points lapse at once, what its ledgers say, and a child
process that runs the day close and kills itself with SIGKILL after a given batch.

Run as `python -m tests.integration.dayclose_store PATH BATCH KILL_LABEL KILL_AT` from the
repository root: it closes the day on PATH (clock at CLOSE_AT) in batches of BATCH members
and sends itself SIGKILL once the KILL_AT-th batch of KILL_LABEL ("expiry" or "tiers") has
committed (KILL_AT 0: never).
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop.bootstrap import open_app
from desktop.demo_data import load_demo
from domain.clock import FixedClock
from domain.ids import new_id_str
from domain.records import Member
from domain.services import maintenance
from domain.services.ledger import Posting, credit_points, debit_points
from domain.services.setup import new_settings

# 03:00 on 1 January closes 31 December (the day closes at 04:00): the 2023 lots (last day
# 31 Dec 2024, the till closed no day in 2025) and the 2024 lots (31 Dec 2025) both lapse.
CLOSE_AT = datetime.fromisoformat("2026-01-01T03:00:00+08:00")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text + "+08:00")


def build(path: Path, members: int) -> None:
    """`members` members: every other one with 2023 points, all with 2024 points, every third
    one having spent part, every fifth with 2025 points that do not lapse; every fourth a
    银卡 whose anniversary is 1 January 2026."""
    clock = FixedClock(at("2023-06-01T10:00:00"))
    app = open_app(path, clock=clock, settings=new_settings(rulepack="fashion"))
    try:
        load_demo(app.ctx)
        ids = [new_id_str() for _ in range(members)]
        with app.ctx.uow() as uow:
            for i, member_id in enumerate(ids):
                silver = i % 4 == 0
                uow.members.add(Member(
                    id=member_id, name="会员", mobile=f"1390000{i:04d}",
                    joined_on=date(2023, 6, 1), tier="银卡" if silver else "普通会员",
                    tier_since=date(2025, 1, 1) if silver else date(2023, 6, 1)))
                if i % 2 == 0:
                    credit_points(app.ctx, uow, Posting(member_id, "earn"), 100 + i)
            uow.commit()
        _credit(app.ctx, clock, "2024-06-01T10:00:00", ids, lambda i: 50 + i)
        with app.ctx.uow() as uow:
            for i, member_id in enumerate(ids[::3]):
                debit_points(app.ctx, uow, Posting(member_id, "spend"), 30 + i % 7)
            uow.commit()
        _credit(app.ctx, clock, "2025-06-01T10:00:00", ids[::5], lambda i: 10)
    finally:
        app.close()


def _credit(ctx: Any, clock: FixedClock, when: str, ids: list[str], points: Any) -> None:
    clock.set(at(when))
    with ctx.uow() as uow:
        for i, member_id in enumerate(ids):
            credit_points(ctx, uow, Posting(member_id, "earn"), points(i))
        uow.commit()


def copy_store(source: Path, target: Path) -> Path:
    """The database with its key file (and nothing else: it is closed)."""
    for found in source.parent.glob(source.name + "*"):
        shutil.copy(found, target.parent / (target.name + found.name[len(source.name):]))
    return target


def snapshot(path: Path) -> dict[str, Any]:
    """Everything the close writes, without the ids and seqs it makes fresh; the audit trail
    by action only (the close's own audit says what that run did)."""
    with sqlite3.connect(path) as db:
        def rows(sql: str) -> list[tuple[Any, ...]]:
            return sorted(db.execute(sql).fetchall(), key=repr)

        return {
            "balances": rows("SELECT member_id, points, wallet_principal_fen, wallet_bonus_fen "
                             "FROM member_balances"),
            "lots": rows("SELECT id, remaining FROM points_lots"),
            "ledger": rows("SELECT member_id, kind, points, at, business_date, reason, sale_id, "
                           "staff_id, last_day FROM points_ledger"),
            "members": rows("SELECT id, tier, tier_since FROM members"),
            "tier_changes": rows("SELECT member_id, at, from_tier, to_tier, reason "
                                 "FROM tier_changes"),
            "coupons": rows("SELECT code, state FROM coupons"),
            "events": rows("SELECT type, member_id, occurred_at, "
                           "json_remove(payload, '$.id', '$.at') FROM outbox "
                           "WHERE type <> 'audit.entry'"),
            "audit": rows("SELECT action, target FROM audit_log"),
            "seq": rows("SELECT MAX(seq), COUNT(*) FROM outbox"),
            "closed": rows("SELECT business_date FROM closed_days"),
        }


def manager_id(path: Path) -> str:
    """The demo manager (2001), read without logging in: a log-in is audited, and a test
    compares audit trails of a close run once and a close run twice."""
    with sqlite3.connect(path) as db:
        return str(db.execute("SELECT id FROM staff WHERE number = '2001'").fetchone()[0])


class KillAt:
    """Progress that kills its own process once batch `at` of `label` has committed."""

    def __init__(self, label: str, at: int) -> None:
        self.label, self.at, self.batches = label, at, 0

    def step(self, done: int, total: int | None, label: str = "") -> None:
        if label == self.label and done > 0:
            self.batches += 1
            if self.batches == self.at:
                os.kill(os.getpid(), signal.SIGKILL)

    def cancelled(self) -> bool:
        return False


def main(argv: list[str]) -> int:
    path, batch, label, kill_at = Path(argv[0]), int(argv[1]), argv[2], int(argv[3])
    app = open_app(path, clock=FixedClock(CLOSE_AT))
    try:
        maintenance.close_day(app.ctx, manager_id(path), KillAt(label, kill_at), batch=batch)
    finally:
        app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
