"""Points and stored value spent at the front desk (gifts, vouchers, lucky-draw spins, a wallet
closed for cash) are bounded offline by the same allowances as a sale's, and an overdraft they
cause at two stores becomes a case at head office."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from domain.allowances import worst_overdraft
from domain.errors import DomainError
from domain.luckydraw import Draw, Prize, PrizeKind
from domain.records import Gift
from domain.rulepack import OfflineRules
from domain.services import draws, rewards, shifts, wallet
from tests.sync.fixtures import Tenant
from tests.sync.harness import Server, Till, snapshot

MOBILE = "13800138000"
UMBRELLA = Gift("UMB", "晴雨伞", cost_fen=2500, points_price=3000, stock=5)
WHEEL = Draw("WHEEL", "会员大转盘", cost_points=20, free_spins_per_day=0)


def _refusal(action: Callable[[], object]) -> tuple[str, str | None, str | None]:
    with pytest.raises(DomainError) as caught:
        action()
    params = caught.value.params
    return caught.value.code, params.get("scope"), params.get("unit")


def _desk(till: Till) -> None:
    """The store's gift catalogue and lucky draw."""
    with till.app.store.uow() as uow:
        uow.gifts.add(UMBRELLA)
        uow.commit()
    draws.define_draw(till.ctx, WHEEL, [
        Prize("WHEEL", "THX", "谢谢参与", PrizeKind.THANKS, 1)], till.manager)


def _gift_stock(till: Till) -> int:
    with till.app.store.reader() as uow:
        gift = uow.gifts.get(UMBRELLA.code)
    assert gift is not None
    return gift.stock


def test_spending_at_the_desk_offline_stops_at_the_allowance_with_its_scope(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    till = make_till("A")
    till.enroll(server, tenant.a)
    _desk(till)
    member = till.register("王五", MOBILE)
    till.sale(member, ("COAT", 3))  # 9,000 points
    till.topup(member, 100000)  # ￥1,000 + ￥50 bonus
    till.sync()
    till.advance(minutes=5)  # head office out of reach from here

    rewards.redeem_gift(till.ctx, member, UMBRELLA.code, till.desk)  # 3,000 of the day's 5,000
    rewards.redeem_voucher(till.ctx, member, 2000, till.desk)  # 5,000: the day's allowance
    assert _refusal(lambda: rewards.redeem_gift(till.ctx, member, UMBRELLA.code, till.desk)) == (
        "offline.limit_exceeded", "member_day", "points")
    assert _refusal(lambda: draws.spin(till.ctx, member, WHEEL.code, till.desk)) == (
        "offline.limit_exceeded", "member_day", "points")
    shifts.open_shift(till.ctx, till.manager, 50000)  # the refund is paid from a drawer
    assert _refusal(lambda: wallet.close_wallet(till.ctx, member, till.manager)) == (
        "offline.limit_exceeded", "sale", "wallet_fen")  # ￥1,050 in one go, ￥500 allowed
    assert till.balances(member) == (9000 - 5000, 100000, 5000)  # nothing refused was kept
    assert _gift_stock(till) == UMBRELLA.stock - 1

    till.sync()  # back online: head office agrees, and the desk is no longer limited
    rewards.redeem_gift(till.ctx, member, UMBRELLA.code, till.desk)
    assert wallet.close_wallet(till.ctx, member, till.manager) == (100000, 5000)
    till.sync()
    assert snapshot(server.engine, tenant.merchant)["balances"][MOBILE] == (1000, 0, 0)
    assert snapshot(server.engine, tenant.merchant)["cases"] == []
    assert till.problems() == []


def test_vouchers_bought_offline_at_two_stores_with_the_same_points_open_a_case(
        server: Server, tenant: Tenant, make_till: Callable[..., Till]) -> None:
    a, b = make_till("A"), make_till("B")
    a.enroll(server, tenant.a)
    b.enroll(server, tenant.b)
    member = a.register("张三", MOBILE)
    a.sale(member, ("COAT", 1))  # 3,000 points
    a.sync()
    b.sync()  # B's allowance for the day
    assert b.client is not None and b.client.lookup(mobile=MOBILE) == member
    for till in (a, b):
        till.advance(minutes=10)  # both lose the link, each thinks 3,000 points are there
        rewards.redeem_voucher(till.ctx, member, 3000, till.desk)  # a ￥100 voucher at each
    for till in (a, b, a):
        till.advance(seconds=1)
        till.sync()

    snap = snapshot(server.engine, tenant.merchant)
    assert snap["balances"][MOBILE] == (-3000, 0, 0)
    assert snap["cases"] == [("points.overdraft", 3000)]
    assert worst_overdraft(OfflineRules(), tills=2).points >= 3000
    for till in (a, b):
        assert till.balances(member) == (-3000, 0, 0)
        assert till.problems() == []
    # Points earned again, but the open case holds the member's offline spending everywhere,
    # at the desk too, until a manager resolves it.
    a.sale(member, ("COAT", 2))
    for till in (a, b):
        till.sync()
    assert b.balances(member)[0] >= 2000
    b.advance(minutes=10)
    assert _refusal(lambda: rewards.redeem_voucher(b.ctx, member, 2000, b.desk))[0] == (
        "offline.member_blocked")
