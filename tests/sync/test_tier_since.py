"""A tier's anniversary (`tier_since`) travels with its change: head office keeps the date the
till set — a void's old anniversary, a review's year on — and every store pulls it unchanged;
a till's unsent tier change is not overwritten by a pull, and a change from an older till
without the date is dated from its business day (a real head office on both backends)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import sqlalchemy as sa

from db.rows import OutboxRow
from domain.services import maintenance, voids
from domain.services.profiles import update_member
from headoffice.tables import events, members
from tests.sync.fixtures import MOBILE, Tenant, enrolled_pair
from tests.sync.harness import Server, Till

JOINED = date(2025, 5, 6)  # TILL_START's business day
UPGRADED = date(2025, 6, 15)  # 40 days on: ¥3,000 in one sale lifts the member to 银卡


def _upgraded_member_at_both(a: Till, b: Till) -> tuple[str, str]:
    """A member who joined at A and became 银卡 there 40 days later; B knows them too.
    Returns the member and the upgrading sale's receipt number."""
    member = a.register("张三", MOBILE)
    a.sync()
    a.advance(days=40)
    sale = a.sale(member, ("COAT", 3))
    assert sale.tier_change is not None and sale.tier_change.to_tier == "银卡"
    a.sync()
    assert b.client is not None and b.client.lookup(mobile=MOBILE) == member
    return member, sale.sale.receipt_no


def _at_head_office(server: Server, member_id: str) -> tuple[str, date]:
    with server.engine.connect() as conn:
        row = conn.execute(sa.select(members.c.tier, members.c.tier_since)
                           .where(members.c.id == member_id)).one()
    return row.tier, row.tier_since


def _at_till(till: Till, member_id: str) -> tuple[str, date]:
    found = till.member(member_id)
    return found.tier, found.tier_since


def _refused(server: Server) -> list[tuple[str, str]]:
    with server.engine.connect() as conn:
        return [(r.type, r.code) for r in conn.execute(
            sa.select(events.c.type, events.c.code).where(events.c.status != "applied"))]


def _void(till: Till, receipt_no: str) -> None:
    till.advance(minutes=2)
    voids.void_sale(till.ctx, receipt_no, None, "rung up twice", cashier_id=till.manager)


def _pull_only(till: Till) -> None:
    """A pull with this till's newest events still unsent (a sale rung between push and pull)."""
    assert till.client is not None
    till.client.pull_all()


def test_a_void_sets_the_tier_back_with_its_old_anniversary_at_head_office_and_store_b(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member, receipt = _upgraded_member_at_both(a, b)
    assert _at_head_office(server, member) == _at_till(b, member) == ("银卡", UPGRADED)

    _void(a, receipt)
    assert _at_till(a, member) == ("普通会员", JOINED)
    update_member(b.ctx, member, {"notes": "周末来店"}, b.desk)  # head office's member moves on
    b.sync()
    _pull_only(a)
    assert _at_till(a, member) == ("普通会员", JOINED)  # the unsent void stands at A
    assert a.member(member).notes == "周末来店"  # while the rest of the pull applied

    a.sync()
    b.sync()
    assert _at_head_office(server, member) == ("普通会员", JOINED)
    assert _at_till(b, member) == ("普通会员", JOINED)
    assert _at_till(a, member) == ("普通会员", JOINED)
    assert _refused(server) == []
    assert a.problems() == [] and b.problems() == []


def test_a_till_whose_tier_change_lost_at_head_office_hears_the_winner(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member, receipt = _upgraded_member_at_both(a, b)
    _void(a, receipt)
    b.advance(days=41)  # B's clock past A's void: B's 金卡 is the later change
    lifted = b.sale(member, ("COAT", 5))  # ¥4,250 after 银卡's discount
    assert lifted.tier_change is not None and lifted.tier_change.to_tier == "金卡"
    b.sync()
    _pull_only(a)  # A keeps its own tier while its void is unsent
    assert _at_till(a, member) == ("普通会员", JOINED)

    a.sync()  # the void arrives after B's later change, loses, and A hears B's tier
    assert _at_head_office(server, member) == ("金卡", b.ctx.today())
    assert _at_till(a, member) == ("金卡", b.ctx.today())
    assert a.problems() == [] and b.problems() == []


def test_a_review_that_keeps_the_tier_moves_the_anniversary_a_year_on_everywhere(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member, _receipt = _upgraded_member_at_both(a, b)
    a.advance(days=365 + 20)  # the till was closed over the anniversary: a late review
    closed = maintenance.close_day(a.ctx, a.manager)

    year_on = date(2026, 6, 15)
    assert [(c.reason, c.to_tier) for c in closed.tier_changes] == [("retained", "银卡")]
    assert _at_till(a, member) == ("银卡", year_on)
    a.sync()
    b.sync()
    assert _at_head_office(server, member) == ("银卡", year_on)
    assert _at_till(b, member) == ("银卡", year_on)
    assert _at_till(a, member) == ("银卡", year_on)
    assert _refused(server) == []


def test_a_tier_change_from_an_older_till_without_its_anniversary_is_dated_from_its_day(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member, receipt = _upgraded_member_at_both(a, b)
    _void(a, receipt)
    with a.app.store.uow() as uow:  # the void's change as a till before `tier_since` sent it
        row = uow.session.scalars(sa.select(OutboxRow).where(
            OutboxRow.type == "tier.changed", OutboxRow.acked.is_(False))).one()
        assert row.payload["tier_since"] == JOINED.isoformat()
        row.payload = {k: v for k, v in row.payload.items() if k != "tier_since"}
        uow.commit()

    a.sync()
    b.sync()
    assert _at_head_office(server, member) == ("普通会员", UPGRADED)  # the void's own day
    assert _at_till(b, member) == ("普通会员", UPGRADED)
    assert _refused(server) == []
