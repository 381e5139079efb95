"""Checkout, returns and the till's other use cases against a real store database."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest

from db.verify import verify
from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.clock import FixedClock
from domain.errors import DomainError
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout, member_pin, overrides, returns
from domain.services.members import find_by_card
from domain.services.staff import approve, login


def demo(app: App) -> tuple[str, list[str]]:
    cards = load_demo(app.ctx)
    cashier = login(app.ctx, "1001", "1357")
    return cashier.id, cards


def outbox_types(app: App) -> list[str]:
    with sqlite3.connect(app.store.path) as raw:
        return [r[0] for r in raw.execute("SELECT type FROM outbox ORDER BY seq")]


def test_member_sale_commits_with_its_ledgers_and_outbox(app: App) -> None:
    cashier, cards = demo(app)
    view = find_by_card(app.ctx, cards[0])
    cart = carts.start_sale(app.ctx, cashier)
    cart = replace(cart, member_id=view.member.id, card_number=cards[0])
    cart = carts.add_item(app.ctx, cart, "6901234567892")  # 羊毛外套 by barcode, ¥599.00
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH, given_fen=60000))
    before = len(outbox_types(app))
    done = checkout.complete(app.ctx, cart)
    assert done.sale.receipt_no.endswith("-000001")
    assert done.sale.total_fen == 59900  # 普通会员: no discount
    assert done.sale.tenders[0].change_fen == 100
    assert done.points_balance == view.balances.points + done.sale.points_earned
    new = outbox_types(app)[before:]
    assert "sale.completed" in new and "points.entry" in new
    assert verify(app.store) == []


def test_unbalanced_sale_writes_nothing(app: App) -> None:
    cashier, _ = demo(app)
    cart = carts.start_sale(app.ctx, cashier)
    cart = carts.add_item(app.ctx, cart, "A1001")
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.BANK_CARD, amount_fen=100,
                                               reference="POS123"))
    before = outbox_types(app)
    with pytest.raises(DomainError) as err:
        checkout.complete(app.ctx, cart)
    assert err.value.code == "sale.unbalanced"
    assert err.value.params["remaining_fen"] == 59900 - 100
    assert outbox_types(app) == before
    cart = replace(cart, tenders=())
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    # The failed attempt used no receipt number: numbers stay gapless.
    assert checkout.complete(app.ctx, cart).sale.receipt_no.endswith("-000001")


def test_discount_beyond_the_cashiers_limit_needs_a_manager(app: App) -> None:
    cashier, _ = demo(app)
    cart = carts.start_sale(app.ctx, cashier)
    cart = carts.add_item(app.ctx, cart, "A1001")
    line = cart.lines[-1]
    cart = carts.set_line_discount(cart, line.line_no, 20000)  # a third off
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    with pytest.raises(DomainError) as err:
        checkout.complete(app.ctx, cart)
    assert err.value.code == "sale.manager_required"
    manager = login(app.ctx, "2001", "2468")
    cart = replace(cart, approval=approve(app.ctx, "2001", "2468", "checkout.complete", cashier,
                            overrides.override_subject(cart)))
    done = checkout.complete(app.ctx, cart)
    assert done.sale.total_fen == 39900
    assert done.sale.approved_by == manager.id


def test_wallet_payment_above_the_limit_needs_the_pin(app: App) -> None:
    cashier, cards = demo(app)  # the first demo member has ¥1,000 + ¥50 bonus
    member = find_by_card(app.ctx, cards[0]).member
    cart = carts.start_sale(app.ctx, cashier)
    cart = replace(cart, member_id=member.id, card_number=cards[0])
    cart = carts.add_item(app.ctx, cart, "A1001")
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.WALLET))
    with pytest.raises(DomainError) as err:
        checkout.complete(app.ctx, cart)
    assert err.value.code == "wallet.pin_required"
    proof = member_pin.prove(app.ctx, member.id, "138000", cashier, sale_id=cart.id,
                             amount_fen=59900)  # no PIN of their own: the mobile's last six
    cart = replace(cart, tenders=(carts.TenderRequest(TenderKind.WALLET, pin_proof=proof.token),))
    done = checkout.complete(app.ctx, cart)
    wallet = done.sale.tenders[0]
    assert wallet.wallet_principal_fen + wallet.wallet_bonus_fen == 59900
    assert verify(app.store) == []


def test_partial_returns_close_exactly_on_the_last_unit(
        make_app: Callable[[str], App], clock: FixedClock) -> None:
    app = make_app("fashion")
    cashier, cards = demo(app)
    cart = carts.start_sale(app.ctx, cashier)
    cart = replace(cart, member_id=find_by_card(app.ctx, cards[1]).member.id)
    cart = carts.add_item(app.ctx, cart, "F6001", qty=3)  # 3 × ¥89.00
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    sale = checkout.complete(app.ctx, cart).sale
    clock.advance(timedelta(hours=1))
    first = returns.return_with_receipt(app.ctx, sale.receipt_no, {1: 1}, cashier)
    second = returns.return_with_receipt(app.ctx, sale.receipt_no, {1: 2}, cashier)
    assert first.sale.total_fen + second.sale.total_fen == -sale.total_fen
    assert first.points_taken_back + second.points_taken_back == sale.points_earned
    with pytest.raises(DomainError) as err:
        returns.return_with_receipt(app.ctx, sale.receipt_no, {1: 1}, cashier)
    assert err.value.code == "return.qty_too_large"
    assert verify(app.store) == []
