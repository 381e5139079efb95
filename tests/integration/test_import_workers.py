"""A big member file's batches are built in the store's worker process (a real spawned
process) while the import's own process writes: the same store as without it, a worker that
dies leaves its work to the import, and a cancel stops the worker."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sqlite3
from collections.abc import Callable
from dataclasses import replace

import pytest

from db.verify import verify
from desktop.bootstrap import App
from desktop.workers import WORKER_NICENESS
from domain import importing
from domain.progress import Cancelled
from domain.services import imports
from domain.services.members import find_by_mobile
from tests.staffing import manager

ROWS = 23


def member_file() -> importing.Table:
    """ROWS members with cards, points and wallets, one bad mobile and one mobile twice."""
    lines = ["姓名,手机,积分,储值余额,赠送余额,卡号"]
    for i in range(ROWS):
        card = f"13044010{i:04d}"
        card += str(_luhn(card)) if i % 3 else ""
        lines.append(f"单田芳{i},1350013{i:04d},{100 * i},{i}.50,{i % 2},"
                     f"{card if i % 3 else ''}")
    lines.insert(5, "坏行,12345,1,,,")
    lines.insert(9, "重复,13500130001,1,,,")
    return importing.parse_csv("\n".join(lines).encode("utf-8"))


def _luhn(digits: str) -> int:
    from domain.cards import luhn_check_digit

    return int(luhn_check_digit(digits))


class Watch:
    """A progress that records the worker processes alive at each step and may act then."""

    def __init__(self, act: Callable[[int], None] = lambda done: None,
                 cancel_after: int | None = None) -> None:
        self.children: list[list[int]] = []
        self.niceness: list[int] = []
        self.act, self.cancel_after, self.steps = act, cancel_after, 0

    def step(self, done: int, total: int | None, label: str = "") -> None:
        self.steps += 1
        self.children.append([p.pid for p in multiprocessing.active_children()])
        self.niceness += [os.getpriority(os.PRIO_PROCESS, pid) for pid in self.children[-1]]
        self.act(done)

    def cancelled(self) -> bool:
        return self.cancel_after is not None and self.steps > self.cancel_after


@pytest.fixture
def beside(monkeypatch: pytest.MonkeyPatch) -> None:
    """Even this small file goes to the worker process."""
    monkeypatch.setattr(imports, "BESIDE_ROWS", 1)


def store_rows(app: App) -> dict[str, object]:
    """What an import wrote, without ids and times: per mobile the member's name, tier,
    balances, card and search terms, the lots, and the outbox's event types in order."""
    with sqlite3.connect(app.store.path) as raw:
        members = raw.execute(
            "SELECT m.mobile, m.name, m.tier, b.points, b.wallet_principal_fen,"
            " b.wallet_bonus_fen, (SELECT group_concat(number) FROM cards c"
            " WHERE c.member_id = m.id),"
            " (SELECT group_concat(kind || ':' || term) FROM member_search_terms t"
            " WHERE t.member_id = m.id)"
            " FROM members m JOIN member_balances b ON b.member_id = m.id"
            " ORDER BY m.mobile").fetchall()
        lots = raw.execute("SELECT points, remaining, expires_on, source FROM points_lots"
                           " ORDER BY points").fetchall()
        types = [r[0] for r in raw.execute("SELECT type FROM outbox ORDER BY seq")]
    return {"members": members, "lots": lots, "types": types}


def test_the_worker_process_builds_the_same_store_as_the_import_alone(
        make_app: Callable[[str], App], beside: None) -> None:
    alone, with_worker = make_app("fashion"), make_app("fashion")
    alone.ctx = replace(alone.ctx, workers=None)
    table, watch = member_file(), Watch()
    assert imports.dry_run(with_worker.ctx, table, {}).bad_rows == (3, 6, 10)  # the mobile
    # twice, a short mobile, the mobile twice again
    one = imports.import_members(alone.ctx, table, {}, manager(alone.ctx), batch_rows=4)
    two = imports.import_members(with_worker.ctx, table, {}, manager(with_worker.ctx),
                                 batch_rows=4, progress=watch)
    assert any(pid != os.getpid() for pids in watch.children for pid in pids)
    own = os.getpriority(os.PRIO_PROCESS, 0)
    assert max(watch.niceness) == min(own + WORKER_NICENESS, 19)  # the till's window first
    assert (len(two.member_ids), two.points, two.wallet_fen, two.wallet_bonus_fen) == (
        len(one.member_ids), one.points, one.wallet_fen, one.wallet_bonus_fen)
    assert len(two.member_ids) == ROWS - 1  # the mobile twice is refused on both rows
    assert store_rows(with_worker) == store_rows(alone)
    assert find_by_mobile(with_worker.ctx, "13500130004").balances.points == 400
    assert verify(with_worker.store) == []
    assert multiprocessing.active_children() == []  # the worker is gone with the import


def test_a_worker_that_dies_leaves_its_batches_to_the_import(app: App, beside: None) -> None:
    def kill_worker(done: int) -> None:
        if done == 4:
            for child in multiprocessing.active_children():
                os.kill(child.pid or 0, signal.SIGKILL)

    watch = Watch(kill_worker)
    done = imports.import_members(app.ctx, member_file(), {}, manager(app.ctx), batch_rows=4,
                                  progress=watch)
    assert len(done.member_ids) == ROWS - 1
    assert any(watch.children[1:2]) and not any(watch.children[-2:])  # dead, not restarted
    assert find_by_mobile(app.ctx, "13500130022").balances.wallet_principal_fen == 2250
    assert verify(app.store) == []


def test_a_cancel_stops_the_worker_and_the_same_file_continues_later(
        app: App, beside: None) -> None:
    table = member_file()
    with pytest.raises(Cancelled):
        imports.import_members(app.ctx, table, {}, manager(app.ctx), batch_rows=4,
                               progress=Watch(cancel_after=2))
    assert multiprocessing.active_children() == []
    with sqlite3.connect(app.store.path) as raw:
        assert raw.execute("SELECT count(*) FROM members").fetchone() == (8,)  # 2 batches
    done = imports.import_members(app.ctx, table, {}, manager(app.ctx), batch_rows=4)
    assert (done.earlier, len(done.member_ids)) == (8, ROWS - 1 - 8)
    assert verify(app.store) == []


def test_the_cipher_travels_to_the_worker_as_its_key_files_path(app: App) -> None:
    cipher = app.store.cipher
    token = cipher.encrypt("11010519491231002X")
    key = cipher.store_key(create=False)
    assert key is not None
    sent = pickle.dumps(cipher)
    assert key not in sent and cipher.key_path.name.encode() in sent
    assert pickle.loads(sent).decrypt(token) == "11010519491231002X"
