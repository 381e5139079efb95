"""A year-end expiry written by the batched day close (one entry and one event per member,
several batches) reaches head office once: its ledger and balances match the till's, and
syncing again adds nothing (a real head office)."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from domain.services import maintenance
from headoffice.tables import member_balances, points_ledger
from tests.sync.fixtures import Tenant, enrolled_pair
from tests.sync.harness import Server, Till, ho_event_ids, outbox_ids


def _head_office(server: Server, member_ids: list[str]) -> tuple[int, dict[str, int]]:
    with server.engine.connect() as conn:
        expiries = conn.scalar(sa.select(sa.func.count()).select_from(points_ledger).where(
            points_ledger.c.kind == "expire", points_ledger.c.member_id.in_(member_ids)))
        points = {r.member_id: r.points for r in conn.execute(
            sa.select(member_balances.c.member_id, member_balances.c.points)
            .where(member_balances.c.member_id.in_(member_ids)))}
    return int(expiries or 0), points


def test_a_batched_year_end_expiry_reaches_head_office_once(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, _b = enrolled_pair(server, tenant, make_till)
    members = [a.register("会员", f"1390013{i:04d}") for i in range(5)]
    for member in members:
        a.sale(member, ("COAT", 1))
    a.sync()
    assert all(a.balances(m)[0] > 0 for m in members)

    a.advance(days=605)  # 1 January 2027: the points earned in 2025 lapsed yesterday
    closed = maintenance.close_day(a.ctx, a.manager, batch=2, pause_s=0)  # three batches
    assert closed.members_expired == len(members)
    assert all(a.balances(m)[0] == 0 for m in members)

    a.sync()
    assert _head_office(server, members) == (len(members), {m: 0 for m in members})
    assert outbox_ids(a) <= ho_event_ids(server.engine)
    a.sync()  # nothing applied twice
    assert _head_office(server, members) == (len(members), {m: 0 for m in members})
    assert a.problems() == []
