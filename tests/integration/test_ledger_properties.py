"""Hypothesis properties of the ledgers, through the services, on a real store database."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.verify import verify
from desktop.bootstrap import App
from desktop.demo_data import CATALOG, load_demo
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout, returns, rewards, wallet
from domain.services.members import member_view, register, shown
from domain.services.staff import login

SKUS = [p.sku for p in CATALOG]
FIXTURES_OK = settings(max_examples=25, deadline=None,
                       suppress_health_check=[HealthCheck.function_scoped_fixture])

basket = st.lists(st.tuples(st.sampled_from(SKUS), st.integers(1, 3)), min_size=1, max_size=5)
tender_plan = st.tuples(st.sampled_from([0, 100, 500]),  # points to spend
                        st.sampled_from([0, 5000, 20000]))  # wallet amount


class Till:
    """A demo store with a fresh member per example, so examples do not interfere."""

    def __init__(self, app: App, clock: FixedClock) -> None:
        self.app, self.clock = app, clock
        load_demo(app.ctx)
        self.cashier = login(app.ctx, "1001", "1357").id
        self.manager = login(app.ctx, "2001", "2468").id
        self.desk = login(app.ctx, "3001", "3579").id
        self.count = 0

    def new_member(self, points: int, wallet_fen: int) -> str:
        self.count += 1
        member = register(self.app.ctx, {"name": "测试", "mobile": f"1590000{self.count:04d}",
                                         "privacy_accepted": True}, self.desk).member
        if points:
            rewards.adjust_points(self.app.ctx, member.id, points, "opening", self.manager)
        if wallet_fen:
            wallet.top_up(self.app.ctx, member.id, wallet_fen, self.cashier, TenderKind.MOBILE,
                          "WX-1")
        return member.id

    def sell(self, member_id: str, items: list[tuple[str, int]], points: int,
             wallet_fen: int) -> checkout.Completed:
        self.clock.advance(timedelta(minutes=7))
        cart = carts.start_sale(self.app.ctx, self.cashier)
        swiped = shown(self.app.ctx, member_view(self.app.ctx, member_id), "swipe").shown
        cart = replace(cart, member_id=member_id, shown=swiped)
        for sku, qty in items:
            cart = carts.add_item(self.app.ctx, cart, sku, qty)
        due = checkout.quote(self.app.ctx, cart).due_fen
        if points and points * 10 <= due:
            cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.POINTS, points=points))
            due -= points * 10
        if wallet_fen and wallet_fen <= due:
            # At most ¥200: under the pack's PIN threshold, so no PIN is asked.
            cart = carts.add_tender(cart,
                                    carts.TenderRequest(TenderKind.WALLET, amount_fen=wallet_fen))
        cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
        return checkout.complete(self.app.ctx, cart)

    def state(self, member_id: str) -> tuple[int, int, int, int]:
        view = member_view(self.app.ctx, member_id)
        b = view.balances
        with self.app.ctx.uow() as uow:
            spend = sum(s.qualifying_fen for s in uow.sales.member_sales(
                member_id, self.clock.now().date() - timedelta(days=400),
                self.clock.now().date() + timedelta(days=1)))
        return b.points, b.wallet_principal_fen, b.wallet_bonus_fen, spend


@pytest.fixture
def till(app: App, clock: FixedClock) -> Till:
    """One demo store per test function, shared by all its Hypothesis examples."""
    return Till(app, clock)


@FIXTURES_OK
@given(items=basket, plan=tender_plan)
def test_sale_then_full_return_changes_nothing(till: Till, items: list[tuple[str, int]],
                                                plan: tuple[int, int]) -> None:
    app = till.app
    member = till.new_member(points=1000, wallet_fen=100000)
    before = till.state(member)
    sale = till.sell(member, items, *plan).sale
    till.clock.advance(timedelta(hours=1))
    returns.return_with_receipt(app.ctx, sale.receipt_no,
                                {ln.line_no: ln.qty for ln in sale.lines}, till.cashier)
    assert till.state(member) == before


operation = st.one_of(
    st.tuples(st.just("sale"), basket, tender_plan),
    st.tuples(st.just("return_last"), st.none(), st.none()),
    st.tuples(st.just("bonus"), st.none(), st.none()),
    st.tuples(st.just("adjust"), st.integers(-300, 300).filter(bool), st.none()),
)


@FIXTURES_OK
@given(ops=st.lists(operation, min_size=1, max_size=8))
def test_every_balance_equals_its_ledger(till: Till,
                                         ops: list[tuple[str, object, object]]) -> None:
    app, clock = till.app, till.clock
    member = till.new_member(points=500, wallet_fen=100000)
    receipts: list[checkout.Completed] = []
    for kind, arg, plan in ops:
        try:
            if kind == "sale":
                receipts.append(till.sell(member, arg, *plan))  # type: ignore[arg-type, misc]
            elif kind == "return_last" and receipts:
                sale = receipts.pop().sale
                returns.return_with_receipt(app.ctx, sale.receipt_no,
                                            {ln.line_no: ln.qty for ln in sale.lines},
                                            till.cashier)
            elif kind == "bonus":
                rewards.bonus_points(app.ctx, member, "share", till.desk)
            elif kind == "adjust":
                rewards.adjust_points(app.ctx, member, arg, "test",  # type: ignore[arg-type]
                                      till.manager)
        except DomainError as err:  # refusals are fine; they must change nothing
            assert err.code.split(".")[0] in {"points", "wallet", "tender", "sale"}
        clock.advance(timedelta(minutes=3))
    assert verify(app.store) == []
