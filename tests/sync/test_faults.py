"""The issue's faults, each against a real head-office process, each ending where a run without
the fault ends: same sales, ledgers and balances at head office, nothing twice, every event of
every till at head office exactly once, every till agreeing with head office.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from domain.clock import FixedClock
from domain.services import returns
from headoffice.tables import member_balances, members, terminals
from sync.http import SyncError
from sync.schema import PushResponse
from tests.sync.fixtures import TILL_START, Tenant
from tests.sync.harness import (
    Server,
    Till,
    _admin,
    copy_db,
    ho_event_ids,
    outbox_ids,
    snapshot,
)
from tests.sync.proxy import DropReplyProxy

BACKLOG_SALES = 220  # member sales at A: with plain sales, about 900 events (two batches)


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two tills' databases full of unsynced trade, made once and copied by every test."""
    folder = tmp_path_factory.mktemp("templates")
    a = Till(folder / "A.sqlite3", FixedClock(TILL_START), "S001")
    zhang, li = a.register("张三", "13800138000"), a.register("李四", "13900139000")
    a.topup(zhang, 100000)
    coat = a.sale(zhang, ("COAT", 1))
    for i in range(BACKLOG_SALES):
        a.advance(minutes=1)
        a.sale(zhang if i % 2 else li, ("SCARF", 1))
        a.sale(None, ("SOCKS", 2))
    returns.return_with_receipt(a.ctx, coat.sale.receipt_no, {1: 1}, a.cashier)
    b = Till(folder / "B.sqlite3", FixedClock(TILL_START), "S002")
    wang = b.register("王五", "13700137000")
    for _ in range(20):
        b.sale(wang, ("SHOES", 1))
    a.close()
    b.close()
    return {"A": folder / "A.sqlite3", "B": folder / "B.sqlite3"}


def _copies(server: Server, templates: dict[str, Path], make_till: Callable[..., Till],
            folder: Path, stores: tuple[str, str] = ("S001", "S002"),
            clock_a: datetime = TILL_START) -> tuple[Till, Till]:
    """Enrolled copies of the template tills (each test its own head office: ids are global)."""
    a = make_till("A", path=copy_db(templates["A"], folder / "A.sqlite3"), start=clock_a)
    b = make_till("B", path=copy_db(templates["B"], folder / "B.sqlite3"))
    a.enroll(server, stores[0])
    b.enroll(server, stores[1])
    return a, b


def settle(*tills: Till, attempts: int = 20) -> None:
    """Sync every till until nothing is left, riding out a server that is coming back."""
    for till in tills:
        for attempt in range(attempts):
            try:
                if till.sync().unsynced == 0:
                    break
            except SyncError as err:
                if not err.retryable or attempt == attempts - 1:
                    raise
                time.sleep(0.2)
    for till in tills:  # a last pull, so each hears what the others sent
        till.sync()


@pytest.fixture(scope="module")
def reference(templates: dict[str, Path], tmp_path_factory: pytest.TempPathFactory,
              request: pytest.FixtureRequest) -> dict[str, Any]:
    """What head office holds after the same trade synced without any fault."""
    folder = tmp_path_factory.mktemp("reference")
    server = Server(f"sqlite:///{folder}/ho.sqlite3", folder).start()
    server.add_stores("S001", "S002")
    tills: list[Till] = []

    def make(name: str, path: Path, start: datetime = TILL_START) -> Till:
        tills.append(Till(path, FixedClock(start)))
        return tills[-1]

    try:
        a, b = _copies(server, templates, make, folder)  # type: ignore[arg-type]
        settle(a, b)
        return snapshot(server.engine)
    finally:
        for till in tills:
            till.close()
        server.stop()


def converged(server: Server, reference: dict[str, Any], *tills: Till,
              merchant: str = "M001") -> None:
    """The end state every fault test must reach."""
    assert snapshot(server.engine, merchant) == reference
    received = ho_event_ids(server.engine)
    with server.engine.connect() as conn:
        for till in tills:
            assert till.problems() == []
            assert outbox_ids(till) <= received
            with till.app.store.reader() as uow:
                local = {m.id: uow.members.balances(m.id) for m in (
                    uow.members.get(i) for i in uow.session.scalars(
                        sa.text("SELECT id FROM members"))) if m is not None}
            for member_id, held in local.items():
                at_ho = conn.execute(sa.select(member_balances).where(
                    member_balances.c.member_id == member_id)).one()
                assert (held.points, held.wallet_principal_fen, held.wallet_bonus_fen) == (
                    at_ho.points, at_ho.wallet_principal_fen, at_ho.wallet_bonus_fen)


@pytest.fixture
def pg_admin() -> Iterator[sa.Engine]:
    engine = _admin()
    yield engine
    engine.dispose()


