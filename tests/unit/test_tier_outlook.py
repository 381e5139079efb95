"""Coming tier anniversaries and their predicted outcome, on a real store database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.clock import FixedClock
from domain.errors import ValidationError
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout, maintenance, tier_outlook
from domain.services.members import find_by_card, register
from domain.services.staff import login
from tests.staffing import desk, manager


def at(text: str) -> datetime:
    return datetime.fromisoformat(text + "T10:00:00+08:00")


def buy(app: App, cashier: str, member: str, sku: str, qty: int) -> None:
    cart = carts.start_sale(app.ctx, cashier)
    cart = replace(cart, member_id=member)
    cart = carts.add_item(app.ctx, cart, sku, qty=qty)
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    checkout.complete(app.ctx, cart)


@pytest.fixture
def members(app: App, clock: FixedClock) -> dict[str, str]:
    """On 2024-06-10: 张三 reaches 银卡 with ￥2,697 (retention ￥3,000), 李四 银卡 with
    ￥3,596, 王五 金卡 with ￥4,495 (retention ￥5,000, enough for 银卡's ￥3,000)."""
    clock.set(at("2024-06-10"))
    cards = load_demo(app.ctx)
    cashier = login(app.ctx, "1001", "1357").id
    ids = {name: find_by_card(app.ctx, card).member.id
           for name, card in zip(("zhang", "li", "wang"), cards, strict=True)}
    for name, qty in (("zhang", 3), ("li", 4), ("wang", 5)):
        buy(app, cashier, ids[name], "A1002", qty)  # 羽绒服 ￥899.00 each, no discount yet
    return ids


def test_a_member_below_the_retention_figure_is_predicted_to_drop(
        app: App, clock: FixedClock, members: dict[str, str]) -> None:
    clock.set(at("2025-05-20"))
    found = {o.member_id: o for o in tier_outlook.upcoming(app.ctx, 30)}
    zhang = found[members["zhang"]]
    assert (zhang.tier, zhang.anniversary, zhang.year_start) == (
        "银卡", date(2025, 6, 10), date(2024, 6, 10))
    assert (zhang.spend_fen, zhang.retain_spend_fen) == (269700, 300000)
    assert zhang.predicted == "普通会员" and not zhang.keeps
    assert zhang.spend_short_fen == 30300
    assert zhang.mobile == "138****8000"


def test_enough_spend_keeps_the_tier_and_a_higher_tier_can_drop_several_levels_or_one(
        app: App, clock: FixedClock, members: dict[str, str]) -> None:
    clock.set(at("2025-05-20"))
    found = {o.member_id: o for o in tier_outlook.upcoming(app.ctx, 30)}
    li, wang = found[members["li"]], found[members["wang"]]
    assert li.keeps and li.predicted == "银卡" and li.spend_short_fen == 0
    assert (wang.tier, wang.predicted, wang.spend_short_fen) == ("金卡", "银卡", 50500)


def test_the_window_decides_who_is_listed_and_an_overdue_review_is_listed_too(
        app: App, clock: FixedClock, members: dict[str, str]) -> None:
    clock.set(at("2025-05-20"))
    assert tier_outlook.upcoming(app.ctx, 21) == []  # 2025-06-10 is the 22nd day
    assert len(tier_outlook.upcoming(app.ctx, 22)) == 3
    clock.set(at("2025-07-01"))  # nobody closed the day since the anniversary
    assert len(tier_outlook.upcoming(app.ctx, 1)) == 3


def test_the_prediction_matches_what_the_day_close_then_does(
        app: App, clock: FixedClock, members: dict[str, str]) -> None:
    clock.set(at("2025-06-10"))
    predicted = {o.member_id: o.predicted for o in tier_outlook.upcoming(app.ctx, 1)}
    done = maintenance.close_day(app.ctx, manager(app.ctx))
    assert {c.member_id: c.to_tier for c in done.tier_changes} == predicted
    assert tier_outlook.upcoming(app.ctx, 300) == []  # the next anniversaries are a year on
    history = tier_outlook.history(app.ctx, members["wang"])
    assert [(c.from_tier, c.to_tier, c.reason) for c in history][-2:] == [
        ("普通会员", "金卡", "upgrade"), ("金卡", "银卡", "downgrade")]


def test_counts_per_tier_keep_every_tier_of_the_pack(
        app: App, clock: FixedClock, members: dict[str, str]) -> None:
    register(app.ctx, {"name": "赵六", "mobile": "13600136000", "privacy_accepted": True},
             desk(app.ctx))
    assert tier_outlook.tier_counts(app.ctx) == [
        ("普通会员", 1), ("银卡", 2), ("金卡", 1), ("钻石卡", 0)]


def test_a_window_of_no_days_is_refused(app: App) -> None:
    with pytest.raises(ValidationError) as err:
        tier_outlook.upcoming(app.ctx, 0)
    assert err.value.params["field"] == "days"
