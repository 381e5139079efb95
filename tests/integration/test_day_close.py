"""Day close closes the day: later sales and shifts go to the next business date, the closed
day's Z is frozen, a second close and a close with a shift open are refused by the service."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desktop.bootstrap import App, open_app
from desktop.demo_data import load_demo
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.progress import Cancelled
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout, maintenance, shifts
from domain.services import reports as report_services
from domain.services.checkout import Completed
from domain.services.staff import login

DAY = date(2026, 1, 1)
CASH = carts.TenderRequest(TenderKind.CASH)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text + "+08:00")


def cash_sale(app: App, cashier: str, shift: str, sku: str = "B2002") -> Completed:
    cart = carts.start_sale(app.ctx, cashier, shift)
    cart = carts.add_item(app.ctx, cart, sku)
    cart = carts.add_tender(cart, CASH)
    return checkout.complete(app.ctx, cart)


@pytest.fixture
def day(app: App, clock: FixedClock) -> tuple[str, str]:
    """Six cash sales of ￥99 on 1 January, the shift counted exactly."""
    load_demo(app.ctx)
    clock.set(at("2026-01-01T10:00:00"))
    cashier = login(app.ctx, "1001", "1357").id
    manager = login(app.ctx, "2001", "2468").id
    shift = shifts.open_shift(app.ctx, cashier, 50000).id
    for _ in range(6):
        cash_sale(app, cashier, shift)
    shifts.close_shift(app.ctx, cashier, 50000 + 6 * 9900)
    clock.set(at("2026-01-01T21:00:00"))
    return cashier, manager


def test_after_the_close_new_shifts_and_sales_belong_to_the_next_day(
        app: App, clock: FixedClock, day: tuple[str, str]) -> None:
    cashier, manager = day
    done = maintenance.close_day(app.ctx, manager)
    assert done.business_date == DAY and done.z is not None and done.z.sales == 6
    frozen = report_services.z_report(app.ctx, DAY)
    clock.advance(timedelta(minutes=20))  # a late customer, still before midnight
    shift = shifts.open_shift(app.ctx, cashier, 0)
    late = cash_sale(app, cashier, shift.id, "C3002")
    assert shift.business_date == late.sale.business_date == DAY + timedelta(days=1)
    shifts.close_shift(app.ctx, cashier, 19900)
    again = report_services.z_report(app.ctx, DAY)
    assert again == frozen and (again.sales, again.expected_cash_fen) == (6, 50000 + 59400)
    assert again.closed_at == at("2026-01-01T21:00:00")
    after = report_services.z_report(app.ctx, DAY + timedelta(days=1))
    assert (after.sales, after.expected_cash_fen, after.closed_at) == (1, 19900, None)


def test_a_second_close_is_refused_until_the_next_day_begins(
        app: App, clock: FixedClock, day: tuple[str, str]) -> None:
    _cashier, manager = day
    maintenance.close_day(app.ctx, manager)
    clock.set(at("2026-01-02T03:59:00"))  # still 1 January's trading night (close at 04:00)
    with pytest.raises(DomainError) as refused:
        maintenance.close_day(app.ctx, manager)
    assert refused.value.code == "day.already_closed"
    assert refused.value.params == {"day": "2026-01-01", "next_day": "2026-01-02"}
    clock.set(at("2026-01-02T22:00:00"))
    assert maintenance.close_day(app.ctx, manager).business_date == DAY + timedelta(days=1)


def test_the_service_refuses_while_any_shift_is_open(
        app: App, clock: FixedClock, day: tuple[str, str]) -> None:
    cashier, manager = day
    shift = shifts.open_shift(app.ctx, cashier, 0)
    with pytest.raises(DomainError) as refused:
        maintenance.close_day(app.ctx, manager)
    assert refused.value.code == "day.shift_open"
    assert refused.value.params["cashiers"].startswith("1001 ")
    assert app.ctx.today() == DAY and shift.business_date == DAY  # nothing was closed
    shifts.close_shift(app.ctx, cashier, 0)
    assert maintenance.close_day(app.ctx, manager).business_date == DAY


def test_a_till_opened_again_after_the_close_still_knows_the_day_is_closed(
        app: App, clock: FixedClock, day: tuple[str, str]) -> None:
    _cashier, manager = day
    maintenance.close_day(app.ctx, manager)
    path = app.store.path
    app.close()
    reopened = open_app(path, clock=clock)
    try:
        assert reopened.ctx.today() == DAY + timedelta(days=1)
        assert report_services.z_report(reopened.ctx, DAY).sales == 6
    finally:
        reopened.close()


def test_a_day_nobody_closed_is_closed_first_with_its_own_z(
        app: App, clock: FixedClock, day: tuple[str, str]) -> None:
    """1 January was never closed (the till was off at closing time); 2 January nobody traded;
    on 3 January two sales. The close of 3 January closes 1 January first, with its own Z,
    so no day's takings go unreported."""
    cashier, manager = day
    clock.set(at("2026-01-03T10:00:00"))
    shift = shifts.open_shift(app.ctx, cashier, 0).id
    for _ in range(2):
        cash_sale(app, cashier, shift)
    shifts.close_shift(app.ctx, cashier, 2 * 9900)
    clock.set(at("2026-01-03T21:00:00"))

    done = maintenance.close_day(app.ctx, manager)

    # The demo's members got their opening wallet top-ups on 6 May 2025, never closed either.
    assert done.business_date == date(2026, 1, 3)
    assert done.missed_days == (date(2025, 5, 6), DAY)
    assert done.z is not None and (done.z.sales, done.z.net_fen) == (2, 2 * 9900)
    missed = report_services.z_report(app.ctx, DAY)
    assert (missed.sales, missed.net_fen, missed.closed_at) == (6, 6 * 9900, clock.now())
    with app.store.reader() as uow:
        assert uow.days.get(date(2026, 1, 2)) is None  # no trade, no Z
        assert uow.days.closed_through() == date(2026, 1, 3)
        closes = [(e.target, e.details.get("late")) for e in uow.audit.entries()
                  if e.action == "day_closed"]
    assert closes == [("2025-05-06", True), ("2026-01-01", True), ("2026-01-03", None)]