def _open_push_transaction(admin: sa.Engine, db_url: str, timeout_s: float = 30) -> bool:
    """Wait until head office is inside a push transaction, past its first writes."""
    name = db_url.rsplit("/", 1)[1]
    query = sa.text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = :db AND xact_start IS NOT NULL "
        "AND pid <> pg_backend_pid() AND (query ILIKE 'INSERT INTO sales%' "
        "OR query ILIKE '%points_ledger%' OR query ILIKE '%member_balances%' "
        "OR query ILIKE 'INSERT INTO tier_changes%' OR query ILIKE '%coupons%')")
    end = time.monotonic() + timeout_s
    with admin.connect() as conn:
        while time.monotonic() < end:
            if conn.scalar(query, {"db": name}):
                return True
            time.sleep(0.002)
    return False


@pytest.mark.postgres
def test_head_office_killed_mid_batch_loses_and_doubles_nothing(
        make_server: Callable[..., Server], templates: dict[str, Path],
        reference: dict[str, Any], make_till: Callable[..., Till], tmp_path: Path,
        pg_admin: sa.Engine) -> None:
    server = make_server("postgres")
    a, b = _copies(server, templates, make_till, tmp_path)
    failures: list[SyncError] = []

    def push_everything() -> None:
        assert a.client is not None
        try:
            while a.client.push_once():
                pass
        except SyncError as err:
            failures.append(err)

    pusher = threading.Thread(target=push_everything)
    pusher.start()
    caught = _open_push_transaction(pg_admin, server.db_url)
    server.kill(signal.SIGKILL)
    pusher.join(30)
    assert caught, "never saw head office inside a push transaction"
    assert failures and failures[0].code == "sync.unreachable"

    server.start()  # same port: the tills only see a head office that was away
    settle(a, b)
    converged(server, reference, a, b)


@pytest.mark.postgres
def test_a_reply_lost_after_the_commit_is_answered_duplicate_on_resend(
        make_server: Callable[..., Server], templates: dict[str, Path],
        reference: dict[str, Any], make_till: Callable[..., Till], tmp_path: Path) -> None:
    server = make_server("postgres")
    a, b = _copies(server, templates, make_till, tmp_path)
    proxy = DropReplyProxy(server.port)
    try:
        client = a.connect(proxy.url)
        proxy.drop_next_push_replies(1)
        with pytest.raises(SyncError) as lost:
            client.push_once()
        assert lost.value.code == "sync.unreachable" and proxy.dropped == 1
        with server.engine.connect() as conn:  # head office did commit the batch
            acked = conn.scalar(sa.select(terminals.c.acked_through_seq).where(
                terminals.c.id == a.app.settings.terminal_id))
        assert acked == 500
        assert client.unsynced() == len(outbox_ids(a))  # the till still holds every event

        client.push_once()  # the same batch again
        with a.app.store.reader() as uow:
            assert [e.seq for e in uow.outbox.pending(1)] == [501]
        settle(a, b)
    finally:
        proxy.close()
    converged(server, reference, a, b)


def test_batches_sent_twice_and_out_of_order_change_nothing(
        make_server: Callable[..., Server], backend: str, templates: dict[str, Path],
        reference: dict[str, Any], make_till: Callable[..., Till], tmp_path: Path) -> None:
    server = make_server(backend)  # the templates' ids are global: a head office of its own
    a, b = _copies(server, templates, make_till, tmp_path)
    assert a.client is not None
    with a.app.store.reader() as uow:
        settings, pending = uow.settings.get(), uow.outbox.pending(1000)
    first, second = pending[:500], pending[500:]

    def send(events: list[Any]) -> list[str]:
        assert a.client is not None
        body = a.client.batch(settings, events).model_dump(mode="json")
        try:
            answer = PushResponse.model_validate(a.client.ho.call("POST", "/v1/sync/push", body))
        except SyncError as err:
            return [err.code]
        return sorted({r.status for r in answer.results})

    assert send(second) == ["sync.seq_gap"]  # reordered: the later batch waits
    assert send(first) == ["applied"]
    assert send(first) == ["duplicate"]
    assert send(second) == ["applied"]
    assert send(second) == ["duplicate"]
    assert send(first[490:] + second[:10]) == ["duplicate"]
    settle(a, b)  # the till then acknowledges everything it had already sent
    converged(server, reference, a, b)


def test_a_till_whose_clock_is_a_day_wrong_syncs_and_its_stamps_are_clamped(
        make_server: Callable[..., Server], backend: str, templates: dict[str, Path],
        reference: dict[str, Any], make_till: Callable[..., Till], tmp_path: Path) -> None:
    server = make_server(backend)
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    a, b = _copies(server, templates, make_till, tmp_path, clock_a=tomorrow)
    with a.app.store.uow() as uow:  # forget what enrolment learnt: the till's clock is wrong
        uow.session.execute(sa.text("UPDATE sync_state SET server_offset_ms = 0"))
        uow.commit()
    a.connect(server.url)
    settle(a, b)
    converged(server, reference, a, b)

    member = a.register("赵六", "13600136000")  # signed up "tomorrow"
    a.sync()
    with server.engine.connect() as conn:
        created = conn.scalar(sa.select(members.c.profile).where(members.c.id == member))
        skew = conn.scalar(sa.select(terminals.c.clock_skew_ms).where(
            terminals.c.id == a.app.settings.terminal_id))
    assert created["name"] == "赵六"  # accepted, never refused for the till's clock
    assert skew is not None and skew > 23 * 3600_000  # and the till is flagged


