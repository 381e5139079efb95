"""The merge rules, with two real tills and a real head office: coupons, profiles, twins, cards."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from domain.hlc import Stamp
from domain.luckydraw import Draw, Prize, PrizeKind
from domain.records import CardState
from domain.services import cardissue, draws, held
from domain.services import cart as carts
from domain.services.context import to_wire
from headoffice.tables import coupons, events, members, recon_cases, terminals
from tests.sync.fixtures import MOBILE, Tenant, enrolled_pair, member_at_both
from tests.sync.harness import Server, Till, snapshot


def test_a_coupon_used_at_two_tills_offline_the_first_to_arrive_wins_and_a_case_opens(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member = member_at_both(a, b)
    code = next(c.code for c in b.coupons(member) if c.template_code == "signup50")
    first = a.sale(member, ("SHOES", 1), coupons=(code,))
    second = b.sale(member, ("SHOES", 1), coupons=(code,))
    b.sync()  # B's redemption arrives first
    a.sync()

    with server.engine.connect() as conn:
        won = conn.execute(sa.select(coupons.c.state, coupons.c.redeemed_sale_id).where(
            coupons.c.code == code)).one()
        case = conn.execute(sa.select(recon_cases.c.kind, recon_cases.c.details).where(
            recon_cases.c.member_id == member)).one()
    assert tuple(won) == ("redeemed", second.sale.id)
    assert case.kind == "coupon.double_redeemed"
    assert (case.details["first_sale_id"], case.details["second_sale_id"]) == (
        second.sale.id, first.sale.id)
    receipts = [s[0] for s in snapshot(server.engine, tenant.merchant)["sales"]]
    assert first.sale.receipt_no in receipts and second.sale.receipt_no in receipts


def _stamp(at: datetime, counter: int, node: str) -> str:
    return str(Stamp(int(at.timestamp() * 1000), counter, node))


def test_profile_fields_merge_by_hybrid_clock_and_opt_out_wins_a_day_long(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member = member_at_both(a, b)
    t = datetime(2025, 5, 6, 3, 0, tzinfo=UTC)
    a.patch(member, {"email": "a@example.cn", "occupation": "教师"}, _stamp(t, 0, "A"))
    b.patch(member, {"email": "b@example.cn"}, _stamp(t + timedelta(seconds=1), 0, "B"))
    a.patch(member, {"consent_marketing": True}, _stamp(t + timedelta(hours=10), 0, "A"))
    b.patch(member, {"consent_marketing": False}, _stamp(t + timedelta(hours=9), 0, "B"))
    a.sync()
    b.sync()
    a.sync()
    for till in (a, b):
        merged = till.member(member)
        assert (merged.email, merged.occupation, merged.consent_marketing) == (
            "b@example.cn", "教师", False)
    # A later opt-in, more than a day after the opt-out, is the member's new choice.
    a.patch(member, {"consent_marketing": True}, _stamp(t + timedelta(hours=34), 0, "A"))
    a.sync()
    b.sync()
    assert b.member(member).consent_marketing is True


def test_a_stamp_from_a_clock_running_a_day_fast_is_clamped_and_the_till_flagged(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member = member_at_both(a, b)
    a.clock.set(datetime.now(UTC))  # right now, but the edit was stamped while it ran fast
    with server.engine.begin() as conn:  # forget what the harness's old till clock earned it
        conn.execute(terminals.update().where(terminals.c.id == a.app.settings.terminal_id)
                     .values(clock_flagged_at=None))
    future = datetime.now(UTC) + timedelta(days=1)
    a.patch(member, {"notes": "fast clock"}, _stamp(future, 0, "A"))
    a.sync()
    now_ms = int(datetime.now(UTC).timestamp() * 1000)
    b.patch(member, {"notes": "edited after"}, _stamp(datetime.now(UTC), 5, "B"))
    b.sync()
    with server.engine.connect() as conn:
        profile, stamps = conn.execute(sa.select(members.c.profile, members.c.stamps).where(
            members.c.id == member)).one()
        notes = profile["notes"]
        skew, flagged_at = conn.execute(sa.select(
            terminals.c.clock_skew_ms, terminals.c.clock_flagged_at).where(
            terminals.c.id == a.app.settings.terminal_id)).one()
    assert notes == "edited after"  # the fast till did not win for a day
    # The clock measured now is right; the stamp from tomorrow flagged the till all the same.
    assert skew is not None and abs(skew) < 60_000 and flagged_at is not None
    # nothing stored carries a stamp from tomorrow
    assert max(Stamp.parse(s).ms for s in stamps.values()) < now_ms + 60_000


def test_a_member_signed_up_at_two_stores_offline_becomes_one_with_an_alias(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    at_a = a.register("张三", MOBILE)
    a.sale(at_a, ("COAT", 1))  # 3,000 points at A
    at_b = b.register("张三", MOBILE)
    b.sale(at_b, ("SHOES", 1))  # 500 x 2 = 1,000 points at B
    a.sync()
    b.sync()
    a.sync()

    with server.engine.connect() as conn:
        assert conn.scalar(sa.select(members.c.canonical_id).where(members.c.id == at_b)) == at_a
    assert snapshot(server.engine, tenant.merchant)["balances"][MOBILE] == (4000, 0, 0)
    assert b.member_by_mobile(MOBILE) == at_a  # B's twin took the canonical id
    assert b.member(at_b) is None
    assert a.balances(at_a) == b.balances(at_a) == (4000, 0, 0)
    assert a.problems() == [] and b.problems() == []


def test_a_twin_with_lucky_draw_spins_and_a_held_sale_merges_and_the_till_syncs_on(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    """Every row naming B's twin follows it to A's id (db/repos_merge.py): the merge commits,
    and the next pull is not stuck behind it."""
    a, b = enrolled_pair(server, tenant, make_till)
    at_a = a.register("张三", MOBILE)
    at_b = b.register("张三", MOBILE)
    draws.define_draw(b.ctx, Draw("SPRING", "春季大转盘", cost_points=20),
                      [Prize("SPRING", "THX", "谢谢参与", PrizeKind.THANKS, 5)], b.manager)
    draws.spin(b.ctx, at_b, "SPRING", b.desk)  # the day's free spin
    cart = carts.start_sale(b.ctx, b.cashier)
    cart = replace(cart, member_id=at_b)
    cart = carts.add_item(b.ctx, cart, "SHOES")
    held.hold(b.ctx, cart, b.cashier)
    a.sync()
    b.sync()  # B's twin becomes A's alias: renamed at B

    assert b.member(at_b) is None and b.member_by_mobile(MOBILE) == at_a
    with b.app.store.reader() as uow:
        assert [s.member_id for s in uow.draws.spins(
            at_a, "SPRING", b.ctx.calendar.date_of(b.clock.now()))]
    [waiting] = held.waiting(b.ctx)
    assert waiting.member_id == at_a
    assert held.recall(b.ctx, waiting.id, b.cashier, None).member_id == at_a
    a.sale(at_a, ("COAT", 1))
    a.sync()
    b.sync()  # the pull goes on past the merge
    assert b.balances(at_a) == a.balances(at_a)
    assert a.problems() == [] and b.problems() == []


def test_a_card_reported_lost_stays_lost_whatever_a_till_last_knew(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = enrolled_pair(server, tenant, make_till)
    member = member_at_both(a, b)
    issued = cardissue.issue_card(a.ctx, member, a.desk)
    a.sync()
    b.sync()
    cardissue.report_lost(a.ctx, issued.card.number, a.desk)
    a.sync()
    with b.app.store.uow() as uow:  # B, out of date, re-sends the card as it knew it
        card = uow.cards.get(issued.card.number)
        assert card is not None and card.state is CardState.ACTIVE
        stale = to_wire(card)
        stale["state"] = "active"
        uow.outbox.append("card.changed", stale, member_id=member,
                          occurred_at_iso=b.clock.now().isoformat())
        uow.commit()
    b.sync()
    with server.engine.connect() as conn:
        state = conn.scalar(sa.text("SELECT state FROM cards WHERE number = :n"),
                            {"n": issued.card.number})
        code = conn.scalar(sa.select(events.c.code).where(
            events.c.type == "card.changed", events.c.terminal_id == b.app.settings.terminal_id))
    assert (state, code) == ("lost", "card.state_behind")
    with b.app.store.reader() as uow:  # and B learns the card is lost
        card = uow.cards.get(issued.card.number)
    assert card is not None and card.state is CardState.LOST
