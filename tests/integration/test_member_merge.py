"""Head office's member merge at the till (a pulled `member_alias`): every row naming the
member follows it, lucky-draw spins and held sales included, renamed or folded."""

from __future__ import annotations

import sqlite3
from zoneinfo import ZoneInfo

from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.luckydraw import Draw, Prize, PrizeKind
from domain.services import cart as carts
from domain.services import draws, held, rewards
from domain.services.members import find_by_card, register
from domain.services.staff import login
from sync.apply import Applier
from sync.schema import Change
from tests.staffing import desk

CANONICAL = "0190a1b2-0000-7000-8000-0000000000cc"
WHEEL = Draw("SPRING", "春季大转盘", cost_points=20)


def merge(app: App, alias: str, canonical: str) -> int:
    """Apply head office's "alias → canonical" change as a pull page would (sync/apply.py)."""
    settings, now = app.settings, app.ctx.clock.now()
    with app.store.uow() as uow:
        done = Applier(uow, 0, now, now.date(), ZoneInfo(settings.tz), app.ctx.pack,
                       settings.terminal_id).apply([Change(
                           entity="member_alias", id=alias, version=1,
                           data={"alias_id": alias, "canonical_id": canonical})])
        uow.commit()
    return done


def spun_and_held(app: App, member_id: str) -> str:
    """The member spins the wheel once and has a sale on hold; returns the held sale's id."""
    manager = login(app.ctx, "2001", "2468").id
    rewards.adjust_points(app.ctx, member_id, 100, "draw test", manager)
    draws.define_draw(app.ctx, WHEEL, [
        Prize("SPRING", "THX", "谢谢参与", PrizeKind.THANKS, 5)], manager)
    draws.spin(app.ctx, member_id, "SPRING", desk(app.ctx))
    cashier = login(app.ctx, "1001", "1357").id
    cart = carts.start_sale(app.ctx, cashier)
    cart.member_id = member_id
    carts.add_item(app.ctx, cart, "A1001")
    return held.hold(app.ctx, cart, cashier).id


def rows(app: App, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(app.store.path) as raw:
        return list(raw.execute(sql))


def test_a_renamed_member_keeps_their_spins_and_held_sale(app: App) -> None:
    load_demo(app.ctx)
    twin = register(app.ctx, {"name": "王五", "mobile": "13611115555",
                              "privacy_accepted": True}, desk(app.ctx)).member.id
    held_id = spun_and_held(app, twin)

    assert merge(app, twin, CANONICAL) == 1

    assert rows(app, "SELECT member_id FROM draw_spins") == [(CANONICAL,)]
    [waiting] = held.waiting(app.ctx)
    assert (waiting.id, waiting.member_id) == (held_id, CANONICAL)
    cashier = login(app.ctx, "1001", "1357").id
    assert held.recall(app.ctx, held_id, cashier, None).member_id == CANONICAL


def test_a_folded_member_s_spins_and_held_sale_join_the_member_they_merge_into(
        app: App) -> None:
    cards = load_demo(app.ctx)
    kept = find_by_card(app.ctx, cards[0]).member.id
    twin = register(app.ctx, {"name": "王五", "mobile": "13611115555",
                              "privacy_accepted": True}, desk(app.ctx)).member.id
    held_id = spun_and_held(app, twin)

    assert merge(app, twin, kept) == 1

    assert rows(app, "SELECT member_id FROM draw_spins") == [(kept,)]
    assert rows(app, f"SELECT count(*) FROM members WHERE id = '{twin}'") == [(0,)]
    [waiting] = held.waiting(app.ctx)
    assert (waiting.id, waiting.member_id) == (held_id, kept)
    cashier = login(app.ctx, "1001", "1357").id
    assert held.recall(app.ctx, held_id, cashier, None).member_id == kept
