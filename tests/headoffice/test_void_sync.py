"""A void at the till reaches head office: the coupon its sale won is void there too, and the
tier it raised is set back (a real head office on PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from domain.records import Role
from domain.services import voids
from domain.services.staff import approve
from headoffice.tables import audit_entries, coupons, events, members
from tests.staffing import MADE
from tests.sync.fixtures import Tenant
from tests.sync.harness import Server, Till


def test_a_voided_sale_withdraws_its_coupon_and_tier_at_head_office_too(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till("A")
    till.enroll(server, tenant.a)
    member = till.register("张三", "13800138000")
    sale = till.sale(member, ("COAT", 3))  # ¥3,000 in one sale: 银卡 and a ¥200 coupon
    [won] = sale.coupons_issued
    assert sale.tier_change is not None and sale.tier_change.to_tier == "银卡"
    till.sync()
    till.advance(minutes=2)

    number, _, pin = MADE[Role.MANAGER]  # the till's manager approves the cashier's void
    approval = approve(till.ctx, number, pin, "voids.void_sale", till.cashier,
                       sale.sale.receipt_no)
    voids.void_sale(till.ctx, sale.sale.receipt_no, approval, "rung up twice",
                    cashier_id=till.cashier)
    till.sync()

    with server.engine.connect() as conn:
        state = conn.scalar(sa.select(coupons.c.state).where(coupons.c.code == won.code))
        tier = conn.scalar(sa.select(members.c.tier).where(members.c.id == member))
        refused = conn.execute(sa.select(events.c.type, events.c.code).where(
            events.c.status != "applied")).all()
        [voided] = conn.execute(sa.select(audit_entries.c.body).where(
            audit_entries.c.action == "void_sale")).scalars().all()
    assert (state, tier) == ("void", "普通会员")
    assert (voided["staff_id"], voided["approved_by"]) == (till.cashier, till.manager)
    assert refused == []
    assert till.problems() == []
