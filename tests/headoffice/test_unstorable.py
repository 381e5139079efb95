"""One bad event never blocks a till: refused when parsed (U+0000), or quarantined alone when
the database refuses what it holds, and every later event still arrives."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from headoffice.tables import events, recon_cases, sales
from tests.sync.fixtures import Tenant
from tests.sync.harness import Server, Till

AT = "2025-05-06T02:00:00+00:00"


def _forge(till: Till, kind: str, payload: dict[str, Any], member_id: str | None = None) -> None:
    with till.app.store.uow() as uow:
        uow.outbox.append(kind, payload, member_id=member_id, occurred_at_iso=AT)
        uow.commit()


def _quarantined(server: Server, till: Till) -> list[Any]:
    with server.engine.connect() as conn:
        return list(conn.execute(sa.select(events).where(
            events.c.terminal_id == till.app.settings.terminal_id,
            events.c.status == "quarantined")))


def test_a_nul_in_a_member_name_is_quarantined_naming_the_field_and_the_rest_arrives(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    member = "0190f000-0000-7000-8000-00000000abcd"
    _forge(till, "member.created", {"id": member, "name": "张\x00三", "mobile": "13800138111",
                                    "notes": "line one\nline two"}, member)
    _forge(till, "member.patched", {"member_id": member, "fields": {"notes": "a\x00b"}}, member)
    sold = [till.sale(None, ("SOCKS", 1)) for _ in range(15)]

    result = till.sync()

    assert result.unsynced == 0 and result.pushed["quarantined"] == 2
    bad = {r.type: r for r in _quarantined(server, till)}
    assert bad["member.created"].code == "event.payload_invalid"
    assert bad["member.created"].detail == {"field": "name", "problem": "control_character"}
    assert bad["member.patched"].detail["field"] == "fields.notes"
    kept = json.loads(bad["member.created"].payload["escaped"])
    assert kept["name"] == "张\x00三"  # nothing lost: support sees what the till sent
    with server.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(sales).where(
            sales.c.id.in_([s.sale.id for s in sold]))) == 15
    assert till.client is not None
    assert till.client.renew().terminal_id == till.app.settings.terminal_id


def test_an_event_the_database_refuses_is_quarantined_alone_with_a_case(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    server = make_server("postgres")
    till = make_till()
    till.enroll(server, "S001")
    before = till.sale(None, ("SOCKS", 1))
    # Valid for the payload model, too long for head office's column (varchar 40).
    code = "C" * 45
    _forge(till, "coupon.issued", {"code": code, "template_code": "T", "kind": "cash",
                                   "valid_from": "2025-01-01", "valid_to": "2030-01-01"})
    after = till.sale(None, ("SCARF", 1))

    result = till.sync()

    assert result.unsynced == 0
    assert result.pushed["quarantined"] == 1
    (bad,) = _quarantined(server, till)
    assert (bad.type, bad.code) == ("coupon.issued", "event.unstorable")
    assert bad.detail["sqlstate"] == "22001"
    assert json.loads(bad.payload["escaped"])["code"] == code
    with server.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(sales).where(
            sales.c.id.in_([before.sale.id, after.sale.id]))) == 2
        case = conn.execute(sa.select(recon_cases).where(
            recon_cases.c.kind == "event.unstorable")).one()
    assert case.details["event_id"] == bad.event_id and case.details["sqlstate"] == "22001"
    till.sale(None, ("SOCKS", 1))
    assert till.sync().unsynced == 0  # the queue keeps flowing


@pytest.mark.parametrize("member_id", ["x" * 37, "m\x00"])
def test_an_envelope_member_id_that_cannot_be_stored_quarantines_only_its_event(
        server: Server, tenant: Tenant, make_till: Callable[..., Till], member_id: str) -> None:
    till = make_till()
    till.enroll(server, tenant.a)
    _forge(till, "shift.closed", {"id": "s-1", "cashier_id": "c"}, member_id)
    sold = till.sale(None, ("SOCKS", 1))

    result = till.sync()

    assert result.unsynced == 0 and result.pushed["quarantined"] == 1
    (bad,) = _quarantined(server, till)
    assert bad.detail == {"field": "member_id", "problem": "not_an_id"}
    with server.engine.connect() as conn:
        assert conn.scalar(sa.select(sales.c.id).where(sales.c.id == sold.sale.id))
