"""The lucky draw on a real store database: the daily free spin, the cost, the store's stock."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from db.verify import verify
from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.luckydraw import Draw, Prize, PrizeKind
from domain.services import draws, rewards
from domain.services.members import find_by_card
from domain.services.staff import login
from tests.staffing import desk
from tests.staffing import manager as manager_of

WHEEL = Draw("SPRING", "春季大转盘", cost_points=20)


def prizes(bag_stock: int = 2) -> list[Prize]:
    return [Prize("SPRING", "BAG", "帆布包", PrizeKind.GIFT, 90, allotted=bag_stock),
            Prize("SPRING", "P50", "50积分", PrizeKind.POINTS, 5, points=50, allotted=10),
            Prize("SPRING", "THX", "谢谢参与", PrizeKind.THANKS, 5)]


@pytest.fixture
def member(app: App) -> str:
    cards = load_demo(app.ctx)
    member_id = find_by_card(app.ctx, cards[0]).member.id
    manager = login(app.ctx, "2001", "2468").id
    rewards.adjust_points(app.ctx, member_id, 100, "draw test", manager)
    draws.define_draw(app.ctx, WHEEL, prizes(), manager)
    return member_id


def spins_recorded(app: App) -> list[tuple[int, int, str]]:
    with sqlite3.connect(app.store.path) as raw:
        return list(raw.execute("SELECT free, cost_points, prize_code FROM draw_spins "
                                "ORDER BY at, id"))


def test_the_free_spin_is_used_once_a_day_then_spins_cost_points(
        app: App, member: str, clock: FixedClock) -> None:
    ctx = replace(app.ctx, random_below=lambda n: n - 1)  # the last segment: thanks
    first = draws.spin(ctx, member, "SPRING", desk(app.ctx))
    second = draws.spin(ctx, member, "SPRING", desk(app.ctx))
    assert (first.spin.free, first.points_balance, first.free_left) == (True, 100, 0)
    assert (second.spin.free, second.spin.cost_points, second.points_balance) == (False, 20, 80)
    assert draws.offer(ctx, member, "SPRING").cost_points == 20
    clock.advance(timedelta(days=1))
    assert draws.offer(ctx, member, "SPRING").free_left == 1
    third = draws.spin(ctx, member, "SPRING", desk(app.ctx))
    assert (third.spin.free, third.points_balance) == (True, 80)
    assert spins_recorded(app) == [(1, 0, "THX"), (0, 20, "THX"), (1, 0, "THX")]
    assert verify(app.store) == []


def test_a_prize_is_never_given_beyond_the_stock_allotted_to_the_store(
        app: App, member: str) -> None:
    for _ in range(5):  # the real random source: the bag holds 90 % of the wheel
        draws.spin(app.ctx, member, "SPRING", desk(app.ctx))
    with app.store.reader() as uow:
        given = {p.code: (p.given, p.allotted) for p in uow.draws.prizes("SPRING")}
    assert given["BAG"][0] <= 2
    won = [code for _, _, code in spins_recorded(app)]
    assert won.count("BAG") == given["BAG"][0] and won.count("P50") == given["P50"][0]
    rolls = [0] * 3  # roll 0 is the bag's segment while it has stock
    ctx = replace(app.ctx, random_below=lambda n: rolls.pop())
    with app.store.reader() as uow:
        left = next(p for p in uow.draws.prizes("SPRING") if p.code == "BAG").remaining
    results = []
    for _ in range(3):
        rewards.bonus_points(app.ctx, member, "share", desk(app.ctx), points=20)
        results.append(draws.spin(ctx, member, "SPRING", desk(app.ctx)).prize)
    assert [r.code if r else None for r in results] == ["BAG"] * (left or 0) + [
        "P50"] * (3 - (left or 0))  # with the bag gone, roll 0 lands on the next prize
    assert verify(app.store) == []


def test_a_spin_without_enough_points_writes_nothing(app: App, member: str) -> None:
    ctx = replace(app.ctx, random_below=lambda n: n - 1)
    draws.spin(ctx, member, "SPRING", desk(app.ctx))  # the free one
    manager = login(app.ctx, "2001", "2468").id
    rewards.adjust_points(app.ctx, member, -90, "draw test", manager)
    with pytest.raises(DomainError) as err:
        draws.spin(ctx, member, "SPRING", desk(app.ctx))
    assert err.value.code == "points.insufficient"
    assert len(spins_recorded(app)) == 1


def test_head_office_resending_a_draw_keeps_what_was_given(app: App, member: str) -> None:
    ctx = replace(app.ctx, random_below=lambda n: 0)
    draws.spin(ctx, member, "SPRING", desk(app.ctx))
    draws.define_draw(app.ctx, WHEEL, prizes(bag_stock=3), manager_of(app.ctx))
    bag = draws.allot_stock(app.ctx, "SPRING", "BAG", 2, manager_of(app.ctx))
    assert (bag.allotted, bag.given, bag.remaining) == (5, 1, 4)
    with pytest.raises(DomainError) as err:
        draws.allot_stock(app.ctx, "SPRING", "BAG", -5, manager_of(app.ctx))
    assert err.value.code == "draw.stock_below_given"


def test_the_database_itself_refuses_giving_beyond_the_allotment(app: App, member: str) -> None:
    with app.store.uow() as uow, pytest.raises(IntegrityError):
        bag = next(p for p in uow.draws.prizes("SPRING") if p.code == "BAG")
        uow.draws.save_prize(replace(bag, given=3))


def test_a_closed_or_unknown_draw_is_refused(app: App, member: str) -> None:
    draws.define_draw(app.ctx, replace(WHEEL, active=False), prizes(), manager_of(app.ctx))
    for code, expected in (("SPRING", "draw.closed"), ("NOPE", "draw.unknown")):
        with pytest.raises(DomainError) as err:
            draws.spin(app.ctx, member, code, desk(app.ctx))
        assert err.value.code == expected


def test_a_store_from_before_the_draws_upgrades_in_place(tmp_path: Path) -> None:
    from db.engine import make_engine
    from db.migrate import current, head, upgrade
    from db.store import StoreDb

    path = tmp_path / "old.db"
    engine = make_engine(path)
    upgrade(engine, "0003")
    engine.dispose()
    store = StoreDb.open(path, create=False)
    try:
        assert current(store.engine) == head()
        with store.uow() as uow:
            uow.draws.save(WHEEL)
            for prize in prizes():
                uow.draws.save_prize(prize)
            uow.commit()
        with store.reader() as uow:
            assert [p.code for p in uow.draws.prizes("SPRING")] == ["BAG", "P50", "THX"]
            assert uow.draws.get("SPRING") == WHEEL
    finally:
        store.close()