@pytest.mark.postgres
def test_a_till_killed_between_applying_a_page_and_saving_its_cursor_applies_it_once(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = make_till("A"), make_till("B")
    a.enroll(server, tenant.a)
    b.enroll(server, tenant.b)
    member = a.register("张三", "13800138000")
    a.sale(member, ("COAT", 1))
    a.sync()
    assert b.client is not None and b.client.lookup(mobile="13800138000") == member
    b.sale(member, ("GIFTBOX", 1), tenders=(
        _points(3000),))
    b.sync()
    with a.app.store.reader() as uow:
        cursor = uow.session.scalar(sa.text("SELECT cursor FROM sync_state"))
    a.close()

    child = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("killed_pull.py")), str(a.path),
         server.url, a.clock.now().isoformat()], capture_output=True, text=True, timeout=60)
    assert child.returncode == -signal.SIGKILL, child.stderr

    again = make_till("A-again", path=a.path)
    with again.app.store.reader() as uow:
        assert uow.session.scalar(sa.text("SELECT cursor FROM sync_state")) == cursor
        assert [e.kind for e in uow.points.entries(member)] == ["earn"]  # nothing kept
    again.connect(server.url)
    again.sync()
    with again.app.store.reader() as uow:
        assert [e.points for e in uow.points.entries(member) if e.kind == "sync"] == [-3000]
    assert again.balances(member) == b.balances(member) == (0, 0, 0)
    assert again.problems() == []


def _points(points: int) -> Any:
    from domain.records import TenderKind
    from domain.services.cart import TenderRequest

    return TenderRequest(TenderKind.POINTS, points=points)


def _wallet(fen: int) -> Any:
    from domain.records import TenderKind
    from domain.services.cart import TenderRequest

    return TenderRequest(TenderKind.WALLET, amount_fen=fen)


def test_two_stores_overspending_offline_stay_within_the_allowances_and_open_cases(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    from domain.allowances import worst_overdraft
    from domain.errors import DomainError
    from domain.rulepack import OfflineRules

    a, b = make_till("A"), make_till("B")
    a.enroll(server, tenant.a)
    b.enroll(server, tenant.b)
    member = a.register("张三", "13800138000")
    a.sale(member, ("COAT", 1))  # 3,000 points
    a.topup(member, 100000)  # ￥1,000 + ￥50
    a.sync()
    b.sync()  # B's allowance for the day
    assert b.client is not None and b.client.lookup(mobile="13800138000") == member
    for till in (a, b):
        till.advance(minutes=10)  # both lose the link
        till.sale(member, ("GIFTBOX", 1), tenders=(_points(3000),))  # ￥300 in points
        till.sale(member, ("BAG", 1), tenders=(_wallet(50000),))
        till.sale(member, ("BAG", 1), tenders=(_wallet(50000),))
        with pytest.raises(DomainError) as stopped:  # ￥50 left here, but the day's allowance
            till.sale(member, ("SOCKS", 1), tenders=(_wallet(1500),))  # of ￥1,000 is spent
        assert (stopped.value.code, stopped.value.params["scope"]) == (
            "offline.limit_exceeded", "member_day")
    for till in (a, b, a, b):
        till.advance(seconds=1)
        till.sync()  # both reconnect

    snap = snapshot(server.engine, tenant.merchant)
    points, principal, bonus = snap["balances"]["13800138000"]
    assert points == 3000 - 2 * 3000
    assert principal + bonus == 105000 - 4 * 50000
    assert sum(n * c for (_, _, n), c in snap["points"].items()) == points  # balance = ledger
    cases = dict(snap["cases"])
    assert cases == {"points.overdraft": 3000, "wallet.overdraft": 95000}
    bound = worst_overdraft(OfflineRules(), tills=2)
    assert cases["points.overdraft"] <= bound.points
    assert cases["wallet.overdraft"] <= bound.wallet_fen
    for till in (a, b):
        assert till.balances(member) == (points, principal, bonus)
        assert till.problems() == []
    # The member tops up at A: money again, but the open case still blocks offline spending.
    a.advance(minutes=1)
    a.topup(member, 200000)
    for till in (a, b, a):
        till.sync()
    for till in (a, b):
        till.advance(minutes=10)
        with pytest.raises(DomainError) as blocked:
            till.sale(member, ("SOCKS", 1), tenders=(_wallet(1500),))
        assert blocked.value.code == "offline.member_blocked"
    # A manager settles the cases; the block lifts at the next pull.
    listed = server.admin("GET", "/v1/admin/cases").json()
    for case in (c for c in listed if c["member_id"] == member):
        resolved = server.admin("POST", f"/v1/admin/cases/{case['id']}/resolve",
                                json={"by": "店长 王", "note": "member repaid at the desk"})
        assert resolved.status_code == 200
    b.advance(days=1)  # the next business day, with a fresh allowance
    b.sync()
    b.advance(minutes=10)
    b.sale(member, ("SOCKS", 1), tenders=(_wallet(1500),))  # offline again, and allowed
