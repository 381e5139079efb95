"""A cashier's discounts as a rate (9折) on a line and on the whole sale (整单折扣): priced by
the engine, within the cashier's limit at once, beyond it only with a manager's approval for
those very figures (checkout enforces it, whatever the screen did)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.errors import DomainError, ValidationError
from domain.pricing import parse_rate
from domain.records import AuditQuery, TenderKind
from domain.services import cart as carts
from domain.services import checkout, held, overrides
from domain.services.audit import page
from domain.services.staff import approve, login


@pytest.mark.parametrize(("text", "rate"), [
    ("9折", "0.9"), ("8.5折", "0.85"), ("85折", "0.85"), ("90%", "0.9"), (" 95 % ", "0.95"),
    ("７折", "0.7")])
def test_rates_as_a_cashier_types_them(text: str, rate: str) -> None:
    assert parse_rate(text.replace("７", "7")) == Decimal(rate)


@pytest.mark.parametrize("text", ["0折", "10折", "100%", "abc折"])
def test_rates_of_nothing_or_everything_are_refused(text: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_rate(text)
    assert err.value.code == "discount.rate_invalid"


def test_money_is_not_a_rate() -> None:
    assert parse_rate("20") is None and parse_rate("20.50") is None


def _cart(app: App) -> tuple[carts.Cart, str]:
    load_demo(app.ctx)
    cashier = login(app.ctx, "1001", "1357").id
    cart = carts.start_sale(app.ctx, cashier)
    cart = carts.add_item(app.ctx, cart, "A1001")  # 羊毛外套 ￥599
    cart = carts.add_item(app.ctx, cart, "F6001")  # 丝巾 ￥89
    return cart, cashier


def test_a_rate_on_a_line_and_on_the_sale_within_the_limit(app: App) -> None:
    cart, _ = _cart(app)
    cart = carts.set_line_discount(cart, 2, 0, Decimal("0.95"))  # 95折 on the scarf: ￥4.45 off
    cart = carts.set_ticket_discount(cart, 0, Decimal("0.95"))  # and 95折 on the whole sale
    q = checkout.quote(app.ctx, cart)
    assert [ln.manual_fen for ln in q.priced.lines] == [2995, 445 + 423]
    assert q.due_fen == 68800 - 445 - 3418
    assert not checkout.approval_needed(app.ctx, cart, q)  # 5.6 % off: within 10 %
    cart = replace(cart, tenders=(carts.TenderRequest(TenderKind.CASH),))
    done = checkout.complete(app.ctx, cart)
    assert done.sale.total_fen == 64937 and done.sale.approved_by is None


def test_a_whole_sale_discount_beyond_the_limit_needs_a_manager_for_those_figures(
        app: App) -> None:
    cart, cashier = _cart(app)
    cart = carts.set_ticket_discount(cart, 0, Decimal("0.8"))  # 8折: 20 % off, beyond 10 %
    cart = replace(cart, tenders=(carts.TenderRequest(TenderKind.CASH),))
    with pytest.raises(DomainError) as err:
        checkout.complete(app.ctx, cart)  # the screen asked nobody: the service refuses
    assert err.value.code == "sale.manager_required"
    approval = approve(app.ctx, "2001", "2468", "checkout.complete", cashier,
                       overrides.override_subject(cart))
    cart = carts.set_qty(cart, 2, 2)  # another scarf after the approval: other figures
    cart = replace(cart, approval=approval)
    with pytest.raises(DomainError):
        checkout.complete(app.ctx, cart)
    cart = carts.set_qty(cart, 2, 1)
    done = checkout.complete(app.ctx, cart)
    assert done.sale.total_fen == 55040
    manager = login(app.ctx, "2001", "2468").id
    entries = page(app.ctx, AuditQuery(action="override_discount")).entries
    assert [(e.details["discount_fen"], e.approved_by) for e in entries] == [
        (13760, manager)]


def test_a_held_sale_keeps_its_rates_and_its_whole_sale_discount(app: App) -> None:
    cart, cashier = _cart(app)
    cart = carts.set_line_discount(cart, 2, 0, Decimal("0.95"))
    cart = carts.set_ticket_discount(cart, 0, Decimal("0.95"))
    due = checkout.quote(app.ctx, cart).due_fen
    waiting = held.hold(app.ctx, cart, cashier)
    back = held.recall(app.ctx, waiting.id, cashier, None)
    assert back.ticket == cart.ticket and back.lines[1].manual_rate == Decimal("0.95")
    assert checkout.quote(app.ctx, back).due_fen == due
