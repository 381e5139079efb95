"""Points a sale spent and its return gives back go back to the lots they came from, with their
own expiry (DOMAIN §7, issue 11 item 2); a lot past its last day stays expired, and the daily
points report shows them expired that day."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import text

from db.verify import verify
from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.clock import FixedClock
from domain.records import Sale, TenderKind
from domain.services import cart as carts
from domain.services import checkout, reports, returns
from domain.services.ledger import Posting, credit_points
from domain.services.members import find_by_mobile
from domain.services.staff import login


def at(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T10:00:00+08:00")


@pytest.fixture
def cashier(app: App) -> str:
    load_demo(app.ctx)
    return login(app.ctx, "1001", "1357").id


@pytest.fixture
def member(app: App, cashier: str, clock: FixedClock) -> str:
    """王五 with 700 points earned on 1 March 2024 and 1,000 on 1 June 2025."""
    found = find_by_mobile(app.ctx, "13700137000").member.id
    for day, points in (("2024-03-01", 700), ("2025-06-01", 1000)):
        clock.set(at(day))
        with app.ctx.uow() as uow:
            credit_points(app.ctx, uow, Posting(found, "adjust", reason="opening"), points)
            uow.commit()
    return found


def pay_with_points(app: App, cashier: str, member: str, points: int) -> Sale:
    cart = carts.start_sale(app.ctx, cashier)
    cart = replace(cart, member_id=member)
    cart = carts.add_item(app.ctx, cart, "A1001")  # ¥599.00
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.POINTS, points=points))
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    return checkout.complete(app.ctx, cart).sale


def lots(app: App, member: str) -> dict[date | None, int]:
    with app.ctx.reader() as uow:
        held: dict[date | None, int] = {}
        for lot in uow.points.lots(member):
            if lot.remaining:
                held[lot.expires_on] = held.get(lot.expires_on, 0) + lot.remaining
    return held


def test_points_from_a_dead_lot_expire_again_the_day_they_come_back(
        app: App, cashier: str, member: str, clock: FixedClock) -> None:
    clock.set(at("2025-12-20"))
    sale = pay_with_points(app, cashier, member, 700)  # the 2024 lot, last valid 2025-12-31
    clock.set(at("2026-01-05"))
    done = returns.return_with_receipt(app.ctx, sale.receipt_no, {1: 1}, cashier)
    assert done.points_balance == 1000  # not 1,700 with 700 valid until 2027-12-31
    assert lots(app, member) == {date(2026, 12, 31): 1000}
    with app.ctx.reader() as uow:
        [refund] = [e for e in uow.points.entries(member) if e.kind == "refund"]
    assert (refund.points, refund.last_day) == (700, date(2025, 12, 31))
    report = reports.daily_points_report(app.ctx, date(2026, 1, 5))
    assert (report.refunded, report.expired) == (700, 700)
    assert report.adds_up()
    assert verify(app.store) == []


def test_points_from_two_lots_go_back_to_each(app: App, cashier: str, member: str,
                                                     clock: FixedClock) -> None:
    clock.set(at("2025-07-01"))
    sale = pay_with_points(app, cashier, member, 1200)  # 700 of 2024 + 500 of 2025: ¥120
    assert lots(app, member)[date(2026, 12, 31)] == 500 + sale.points_earned
    clock.set(at("2025-07-02"))
    done = returns.return_with_receipt(app.ctx, sale.receipt_no, {1: 1}, cashier)
    points_back = next(-t.points for t in done.sale.tenders if t.kind is TenderKind.POINTS)
    assert points_back == 1200
    assert lots(app, member) == {date(2025, 12, 31): 700, date(2026, 12, 31): 1000}
    assert verify(app.store) == []


def test_a_sale_without_recorded_draws_refunds_as_of_its_own_date(
        app: App, cashier: str, member: str, clock: FixedClock) -> None:
    clock.set(at("2025-07-01"))
    sale = pay_with_points(app, cashier, member, 700)
    with app.store.engine.begin() as conn:  # as a sale rung up before draws were kept
        conn.execute(text("DELETE FROM points_draws"))
    clock.set(at("2026-01-05"))
    returns.return_with_receipt(app.ctx, sale.receipt_no, {1: 1}, cashier)
    # Points spent on 1 July 2025 can have lived no longer than points earned that day.
    assert lots(app, member) == {date(2026, 12, 31): 1000 + 700}
    assert verify(app.store) == []
