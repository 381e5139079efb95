"""A return takes back what its sale won that the rest no longer earns (DOMAIN §5, §6, §9;
issue 11 item 1): the tier the sale raised, the spend-and-get coupon — a used one's value kept
back from the refund, never more than a return refunds nor twice across partial returns."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from db.verify import verify
from desktop.bootstrap import App
from desktop.demo_data import load_demo
from desktop.receipts import return_receipt
from domain.clock import FixedClock
from domain.coupons import format_code
from domain.records import CouponState, Sale, TenderKind
from domain.services import cart as carts
from domain.services import checkout, returns
from domain.services.members import find_by_mobile
from domain.services.staff import login
from hardware.receipt import Columns


@pytest.fixture
def cashier(app: App) -> str:
    load_demo(app.ctx)
    return login(app.ctx, "1001", "1357").id


@pytest.fixture
def member(app: App, cashier: str) -> str:
    return find_by_mobile(app.ctx, "13700137000").member.id  # 王五, 普通会员


def buy(app: App, cashier: str, member: str, *skus: str,
        coupon: str | None = None) -> checkout.Completed:
    cart = carts.start_sale(app.ctx, cashier)
    cart = replace(cart, member_id=member)
    for sku in skus:
        cart = carts.add_item(app.ctx, cart, sku)
    if coupon:
        cart = carts.add_coupon(cart, coupon)
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    return checkout.complete(app.ctx, cart)


def back(app: App, cashier: str, sale: Sale, line_no: int) -> returns.Returned:
    qty = next(ln.qty for ln in sale.lines if ln.line_no == line_no)
    return returns.return_with_receipt(app.ctx, sale.receipt_no, {line_no: qty}, cashier)


def coupon_state(app: App, code: str) -> CouponState:
    with app.ctx.reader() as uow:
        coupon = uow.coupons.get(code)
    assert coupon is not None
    return coupon.state


def tier(app: App, member: str) -> str:
    with app.ctx.reader() as uow:
        found = uow.members.get(member)
    assert found is not None
    return found.tier


def test_used_coupon_value_is_kept_back_once_across_partial_returns(
        app: App, cashier: str, member: str, clock: FixedClock) -> None:
    # ¥599 + ¥259 + ¥89 = ¥947 ≥ ¥888: the ¥200 coupon, used at once on a ¥899 coat.
    sale = buy(app, cashier, member, "A1001", "C3001", "F6001")
    [won] = sale.coupons_issued
    assert won.amount_fen == 20000
    buy(app, cashier, member, "A1002", coupon=won.code)
    assert coupon_state(app, won.code) is CouponState.REDEEMED
    clock.advance(timedelta(days=1))
    # The scarf (¥89) back: ¥858 kept < ¥888 → the coupon is no longer earned; ¥89 of its
    # ¥200 is kept back (all this return refunds); ¥858 ≥ ¥488 still earns the ¥100 coupon.
    first = back(app, cashier, sale.sale, 3)
    assert first.sale.total_fen == 0 and first.sale.tenders == []
    assert first.coupons_deducted == ((won.code, 8900),)
    [instead] = first.coupons_issued
    # The jeans (¥259) back: ¥599 kept still earns ¥100 (kept); the ¥111 still owed is kept.
    second = back(app, cashier, sale.sale, 2)
    assert second.coupons_deducted == ((won.code, 11100),)
    assert second.sale.total_fen == -14800
    assert second.coupons_issued == () and second.coupons_withdrawn == ()
    # The coat (¥599) back: nothing kept, the unused ¥100 coupon is withdrawn, no more owed.
    third = back(app, cashier, sale.sale, 1)
    assert third.coupons_deducted == () and third.coupons_withdrawn == (instead,)
    assert third.sale.total_fen == -59900
    assert coupon_state(app, instead) is CouponState.VOID
    refunded = -(first.sale.total_fen + second.sale.total_fen + third.sale.total_fen)
    assert refunded == sale.sale.total_fen - 20000  # everything but the coupon's value
    assert verify(app.store) == []


def test_the_return_receipt_says_why_the_refund_is_less(app: App, cashier: str,
                                                        member: str) -> None:
    sale = buy(app, cashier, member, "A1002")  # ¥899: the ¥200 coupon, used at once
    [won] = sale.coupons_issued
    buy(app, cashier, member, "A1001", coupon=won.code)
    done = back(app, cashier, sale.sale, 1)
    assert done.sale.total_fen == -69900
    receipt = return_receipt(done, "开卡服装", "王收银", app.ctx.calendar, "zh",
                             sale.sale.receipt_no)
    rows = [(b.left, b.right) for b in receipt.blocks if isinstance(b, Columns)]
    assert (f"已用赠券扣回 {format_code(won.code)}", "￥200.00") in rows
    assert ("退款合计", "￥699.00") in rows
    assert ("积分余额", str(done.points_balance)) in rows


def test_a_return_that_keeps_the_threshold_keeps_the_coupon(app: App, cashier: str,
                                                            member: str) -> None:
    sale = buy(app, cashier, member, "A1002", "F6001")  # ¥988: the ¥200 coupon
    [won] = sale.coupons_issued
    done = back(app, cashier, sale.sale, 2)  # ¥899 kept ≥ ¥888
    assert (done.coupons_withdrawn, done.coupons_issued, done.coupons_deducted) == ((), (), ())
    assert coupon_state(app, won.code) is CouponState.ISSUED
    assert done.sale.total_fen == -8900


def test_partial_return_sets_the_tier_back_to_what_the_rest_earns(
        app: App, cashier: str, member: str, clock: FixedClock) -> None:
    sale = buy(app, cashier, member, *["A1002"] * 5)  # 5 × ¥899 = ¥4,495 ≥ ¥4,000: 金卡
    assert sale.tier_change is not None and sale.tier_change.to_tier == "金卡"
    clock.advance(timedelta(days=2))
    lines = sale.sale.lines
    first = back(app, cashier, sale.sale, lines[0].line_no)  # ¥3,596 kept ≥ ¥2,500: 银卡
    assert first.tier_change is not None
    assert (first.tier_change.from_tier, first.tier_change.to_tier) == ("金卡", "银卡")
    with app.ctx.reader() as uow:
        held = uow.members.get(member)
    assert held is not None and held.tier_since == sale.sale.business_date  # reached that day
    second = back(app, cashier, sale.sale, lines[1].line_no)  # ¥2,697 kept: still 银卡
    assert second.tier_change is None and tier(app, member) == "银卡"
    back(app, cashier, sale.sale, lines[2].line_no)  # ¥1,798 kept: 普通会员
    assert tier(app, member) == "普通会员"
    assert verify(app.store) == []


def test_tier_stays_when_the_window_still_earns_it(app: App, cashier: str, member: str,
                                                   clock: FixedClock) -> None:
    buy(app, cashier, member, "A1002", "A1002", "B2001")  # ¥2,097: no tier yet
    clock.advance(timedelta(days=1))
    lift = buy(app, cashier, member, "A1001", "C3001", "F6001", "F6001")  # ¥1,036: 12-month ¥3,133
    assert lift.tier_change is not None and lift.tier_change.to_tier == "银卡"
    done = back(app, cashier, lift.sale, 4)  # −¥89: ¥3,044 ≥ ¥3,000 in the window
    assert done.tier_change is None and tier(app, member) == "银卡"
    done = back(app, cashier, lift.sale, 3)  # −¥89: ¥2,955 < ¥3,000
    assert done.tier_change is not None and tier(app, member) == "普通会员"
