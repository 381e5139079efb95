"""The daily points report and the Z-report of one busy day, built through the real services."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

import pytest

from db.verify import verify
from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.clock import FixedClock
from domain.luckydraw import Draw, Prize, PrizeKind
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout, draws, maintenance, returns, rewards, shifts, wallet
from domain.services import reports as report_services
from domain.services.checkout import Completed
from domain.services.context import ServiceContext
from domain.services.members import find_by_card, register
from domain.services.staff import login

DAY = date(2026, 1, 1)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text + "+08:00")


def sell(ctx: ServiceContext, cashier: str, member: str | None, items: list[tuple[str, int]],
         tenders: list[carts.TenderRequest], shift: str | None = None) -> Completed:
    cart = carts.start_sale(ctx, cashier, shift)
    cart = replace(cart, member_id=member)
    for sku, qty in items:
        cart = carts.add_item(ctx, cart, sku, qty=qty)
    for tender in tenders:
        cart = carts.add_tender(cart, tender)
    return checkout.complete(ctx, cart)


CASH = carts.TenderRequest(TenderKind.CASH)


@dataclass
class Day:
    app: App
    ctx: ServiceContext
    members: dict[str, str]
    cashier: str
    manager: str
    desk: str


def scripted(rolls: list[int]) -> object:
    def random_below(n: int) -> int:
        roll = rolls.pop(0)
        assert 0 <= roll < n
        return roll

    return random_below


def build_day(app: App, clock: FixedClock) -> Day:
    """2024: A earns 1198, B 598 (expire end of 2025); 2025: A +5000 adjusted, B earns 518.
    Then on 2026-01-01: day close expires the 2024 lots; draws, sales with points as cash,
    a gift, a voucher, returns, adjustments, a share bonus, a referral, a top-up, a shift."""
    clock.set(at("2024-06-01T10:00:00"))
    cards = load_demo(app.ctx)
    cashier = login(app.ctx, "1001", "1357").id
    manager = login(app.ctx, "2001", "2468").id
    desk = login(app.ctx, "3001", "3579").id
    a, b, c = (find_by_card(app.ctx, n).member.id for n in cards)
    sell(app.ctx, cashier, a, [("A1001", 1)], [CASH])
    sell(app.ctx, cashier, b, [("B2001", 1)], [CASH])
    clock.set(at("2025-03-01T10:00:00"))
    rewards.adjust_points(app.ctx, a, 5000, "old card balance", manager)
    sell(app.ctx, cashier, b, [("C3001", 1)], [CASH])
    clock.set(at("2026-01-01T03:00:00"))  # before 04:00: the close of 31 December
    ctx = replace(app.ctx, random_below=scripted([0, 0]), read_uow=app.store.reader)
    maintenance.close_day(ctx, manager)  # the 2024 lots lapse with 2025's last day
    clock.set(at("2026-01-01T10:00:00"))
    _spin_twice(ctx, a, desk, manager)
    shift = shifts.open_shift(ctx, cashier, 50000).id
    paid = sell(ctx, cashier, a, [("A1001", 1)],
                [carts.TenderRequest(TenderKind.POINTS, points=1000), CASH], shift)
    rewards.redeem_gift(ctx, a, "GIFT-BAG", desk)
    rewards.redeem_voucher(ctx, a, 2000, desk)
    scarves = sell(ctx, cashier, c, [("F6001", 2)], [CASH], shift)
    returns.return_with_receipt(ctx, scarves.sale.receipt_no, {1: 1}, cashier, shift)
    returns.return_with_receipt(ctx, paid.sale.receipt_no, {1: 1}, cashier, shift)
    rewards.adjust_points(ctx, b, -50, "duplicate earning", manager)
    rewards.adjust_points(ctx, c, 100, "goodwill", manager)
    rewards.bonus_points(ctx, b, "share", desk)
    register(ctx, {"name": "赵六", "mobile": "13600136000", "privacy_accepted": True,
                   "referrer": "13800138000"}, desk)
    wallet.top_up(ctx, b, 100000, cashier, TenderKind.CASH)  # at the till: in the drawer
    shifts.close_shift(ctx, cashier, 158800)
    return Day(app, ctx, {"a": a, "b": b, "c": c}, cashier, manager, desk)


def _spin_twice(ctx: ServiceContext, member: str, desk: str, manager: str) -> None:
    draw = Draw("WHEEL", "新年大转盘", cost_points=10)
    draws.define_draw(ctx, draw, [
        Prize("WHEEL", "P100", "100积分", PrizeKind.POINTS, 1, points=100, allotted=1),
        Prize("WHEEL", "C50", "50元券", PrizeKind.COUPON, 1, coupon_template="checkin50",
              allotted=5),
        Prize("WHEEL", "THX", "谢谢参与", PrizeKind.THANKS, 8)], manager)
    first = draws.spin(ctx, member, "WHEEL", desk)  # free: roll 0 wins the 100 points
    second = draws.spin(ctx, member, "WHEEL", desk)  # 10 points; P100 is gone: C50
    assert (first.spin.free, first.spin.points_won) == (True, 100)
    assert (second.spin.free, second.spin.cost_points) == (False, 10)
    assert second.coupon is not None and second.spin.prize_code == "C50"


@pytest.fixture
def day(app: App, clock: FixedClock) -> Day:
    return build_day(app, clock)


def test_the_daily_points_report_adds_up_figure_by_figure(day: Day) -> None:
    report = report_services.daily_points_report(day.ctx, DAY)
    # A 1198 + 5000, B 598 + 518 at the end of 2025, less the 2024 lots 31 December's close
    # expired
    assert report.opening == 6198 + 1116 - 1796
    assert (report.earned_base, report.earned_multiplier) == (499 + 178, 499)  # A ×2 ladder
    assert report.bonus == (("draw", 100), ("referral", 20), ("share", 10))
    assert report.spent == (("cash", 1000), ("gifts", 300), ("vouchers", 2000), ("draws", 10))
    assert report.refunded == 1000  # the returned sale's points tender came back
    assert report.expired == 0  # on 31 December, with its close
    assert (report.adjusted_up, report.adjusted_down) == (100, 50)
    assert report.taken_back == 998 + 89
    assert (report.imported, report.other) == (0, 0)
    assert report.closing == 5518 + 1176 + 130 - 3310 + 1000 + 100 - 50 - 1087 == 3477
    assert report.adds_up()
    assert report.closing_cash_fen == 34770  # 100 points = ￥10, rounded down to the fen
    assert (report.members_served, report.sales, report.member_sales) == (2, 2, 2)
    assert [(e.points, e.name) for e in report.top_earners] == [
        (998 + 100 + 20, "张*"), (178, "王*"), (10, "李*")]
    assert report.top_earners[0].mobile == "138****8000"
    (cashier,) = [c for c in report.cashiers if c.staff_id == day.cashier]
    assert (cashier.sales, cashier.member_sales) == (2, 2)
    assert (cashier.issued, cashier.redeemed, cashier.taken_back) == (1176, 1000, 1087)
    (desk,) = [c for c in report.cashiers if c.staff_id == day.desk]  # draws, gifts, bonus
    assert (desk.sales, desk.issued, desk.redeemed, desk.taken_back) == (0, 130, 2310, 0)
    assert verify(day.app.store) == []


def test_the_closing_figure_is_the_sum_of_every_members_balance(day: Day) -> None:
    report = report_services.daily_points_report(day.ctx, DAY)
    with day.app.store.reader() as uow:
        referee = uow.members.by_mobile("13600136000")
        assert referee is not None
        balances = [uow.members.balances(m).points
                    for m in [*day.members.values(), referee.id]]
    assert sum(balances) == report.closing
    before = report_services.daily_points_report(day.ctx, date(2025, 12, 31))
    assert before.closing == report.opening and before.adds_up()


def test_the_z_report_of_the_day(day: Day) -> None:
    z = report_services.z_report(day.ctx, DAY)
    assert (z.sales, z.returns) == (2, 2)
    assert (z.gross_fen, z.sales_fen, z.returns_fen, z.net_fen) == (77700, 77700, -68800, 8900)
    assert z.discounts == () and z.coupons_fen == 0
    tenders = {t.kind: (t.sales_fen, t.refunds_fen, t.points) for t in z.tenders}
    assert tenders == {"cash": (49900 + 17800, -49900 - 8900, 0), "points": (10000, -10000, 0)}
    assert z.coupons_issued == (("draw", 1), ("points", 1), ("signup", 1),
                                ("spend_and_get", 1))
    assert (z.topups, z.topup_principal_fen, z.topup_bonus_fen) == (1, 100000, 5000)
    assert z.topups_by_tender == (("cash", 100000),)
    (shift,) = z.shifts
    assert (shift.float_fen, shift.expected_fen, shift.counted_fen) == (50000, 158900, 158800)
    assert (z.expected_cash_fen, z.counted_cash_fen, z.over_short_fen) == (158900, 158800, -100)
    assert z.open_shifts == 0


def test_discounts_by_kind_and_coupons_on_the_z_report(app: App, clock: FixedClock) -> None:
    cards = load_demo(app.ctx)
    cashier = login(app.ctx, "1001", "1357").id
    member = find_by_card(app.ctx, cards[0]).member
    coupon = member_coupons(app, member.id)[0]  # the ￥50 sign-up coupon
    cart = carts.start_sale(app.ctx, cashier)
    cart = replace(cart, member_id=member.id)
    cart = carts.add_item(app.ctx, cart, "A1001")
    line = cart.lines[-1]
    cart = carts.set_line_discount(cart, line.line_no, 2000)
    cart = carts.add_coupon(cart, coupon)
    cart = carts.add_tender(cart, CASH)
    checkout.complete(app.ctx, cart)
    z = report_services.z_report(app.ctx, app.ctx.today())
    assert z.discounts == (("manual", 2000),)
    assert (z.coupons_fen, z.coupons_redeemed) == (5000, 1)
    assert z.sales_fen == 59900 - 2000 - 5000
    assert z.open_shifts == 0 and z.shifts == ()


def member_coupons(app: App, member_id: str) -> list[str]:
    with app.store.reader() as uow:
        return [c.code for c in uow.coupons.for_member(member_id)]


def test_member_statement_lists_lots_purchases_wallet_and_coupons(day: Day) -> None:
    st = report_services.member_statement(day.ctx, day.members["a"], date(2026, 1, 1),
                                          date(2026, 1, 31))
    assert st.balances.points == sum(lot.remaining for lot in st.lots)
    assert st.lots[0].expires_on == date(2026, 12, 31)  # soonest first; 2024's have expired
    assert [s.total_fen for s in st.purchases] == [59900, -59900]
    assert st.spent_fen == 0
    assert {c.issued_reason for c in st.coupons} >= {"draw", "points", "signup"}
    assert st.balances.wallet_principal_fen == 100000  # the demo top-up of 2024
