"""A return without a receipt never refunds more than was paid (DOMAIN §6, issue 11 item 4):
at most the lowest price the member (a walk-in: anyone) paid in the pack's window, or what the
manager typed where no sale priced it — approved for those figures, recorded in the audit."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from db.verify import verify
from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.records import AuditEntry, AuditQuery, TenderKind
from domain.services import cart as carts
from domain.services import checkout, maintenance, returns
from domain.services.audit import page
from domain.services.guard import Refused
from domain.services.members import find_by_mobile
from domain.services.staff import approve, login

SCARF = "F6001"  # ¥89.00, regular


def silver(app: App) -> str:
    """王五 of the demo store, made 银卡 (8.5折) by hand."""
    member = find_by_mobile(app.ctx, "13700137000").member
    with app.ctx.uow() as uow:
        maintenance.change_tier(app.ctx, uow, member, "银卡", "manual", app.ctx.today())
        uow.commit()
    return member.id


def audited(app: App) -> list[AuditEntry]:
    return page(app.ctx, AuditQuery(action="return_without_receipt"), 0, 50).entries


def sell(app: App, cashier: str, member_id: str | None, sku: str = SCARF) -> int:
    cart = carts.start_sale(app.ctx, cashier)
    cart = replace(cart, member_id=member_id)
    cart = carts.add_item(app.ctx, cart, sku)
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    return checkout.complete(app.ctx, cart).sale.total_fen


def give_back(app: App, cashier: str, member_id: str | None,
              typed: dict[str, int] | None = None) -> returns.Returned:
    items = [(SCARF, 1)]
    approval = approve(app.ctx, "2001", "2468", "returns.return_without_receipt", cashier,
                       returns.no_receipt_subject(items, member_id, typed))
    return returns.return_without_receipt(app.ctx, items, cashier, approval, member_id,
                                          typed=typed)


@pytest.fixture
def cashier(app: App) -> str:
    load_demo(app.ctx)
    return login(app.ctx, "1001", "1357").id


def test_member_gets_back_what_they_paid_not_the_list_price(app: App, cashier: str,
                                                            clock: FixedClock) -> None:
    member = silver(app)
    assert sell(app, cashier, member) == 7565  # ¥89.00 × 8.5折, 75 points
    clock.advance(timedelta(days=3))
    [offer] = returns.no_receipt_offer(app.ctx, [(SCARF, 1)], member)
    assert (offer.paid_unit_fen, offer.unit_fen) == (7565, 7565)
    done = give_back(app, cashier, member)
    assert done.sale.total_fen == -7565  # issue 11: ¥89.00 came back before
    # The pack refunds a member to stored value, as principal.
    assert [(t.kind, t.amount_fen, t.wallet_principal_fen) for t in done.sale.tenders] == [
        (TenderKind.WALLET, -7565, -7565)]
    with app.ctx.reader() as uow:
        balances = uow.members.balances(member)
    assert (balances.wallet_principal_fen, balances.wallet_bonus_fen) == (7565, 0)
    assert (done.points_taken_back, done.points_balance) == (75, 0)  # not −14
    assert verify(app.store) == []


def test_walk_in_gets_the_lowest_price_anyone_paid(app: App, cashier: str,
                                                   clock: FixedClock) -> None:
    member = silver(app)
    sell(app, cashier, None)  # ¥89.00
    sell(app, cashier, member)  # ¥75.65
    clock.advance(timedelta(days=1))
    done = give_back(app, cashier, None)
    assert [(t.kind, t.amount_fen) for t in done.sale.tenders] == [(TenderKind.CASH, -7565)]
    [entry] = audited(app)
    [line] = entry.details["lines"]
    assert (line["unit_fen"], line["basis"], line["list_unit_fen"]) == (7565, "paid", 8900)


def test_only_the_members_own_sales_and_the_window_count(app: App, cashier: str,
                                                         clock: FixedClock) -> None:
    member = silver(app)
    sell(app, cashier, None)  # someone else's sale does not price the member's return
    with pytest.raises(DomainError) as err:
        give_back(app, cashier, member)
    assert err.value.code == "return.amount_required"
    sell(app, cashier, member)
    clock.advance(timedelta(days=90))  # the 90th day after the sale: still in the window
    assert returns.no_receipt_offer(app.ctx, [(SCARF, 1)], member)[0].unit_fen == 7565
    clock.advance(timedelta(days=1))
    assert returns.no_receipt_offer(app.ctx, [(SCARF, 1)], member)[0].unit_fen is None


def test_with_no_sale_the_manager_types_the_amount_and_the_audit_keeps_it(
        app: App, cashier: str) -> None:
    member = silver(app)
    for typed, code in ((9000, "return.amount_invalid"), (0, "return.amount_invalid")):
        with pytest.raises(DomainError) as err:
            give_back(app, cashier, member, {SCARF: typed})
        assert err.value.code == code
    done = give_back(app, cashier, member, {SCARF: 6000})
    assert done.sale.total_fen == -6000
    [entry] = audited(app)
    manager = login(app.ctx, "2001", "2468")
    assert entry.approved_by == manager.id
    assert entry.details["lines"][0]["basis"] == "typed"
    assert entry.details["lines"][0]["unit_fen"] == 6000


def test_typed_amount_never_above_the_price_paid(app: App, cashier: str) -> None:
    member = silver(app)
    sell(app, cashier, member)
    with pytest.raises(DomainError) as err:
        give_back(app, cashier, member, {SCARF: 8000})
    assert err.value.code == "return.above_paid"
    assert give_back(app, cashier, member, {SCARF: 5000}).sale.total_fen == -5000  # less: yes


def test_the_approval_is_for_the_figures(app: App, cashier: str) -> None:
    member = silver(app)
    approval = approve(app.ctx, "2001", "2468", "returns.return_without_receipt", cashier,
                       returns.no_receipt_subject([(SCARF, 1)], member, {SCARF: 1000}))
    with pytest.raises(Refused) as err:  # the cashier changes the typed amount afterwards
        returns.return_without_receipt(app.ctx, [(SCARF, 1)], cashier, approval, member,
                                       typed={SCARF: 8000})
    assert err.value.code == "approval.other_subject"
