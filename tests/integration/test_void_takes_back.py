"""A void takes back what the sale won: its spend-and-get coupon and a tier it raised."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta

import pytest

from db.verify import verify
from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.records import Coupon, CouponState, Member, TenderKind, TierChange
from domain.services import cart as carts
from domain.services import checkout, shifts, voids
from domain.services import till as till_verbs
from domain.services.members import find_by_card
from domain.services.proofs import Approval
from domain.services.staff import approve, login

SIGNED_UP = date(2025, 5, 6)  # the demo members join on the fixtures' START day


class Till:
    """The demo store with a cashier in an open shift, a manager, and member 李四's card."""

    def __init__(self, app: App, clock: FixedClock) -> None:
        self.app, self.clock = app, clock
        cards = load_demo(app.ctx)
        self.cashier = login(app.ctx, "1001", "1357").id
        self.manager = login(app.ctx, "2001", "2468").id
        self.card = cards[1]  # 李四: no stored value, no birthday in May
        self.member_id = find_by_card(app.ctx, self.card).member.id
        self.shift = shifts.open_shift(app.ctx, self.cashier, 50000).id

    def sell(self, items: list[tuple[str, int]], coupon: str | None = None) -> checkout.Completed:
        # One after another, at times with microseconds as a real clock gives them.
        self.clock.advance(timedelta(minutes=3, microseconds=123457))
        cart = carts.start_sale(self.app.ctx, self.cashier, self.shift)
        typed = find_by_card(self.app.ctx, self.card)
        cart = till_verbs.attach_member(self.app.ctx, till_verbs.TillSale(cart), typed,
                                        till_verbs.Presented.TYPED).cart
        for sku, qty in items:
            cart = carts.add_item(self.app.ctx, cart, sku, qty)
        if coupon:
            cart = carts.add_coupon(cart, coupon)
        cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
        return checkout.complete(self.app.ctx, cart)

    def approval(self, sale: checkout.Completed) -> Approval:
        """The manager approves voiding this receipt (audited as given)."""
        return approve(self.app.ctx, "2001", "2468", "voids.void_sale", self.cashier,
                       sale.sale.receipt_no)

    def void(self, sale: checkout.Completed, approval: Approval | None = None) -> voids.Voided:
        self.clock.advance(timedelta(minutes=1))
        return voids.void_sale(self.app.ctx, sale.sale.receipt_no,
                               approval or self.approval(sale), "rung up wrong",
                               cashier_id=self.cashier, shift_id=self.shift)

    def refused(self, sale: checkout.Completed,
                approval: Approval | None = None) -> DomainError:
        with pytest.raises(DomainError) as err:
            self.void(sale, approval)
        return err.value

    def member(self) -> Member:
        with self.app.ctx.reader() as uow:
            found = uow.members.get(self.member_id)
        assert found is not None
        return found

    def coupon(self, code: str) -> Coupon:
        with self.app.ctx.reader() as uow:
            found = uow.coupons.get(code)
        assert found is not None
        return found

    def tier_history(self) -> list[TierChange]:
        with self.app.ctx.reader() as uow:
            return uow.tiers.history(self.member_id)

    def outbox(self, event_type: str) -> list[dict[str, object]]:
        with sqlite3.connect(self.app.store.path) as raw:
            found = raw.execute("SELECT payload FROM outbox WHERE type = ? ORDER BY seq",
                                (event_type,))
            return [json.loads(p) for (p,) in found]

    def count(self, sql: str) -> int:
        with sqlite3.connect(self.app.store.path) as raw:
            (n,) = raw.execute(sql).fetchone()
        return int(n)


@pytest.fixture
def till(app: App, clock: FixedClock) -> Till:
    return Till(app, clock)


def won(sale: checkout.Completed) -> Coupon:
    [coupon] = sale.coupons_issued
    return coupon


# --- the spend-and-get coupon -------------------------------------------------------------------

def test_a_void_withdraws_the_unused_coupon_the_sale_won(till: Till) -> None:
    sale = till.sell([("A1002", 1)])  # ¥899: 满888送200
    coupon = won(sale)
    assert (coupon.template_code, coupon.amount_fen) == ("spend888", 20000)
    assert coupon.issued_reason == f"spend_and_get:{sale.sale.id}"  # linked to its sale
    with till.app.ctx.reader() as uow:
        signup = [c.code for c in uow.coupons.for_member(till.member_id) if c.code != coupon.code]

    done = till.void(sale)

    assert done.coupons_withdrawn == (coupon.code,) and done.tier_change is None
    assert till.coupon(coupon.code).state is CouponState.VOID
    assert [till.coupon(c).state for c in signup] == [CouponState.ISSUED] * len(signup)
    assert till.outbox("coupon.voided") == [
        {"code": coupon.code, "member_id": till.member_id, "state": "void"}]
    [entry] = [a for a in till.outbox("audit.entry") if a["action"] == "void_sale"]
    assert entry["details"]["coupons_withdrawn"] == [coupon.code]  # type: ignore[index]
    assert [c.reason for c in till.tier_history()] == ["signup"]  # ¥899 raised no tier
    assert verify(till.app.store) == []


