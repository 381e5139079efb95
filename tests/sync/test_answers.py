"""Head office's answers are authenticated: a man in the middle (tests/sync/meddler.py) between a
real till and a real head-office process on PostgreSQL rewrites, forges, replays and strips
answers; the till refuses each one, applies nothing, acknowledges nothing, and keeps its clock
offset. Normal sync through an honest proxy still works."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from domain import pins
from domain.errors import DomainError
from domain.hlc import Stamp
from domain.ids import new_id_str
from domain.records import TenderKind
from domain.services import staff as staff_service
from domain.services.cart import TenderRequest
from headoffice.publish import Publication, StaffDoc, publish
from headoffice.tables import events
from sync import answers, signing
from sync.http import SyncError
from tests.sync.fixtures import Tenant
from tests.sync.harness import Server, Till, _now
from tests.sync.meddler import Forward, Http, Meddler

PULL, PUSH, RENEW = "GET /v1/sync/pull", "POST /v1/sync/push", "POST /v1/allowances/renew"


@pytest.fixture(scope="module")
def backend() -> str:
    """PostgreSQL only: these are about the answers, not the store behind them."""
    return "postgres"


@pytest.fixture
def meddler(server: Server) -> Iterator[Meddler]:
    made = Meddler(server.port)
    yield made
    made.close()


def _through(till: Till, server: Server, tenant: Tenant, meddler: Meddler) -> Till:
    """Enrolled, talking to head office through the meddler, one honest round done."""
    till.enroll(server, tenant.a)
    till.connect(meddler.url)
    till.sync()
    return till


def _snapshot(till: Till) -> dict[str, Any]:
    """What a refused answer must leave as it was."""
    with till.app.store.reader() as uow:
        row = uow.session.execute(sa.text(
            "SELECT cursor, server_offset_ms, acked_through_seq, revoked FROM sync_state")).one()
    assert till.client is not None
    return {"cursor": row.cursor, "offset": row.server_offset_ms, "acked": row.acked_through_seq,
            "revoked": row.revoked, "link_offset": till.client.ho.offset_ms,
            "unsynced": till.client.unsynced()}


def _refused(till: Till) -> str:
    with pytest.raises(SyncError) as caught:
        till.sync()
    return caught.value.code


def _staff_change(number: str) -> dict[str, Any]:
    return {"entity": "staff", "id": number, "version": 10**9, "op": "upsert",
            "data": {"id": new_id_str(), "number": number, "name": "内鬼", "role": "admin",
                     "pin_hash": pins.hash_pin("8642"), "active": True}}


def _can_log_in(till: Till, number: str, pin: str) -> bool:
    try:
        staff_service.login(till.ctx, number, pin)
    except DomainError:
        return False
    return True


def test_normal_sync_through_an_honest_proxy_works_and_every_answer_is_signed(
        server: Server, tenant: Tenant, make_till: Callable[..., Till],
        meddler: Meddler) -> None:
    till = _through(make_till(), server, tenant, meddler)
    till.sale(None, ("SOCKS", 1))
    result = till.sync()
    assert result.unsynced == 0 and result.pushed["applied"] > 0
    assert meddler.recorded(PUSH) and meddler.recorded(PULL)
    assert all(a.header(answers.HEADER_ANSWER_SIGNATURE) for _, a in meddler.seen)


def test_a_pull_page_rewritten_to_add_an_admin_account_is_refused(
        server: Server, tenant: Tenant, make_till: Callable[..., Till],
        meddler: Meddler) -> None:
    till = _through(make_till(), server, tenant, meddler)
    before = _snapshot(till)

    def add_admin(request: Http, forward: Forward) -> Http:
        answer = forward()
        if request.target != PULL:
            return answer
        page = answer.json()
        page["changes"].append(_staff_change("9999"))
        return answer.with_json(page)

    meddler.rule = add_admin
    assert _refused(till) == "sync.answer_forged"
    assert _snapshot(till) == before
    with till.app.store.reader() as uow:
        assert uow.staff.by_number("9999") is None
    assert not _can_log_in(till, "9999", "8642")


def test_a_forged_push_acknowledgement_is_refused_and_the_events_stay_queued(
        server: Server, tenant: Tenant, make_till: Callable[..., Till],
        meddler: Meddler) -> None:
    till = _through(make_till(), server, tenant, meddler)
    till.sale(None, ("SOCKS", 1))
    till.sale(None, ("SCARF", 1))
    before = _snapshot(till)
    genuine = meddler.recorded(PULL)[-1][1]  # its headers lend the forgery a signature

    def acknowledge(request: Http, forward: Forward) -> Http:
        if request.target != PUSH:
            return forward()
        sent = request.json()["events"]
        return genuine.with_json({
            "acked_through_seq": max(e["seq"] for e in sent),
            "results": [{"event_id": e["event_id"], "seq": e["seq"], "status": "applied",
                         "code": None} for e in sent],
            "server_time": _now().isoformat(),
            "server_hlc": str(Stamp(_ms(_now()), 0, "headoffice"))})

    meddler.rule = acknowledge
    assert _refused(till) == "sync.answer_forged"
    assert before["unsynced"] > 0 and _snapshot(till) == before
    with server.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(events).where(
            events.c.terminal_id == till.app.settings.terminal_id,
            events.c.type == "sale.completed")) == 0  # head office never saw them


def test_a_genuine_answer_replayed_to_a_later_request_is_refused(
        server: Server, tenant: Tenant, make_till: Callable[..., Till],
        meddler: Meddler) -> None:
    till = _through(make_till(), server, tenant, meddler)
    first_pull = meddler.recorded(PULL)[0][1]
    first_grant = meddler.recorded(RENEW)[0][1]
    publish(server.engine, Publication(staff=[StaffDoc(
        number="4001", name="新店员", role="cashier", pin="1357")]), tenant.merchant, _now())
    before = _snapshot(till)

    def replay(request: Http, forward: Forward) -> Http:
        if request.target == PULL:
            return first_pull  # holds back the new staff account with a genuine old page
        return forward()

    meddler.rule = replay
    assert _refused(till) == "sync.answer_forged"
    assert _snapshot(till) == before

    meddler.rule = lambda request, forward: first_grant if request.target == RENEW else (
        forward())
    assert till.client is not None
    with pytest.raises(SyncError) as caught:
        till.client.renew()
    assert caught.value.code == "sync.answer_forged"


def test_an_answer_stripped_of_its_signature_is_refused_and_nothing_applied(
        server: Server, tenant: Tenant, make_till: Callable[..., Till],
        meddler: Meddler) -> None:
    till = _through(make_till(), server, tenant, meddler)
    publish(server.engine, Publication(staff=[StaffDoc(
        number="4002", name="新店员", role="cashier", pin="1357")]), tenant.merchant, _now())
    before = _snapshot(till)
    meddler.rule = lambda request, forward: forward().with_header(
        answers.HEADER_ANSWER_SIGNATURE, None)
    assert _refused(till) == "sync.answer_unsigned"
    with till.app.store.reader() as uow:
        assert uow.staff.by_number("4002") is None
    assert _snapshot(till) == before

    meddler.rule = lambda request, forward: forward()  # the meddler gone: it comes through
    till.sync()
    with till.app.store.reader() as uow:
        assert uow.staff.by_number("4002") is not None


def test_a_time_header_moved_25_years_is_refused_and_the_offset_stays(
        server: Server, tenant: Tenant, make_till: Callable[..., Till],
        meddler: Meddler) -> None:
    till = _through(make_till(), server, tenant, meddler)
    till.sale(None, ("SOCKS", 1))
    before = _snapshot(till)
    later = str(_ms(_now() + timedelta(days=25 * 365)))
    meddler.rule = lambda request, forward: forward().with_header(
        signing.HEADER_SERVER_TIME, later)
    assert _refused(till) == "sync.answer_forged"
    assert _snapshot(till) == before
    assert till.client is not None and till.client.status().clock_skew_ms == -before["offset"]


def test_forged_refusals_neither_revoke_the_till_nor_rewind_its_outbox(
        server: Server, tenant: Tenant, make_till: Callable[..., Till],
        meddler: Meddler) -> None:
    till = _through(make_till(), server, tenant, meddler)
    member = till.register("周九", "13300133000")
    till.sale(member, ("COAT", 1))
    till.sync()
    till.sale(None, ("SOCKS", 1))
    before = _snapshot(till)
    template = meddler.recorded(PULL)[-1][1]
    for refusal in ({"code": "auth.terminal_revoked", "params": {}}, {
            "code": "sync.seq_gap", "params": {"expected_from_seq": 1, "got": 99}}):
        status = 403 if refusal["code"] == "auth.terminal_revoked" else 409
        meddler.rule = lambda request, forward, r=refusal, s=status: (
            template.with_status(s).with_json(r))
        assert _refused(till) == "sync.answer_forged"
        assert _snapshot(till) == before  # not revoked, not rewound
    till.sale(member, ("SCARF", 1), tenders=(  # offline spending is still allowed
        TenderRequest(TenderKind.POINTS, points=500), TenderRequest(TenderKind.CASH)))


def _ms(at: datetime) -> int:
    return int(at.astimezone(UTC).timestamp() * 1000)
