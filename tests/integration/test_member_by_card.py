"""The swipe's reads: card → member with balances in one statement, then the panel's
extras in one more; the same panel as the multi-read path."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event

from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.errors import DomainError
from domain.ids import new_id_str
from domain.records import Card, CardState, Coupon, CouponState, MemberStatus, PointsLot
from domain.services.members import (
    find_by_card,
    member_by_card,
    member_view,
    with_panel_extras,
)

TODAY = date(2025, 5, 6)  # the local date of tests/conftest.py's clock
AT = datetime(2025, 5, 1, 2, 0, tzinfo=UTC)


def lot(member_id: str, expires_in: int | None, remaining: int) -> PointsLot:
    expires = None if expires_in is None else TODAY + timedelta(days=expires_in)
    return PointsLot(id=new_id_str(), member_id=member_id, earned_on=date(2024, 3, 1),
                     expires_on=expires, points=1000, remaining=remaining, source="bonus")


def coupon(code: str, member_id: str, valid_to: date, state: CouponState,
           issued_at: datetime) -> Coupon:
    return Coupon(code=code, template_code="T", kind="cash", amount_fen=1000, rate=None,
                  min_spend_fen=0, stackable=False, valid_from=date(2025, 1, 1),
                  valid_to=valid_to, state=state, issued_at=issued_at, member_id=member_id,
                  classes=("regular",))


@pytest.fixture
def card(app: App) -> Card:
    """The first demo member's card, with lots in and out of the warning window and
    coupons usable, expired and redeemed."""
    number = load_demo(app.ctx)[0]
    with app.ctx.uow() as uow:
        found = uow.cards.get(number)
        assert found is not None
        member_id = found.member_id
        uow.points.save_lots(member_id, [
            lot(member_id, 10, 120), lot(member_id, 10, 80),  # same day: summed
            lot(member_id, 60, 300),  # the window's last day
            lot(member_id, 61, 999), lot(member_id, None, 999),  # later, or never
            lot(member_id, 5, 0),  # spent
            lot(member_id, -1, 999),  # expired yesterday
        ])
        uow.coupons.add(coupon("C-LATE", member_id, date(2025, 6, 1), CouponState.ISSUED, AT))
        uow.coupons.add(coupon("C-EARLY", member_id, TODAY, CouponState.ISSUED,
                               AT - timedelta(days=3)))
        uow.coupons.add(coupon("C-OLD", member_id, TODAY - timedelta(days=1),
                               CouponState.ISSUED, AT))
        uow.coupons.add(coupon("C-USED", member_id, date(2025, 6, 1), CouponState.REDEEMED,
                               AT))
        uow.commit()
    return found


def test_the_panel_shows_points_expiring_soon_and_usable_coupons(app: App, card: Card) -> None:
    view = find_by_card(app.ctx, card.number)
    assert view.member.id == card.member_id and view.card == card
    assert view.expiring == ((TODAY + timedelta(days=10), 200), (TODAY + timedelta(days=60), 300))
    ours = [c for c in view.coupons if c.code.startswith("C-")]  # demo sign-up ones too
    assert [c.code for c in ours] == ["C-EARLY", "C-LATE"]  # issue order; no expired, used
    assert [c.issued_at for c in view.coupons] == sorted(c.issued_at for c in view.coupons)
    assert ours[0].classes == ("regular",) and ours[0].valid_to == TODAY


def test_it_shows_what_the_multi_read_path_shows(app: App, card: Card) -> None:
    full = find_by_card(app.ctx, card.number)
    assert full == member_view(app.ctx, card.member_id)
    first = member_by_card(app.ctx, card.number)  # identity and balances only
    assert (first.member, first.balances, first.card) == (full.member, full.balances, card)
    assert (first.expiring, first.coupons) == ((), ())
    assert with_panel_extras(app.ctx, first) == full


def test_each_read_is_one_select_without_begin(app: App, card: Card) -> None:
    assert statements_run(app, lambda: member_by_card(app.ctx, card.number)) == ["SELECT"]
    assert statements_run(app, lambda: find_by_card(app.ctx, card.number)) == ["SELECT"] * 2


def statements_run(app: App, call: Callable[[], object]) -> list[str]:
    """The first word of each statement `call` runs on the store's connections."""
    statements: list[str] = []

    def trace(dbapi: sqlite3.Connection, *_: Any) -> None:
        dbapi.set_trace_callback(statements.append)

    event.listen(app.store.engine, "checkout", trace)
    try:
        call()
    finally:
        event.remove(app.store.engine, "checkout", trace)
        # Pooled connections keep the callback: stop them appending to the list.
        with app.store.engine.connect() as conn:
            driver = conn.connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            driver.set_trace_callback(None)
    return [s.split(None, 1)[0].upper() for s in statements]


@pytest.mark.parametrize(("state", "code"), [
    (CardState.LOST, "card.lost"), (CardState.REPLACED, "card.replaced"),
    (CardState.CLOSED, "card.closed")])
def test_unusable_cards_are_refused(app: App, card: Card, state: CardState, code: str) -> None:
    with sqlite3.connect(app.store.path) as conn:
        other = conn.execute("SELECT number FROM cards WHERE number <> ?",
                             (card.number,)).fetchone()[0]
    with app.ctx.uow() as uow:
        uow.cards.save(replace(card, state=state,
                               replaced_by=other if state is CardState.REPLACED else None))
        uow.commit()
    with pytest.raises(DomainError) as err:
        member_by_card(app.ctx, card.number)
    assert err.value.code == code
    assert err.value.params["card_number"] == card.number


def test_an_unknown_card_and_a_frozen_member_are_refused(app: App, card: Card) -> None:
    with pytest.raises(DomainError) as err:
        member_by_card(app.ctx, "1301019999990")
    assert err.value.code == "card.unknown"
    with app.ctx.uow() as uow:
        member = uow.members.get(card.member_id)
        assert member is not None
        uow.members.save(replace(member, status=MemberStatus.FROZEN))
        uow.commit()
    with pytest.raises(DomainError) as err:
        member_by_card(app.ctx, card.number)
    assert err.value.code == "member.frozen"


def test_inside_a_unit_of_work_the_read_sees_its_own_writes(app: App, card: Card) -> None:
    with app.ctx.uow() as uow:
        uow.points.save_lots(card.member_id, [lot(card.member_id, 20, 45)])
        extras = uow.members.panel_extras(card.member_id, TODAY, TODAY + timedelta(days=60))
        assert (TODAY + timedelta(days=20)) in {x.expires_on for x in extras.lots}
        holder = uow.members.by_card(card.number)
        assert holder is not None and holder.balances is not None
        # Not committed: the swipe outside the work does not see the lot.
    view = find_by_card(app.ctx, card.number)
    assert all(day != TODAY + timedelta(days=20) for day, _ in view.expiring)
