"""`POST /v1/sync/push` against a real head-office process: per-event answers, exactly once."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy as sa

from db.mapping_sales import OUTBOX_COLUMNS, outbox_from
from db.repos_driver import fetch_all_named, select_sql
from domain.records import TenderKind
from domain.services.cart import TenderRequest
from headoffice.tables import events, member_balances, points_ledger, sales
from sync.http import SyncError
from sync.schema import PushResponse
from tests.sync.fixtures import Tenant
from tests.sync.harness import Server, Till, snapshot


def _resend(till: Till) -> PushResponse:
    """Send every event of the till again, as a till that lost the replies would."""
    assert till.client is not None
    with till.app.store.reader() as uow:
        settings = uow.settings.get()
        rows = [outbox_from(r) for r in fetch_all_named(
            uow.session, select_sql("outbox", OUTBOX_COLUMNS, "1", "seq"), ())]
    request = till.client.batch(settings, rows[:500])
    return PushResponse.model_validate(till.client.ho.call(
        "POST", "/v1/sync/push", request.model_dump(mode="json")))


def test_a_sale_is_applied_once_however_often_it_is_sent(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    member = till.register("张三", "13800138000")
    done = till.sale(member, ("COAT", 1))
    first = till.sync()
    assert first.pushed["applied"] > 0 and first.unsynced == 0
    before = snapshot(server.engine, tenant.merchant)

    again = _resend(till)

    assert {r.status for r in again.results} == {"duplicate"}
    assert {r.code for r in again.results} == {"event.known"}
    assert snapshot(server.engine, tenant.merchant) == before
    with server.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(sales).where(
            sales.c.id == done.sale.id)) == 1
        assert conn.scalar(sa.select(member_balances.c.points).where(
            member_balances.c.member_id == member)) == done.sale.points_earned == 3000
        assert conn.scalar(sa.select(sa.func.count()).select_from(points_ledger).where(
            points_ledger.c.member_id == member)) == 1


def test_a_batch_that_skips_seqs_is_refused_whole_with_the_seq_expected(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    for _ in range(3):
        till.sale(None, ("SOCKS", 1))
    assert till.client is not None
    with till.app.store.reader() as uow:
        settings, pending = uow.settings.get(), uow.outbox.pending(500)
    later = till.client.batch(settings, pending[2:])

    with pytest.raises(SyncError) as refused:
        till.client.ho.call("POST", "/v1/sync/push", later.model_dump(mode="json"))

    assert (refused.value.status, refused.value.code) == (409, "sync.seq_gap")
    assert refused.value.params["expected_from_seq"] == 1
    with server.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(events).where(
            events.c.terminal_id == settings.terminal_id)) == 0
    assert till.sync().unsynced == 0


def test_bad_events_are_quarantined_and_acknowledged_so_the_queue_moves(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    with till.app.store.uow() as uow:
        uow.outbox.append("points.entry", {"id": "x", "points": "many"}, member_id=None,
                          occurred_at_iso="2025-05-06T02:00:00+00:00")
        uow.outbox.append("mystery.event", {}, member_id=None,
                          occurred_at_iso="2025-05-06T02:00:00+00:00")
        uow.commit()
    sold = till.sale(None, ("SCARF", 1),
                     tenders=(TenderRequest(TenderKind.CASH, given_fen=10000),))

    result = till.sync()

    assert result.unsynced == 0
    assert result.pushed["quarantined"] == 2
    with server.engine.connect() as conn:
        terminal = till.app.settings.terminal_id
        found = dict(conn.execute(sa.select(events.c.type, events.c.code).where(
            events.c.status == "quarantined", events.c.terminal_id == terminal)).all())
        assert found == {"points.entry": "event.payload_invalid",
                         "mystery.event": "event.type_unknown"}
        assert conn.scalar(sa.select(sales.c.total_fen).where(sales.c.id == sold.sale.id)) == 8900


def test_a_malformed_clock_stamp_is_refused_by_name_not_a_server_error(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    """A till (or anyone holding its key) sending a stamp head office cannot parse gets an
    answer naming the field, and an edit carrying one is quarantined, not a 500."""
    till = make_till()
    till.enroll(server, tenant.a)
    member = till.register("张三", "13800138000")
    with till.app.store.uow() as uow:
        uow.outbox.append("member.patched", {"member_id": member, "fields": {"name": "李四"},
                                             "hlc": "yesterday"}, member_id=member,
                          occurred_at_iso="2025-05-06T02:00:00+00:00")
        uow.commit()
    assert till.client is not None
    with till.app.store.reader() as uow:
        settings, pending = uow.settings.get(), uow.outbox.pending(500)
    request = till.client.batch(settings, pending).model_dump(mode="json")

    with pytest.raises(SyncError) as refused:
        till.client.ho.call("POST", "/v1/sync/push", {**request, "hlc": "not-a-stamp"})
    assert refused.value.status == 422 and "hlc" in str(refused.value.params)

    result = till.sync()
    assert result.unsynced == 0 and result.pushed["quarantined"] == 1
    with server.engine.connect() as conn:
        [(code, detail)] = conn.execute(sa.select(events.c.code, events.c.detail).where(
            events.c.status == "quarantined", events.c.terminal_id == settings.terminal_id))
    assert code == "event.payload_invalid"
    assert detail == {"field": "hlc", "problem": "string_pattern_mismatch"}