def test_a_void_is_refused_while_the_won_coupon_is_used_then_allowed_once_it_is_back(
        till: Till) -> None:
    first = till.sell([("A1002", 1)])
    coupon = won(first)
    second = till.sell([("A1001", 1)], coupon=coupon.code)  # the ¥200 coupon spent at once
    assert second.sale.coupons_redeemed == (coupon.code,) and second.coupons_issued == ()
    approval = till.approval(first)
    events = till.count("SELECT count(*) FROM outbox")

    err = till.refused(first, approval)

    assert err.code == "void.coupon_used"
    assert err.params == {"receipt": first.sale.receipt_no, "code": coupon.code}
    assert till.count("SELECT count(*) FROM sales WHERE kind = 'return'") == 0
    assert till.count("SELECT count(*) FROM outbox") == events  # nothing written
    assert till.coupon(coupon.code).state is CouponState.REDEEMED

    till.void(second)  # the sale that used it is voided: the coupon comes back ...
    assert till.coupon(coupon.code).state is CouponState.ISSUED
    done = till.void(first)  # ... and the sale that won it may be voided now
    assert done.coupons_withdrawn == (coupon.code,)
    assert till.coupon(coupon.code).state is CouponState.VOID
    assert verify(till.app.store) == []


def test_the_refusal_tells_the_manager_to_do_a_return(till: Till) -> None:
    from desktop import feedback  # the sentence the returns dialog shows

    first = till.sell([("A1002", 1)])
    till.sell([("A1001", 1)], coupon=won(first).code)
    text = feedback.describe(till.refused(first)).text
    assert won(first).code in text and first.sale.receipt_no in text
    assert "return" in text


# --- the tier the sale raised -------------------------------------------------------------------

def test_a_void_sets_back_the_tier_the_sale_raised_with_its_old_anniversary(
        till: Till, clock: FixedClock) -> None:
    clock.advance(timedelta(days=10))  # a member since 6 May comes back ten days later
    shifts.close_shift(till.app.ctx, till.cashier, 50000)
    till.shift = shifts.open_shift(till.app.ctx, till.cashier, 50000).id
    sale = till.sell([("A1002", 3)])  # ¥2,697 in one sale: 银卡 at once
    assert sale.tier_change is not None and sale.tier_change.to_tier == "银卡"
    assert till.member().tier_since == date(2025, 5, 16)

    done = till.void(sale)

    member = till.member()
    assert (member.tier, member.tier_since) == ("普通会员", SIGNED_UP)
    *_, undo = till.tier_history()
    assert (undo.from_tier, undo.to_tier, undo.reason) == ("银卡", "普通会员", "void")
    assert done.tier_change == undo
    assert till.outbox("tier.changed")[-1]["reason"] == "void"
    assert done.coupons_withdrawn == (won(sale).code,)  # the ¥200 coupon goes too
    [entry] = [a for a in till.outbox("audit.entry") if a["action"] == "void_sale"]
    assert entry["details"]["tier"] == "银卡→普通会员"  # type: ignore[index]
    assert verify(till.app.store) == []


def test_a_tier_the_member_still_meets_without_the_voided_sale_stays(till: Till) -> None:
    first = till.sell([("A1002", 3)])  # 普通会员 → 银卡
    second = till.sell([("A1002", 6)])  # 6 × ¥899 at 8.5折 = ¥4,584.90 in one sale: 金卡
    assert second.tier_change is not None
    assert (second.tier_change.from_tier, second.tier_change.to_tier) == ("银卡", "金卡")

    done = till.void(first)  # the second sale alone still meets 金卡's entry rule

    assert done.tier_change is None and till.member().tier == "金卡"
    assert "void" not in [c.reason for c in till.tier_history()]
    assert till.coupon(won(first).code).state is CouponState.VOID
    assert till.coupon(won(second).code).state is CouponState.ISSUED  # only the first's
    assert verify(till.app.store) == []


def test_voiding_the_sale_that_held_a_tier_up_undoes_an_earlier_voided_upgrade_too(
        till: Till) -> None:
    first = till.sell([("A1002", 3)])  # 普通会员 → 银卡
    second = till.sell([("A1002", 6)])  # 银卡 → 金卡
    till.void(first)  # 金卡 stays: the second sale meets it on its own

    done = till.void(second)  # now nothing is left that earned 银卡 or 金卡

    assert done.tier_change is not None
    assert (done.tier_change.from_tier, done.tier_change.to_tier) == ("金卡", "普通会员")
    assert (till.member().tier, till.member().tier_since) == ("普通会员", SIGNED_UP)
    assert verify(till.app.store) == []


def test_a_void_steps_down_only_to_the_tier_a_later_sale_still_earns(till: Till) -> None:
    first = till.sell([("A1002", 3)])  # ¥2,697: 银卡
    second = till.sell([("A1002", 4)])  # ¥3,056.60 at 8.5折; ¥5,753.60 in 12 months: 金卡
    assert second.tier_change is not None and second.tier_change.to_tier == "金卡"

    done = till.void(first)  # left: ¥3,056.60 in one sale — 银卡's ¥2,500, not 金卡's ¥4,000

    assert done.tier_change is not None
    assert (done.tier_change.from_tier, done.tier_change.to_tier) == ("金卡", "银卡")
    assert till.member().tier == "银卡"
    assert verify(till.app.store) == []


def test_the_tier_set_back_keeps_the_anniversary_its_last_review_gave_it(
        till: Till, clock: FixedClock) -> None:
    till.sell([("A1002", 4)])  # ¥3,596 on 6 May 2025: 银卡, and its retention spend met
    clock.advance(timedelta(days=365 + 10))  # the review of 6 May 2026 runs at the next sale
    shifts.close_shift(till.app.ctx, till.cashier, 50000)
    till.shift = shifts.open_shift(till.app.ctx, till.cashier, 50000).id
    sale = till.sell([("A1002", 6)])  # ¥4,584.90 in one sale: 金卡
    assert [c.reason for c in till.tier_history()] == ["signup", "upgrade", "retained",
                                                       "upgrade"]

    till.void(sale)

    member = till.member()
    assert (member.tier, member.tier_since) == ("银卡", date(2026, 5, 6))  # not 16 May
    assert verify(till.app.store) == []