def test_an_ordinary_night_closes_no_other_day(
        app: App, clock: FixedClock, day: tuple[str, str]) -> None:
    _cashier, manager = day
    maintenance.close_day(app.ctx, manager)
    clock.set(at("2026-01-02T21:00:00"))
    assert maintenance.close_day(app.ctx, manager).missed_days == ()


class StopOnceADayIsClosed:
    """A progress whose person presses Stop as soon as any day is closed."""

    def __init__(self, app: App) -> None:
        self.app = app

    def step(self, done: int, total: int | None, label: str = "") -> None:
        return None

    def cancelled(self) -> bool:
        with self.app.store.reader() as uow:
            return uow.days.closed_through() is not None


def test_days_nobody_closed_are_closed_a_few_to_a_transaction(
        app: App, clock: FixedClock, day: tuple[str, str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Five days traded and never closed (with the demo's 6 May 2025, six): closed two to a
    transaction, so a till off at closing time for years does not hold the write lock for
    all of them; a close stopped between two leaves those closed and the next goes on."""
    cashier, manager = day
    monkeypatch.setattr(maintenance, "MISSED_DAYS_PER_BATCH", 2)
    for n in range(2, 6):  # 2 to 5 January, one sale each, no close
        clock.set(at(f"2026-01-0{n}T10:00:00"))
        shift = shifts.open_shift(app.ctx, cashier, 0).id
        cash_sale(app, cashier, shift)
        shifts.close_shift(app.ctx, cashier, 9900)
    clock.set(at("2026-01-06T21:00:00"))
    with pytest.raises(Cancelled):
        maintenance.close_day(app.ctx, manager, StopOnceADayIsClosed(app))
    with app.store.reader() as uow:
        assert uow.days.closed_through() == DAY  # 6 May 2025 and 1 January, one transaction
        assert uow.days.get(date(2026, 1, 2)) is None
    done = maintenance.close_day(app.ctx, manager)
    assert done.business_date == date(2026, 1, 6) and done.z is not None and done.z.sales == 0
    assert done.missed_days == tuple(date(2026, 1, n) for n in range(2, 6))
    assert report_services.z_report(app.ctx, date(2026, 1, 3)).sales == 1
