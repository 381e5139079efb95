"""A scale label prices only a weighed product; any other price on a line is an override that a
manager approves and the audit trail records (it sold a ¥599 coat for ¥0.01 before)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.catalog import Product
from domain.errors import DomainError
from domain.pricework import CartLine
from domain.records import AuditQuery, TenderKind
from domain.services import cart as carts
from domain.services import checkout, overrides
from domain.services.audit import page
from domain.services.cart import Cart
from domain.services.setup import add_products
from domain.services.staff import approve, login
from hardware.barcodes import gtin_check_digit
from hardware.scan_codes import CodeKind, interpret

CANDY = Product("00123", "散装糖果", 4980, is_weighed=True)  # ¥49.80 a kilogram
COAT = Product("00456", "羊绒大衣", 259900)  # sold by the piece


def label(plu: str, price_fen: int) -> str:
    """A price-embedded scale label `20 PPPPP AAAAA C`, as the scale prints it."""
    digits = f"20{plu}{price_fen:05d}"
    return digits + str(gtin_check_digit(digits))


@pytest.fixture
def cart(app: App) -> Cart:
    load_demo(app.ctx)
    add_products(app.ctx, [CANDY, COAT])
    return carts.start_sale(app.ctx, login(app.ctx, "1001", "1357").id)


def audited(app: App, action: str) -> list[dict[str, object]]:
    found = page(app.ctx, AuditQuery(action=action), 0, 50).entries
    return [{"target": e.target, "approved_by": e.approved_by, **e.details} for e in found]


def test_a_label_for_a_product_that_is_not_weighed_is_refused(app: App, cart: Cart) -> None:
    scanned = interpret(label(COAT.sku, 1))  # "¥0.01" for the ¥2,599.00 coat
    assert scanned.kind is CodeKind.WEIGHED and scanned.weighed is not None
    item = scanned.weighed
    with pytest.raises(DomainError) as err:
        cart = carts.add_label(app.ctx, cart, item.plu, item.price_fen, item.weight_g)
    assert (err.value.code, err.value.params["code"]) == ("product.not_weighed", COAT.sku)
    with pytest.raises(DomainError) as err:
        cart = carts.add_label(app.ctx, cart, item.plu, None, 500)  # a weight label: the same
    assert err.value.code == "product.not_weighed"
    with pytest.raises(DomainError) as err:
        cart = carts.add_item(app.ctx, cart, "A1001", price_fen=1)  # a price by SKU: the same
    assert err.value.code == "product.not_weighed"
    assert cart.lines == ()


def test_a_weighed_product_sells_at_its_label_price_or_weight(app: App, cart: Cart) -> None:
    scanned = interpret(label(CANDY.sku, 1250))
    assert scanned.kind is CodeKind.WEIGHED and scanned.weighed is not None
    item = scanned.weighed
    cart = carts.add_label(app.ctx, cart, item.plu, item.price_fen, item.weight_g)
    cart = carts.add_label(app.ctx, cart, "00123", None, 500)  # weight only: ¥49.80 × 0.5 kg
    assert [ln.unit_price_fen for ln in cart.lines] == [1250, 2490]
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    done = checkout.complete(app.ctx, cart)
    assert done.sale.total_fen == 3740 and done.sale.approved_by is None
    assert audited(app, "override_price") == []


def test_a_price_on_a_line_of_a_normal_product_needs_a_manager(app: App, cart: Cart) -> None:
    """A cart is plain data: a line priced by hand reaches checkout all the same."""
    with app.ctx.reader() as uow:
        coat = uow.products.get("A1001")
    assert coat is not None
    cart = replace(cart, lines=(*cart.lines, CartLine(1, coat, 1, unit_price_fen=1)))
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    with pytest.raises(DomainError) as err:
        checkout.complete(app.ctx, cart)
    assert (err.value.code, err.value.params) == ("sale.manager_required",
                                                  {"reason": "price_override"})
    [refusal] = audited(app, "access_refused")
    assert refusal["target"] == "checkout.complete"
    weighed = CartLine(1, replace(coat, is_weighed=True), 1, unit_price_fen=1)
    cart = replace(cart, lines=(weighed, *cart.lines[1:]))
    with pytest.raises(DomainError) as err:  # the store's product decides, not the copy
        checkout.complete(app.ctx, cart)
    assert err.value.code == "sale.manager_required"
    manager = login(app.ctx, "2001", "2468")
    cart = replace(cart,
                   approval=approve(app.ctx, "2001", "2468", "checkout.complete", cart.cashier_id,
                            overrides.override_subject(cart)))
    done = checkout.complete(app.ctx, cart)
    assert done.sale.total_fen == 1 and done.sale.approved_by == manager.id
    assert audited(app, "override_price") == [{
        "target": done.sale.receipt_no, "approved_by": manager.id, "sku": "A1001",
        "line_no": 1, "list_price_fen": 59900, "price_fen": 1}]


def test_an_approved_price_does_not_cover_another_price(app: App, cart: Cart) -> None:
    with app.ctx.reader() as uow:
        coat = uow.products.get("A1001")
    assert coat is not None
    cart = replace(cart, lines=(*cart.lines, CartLine(1, coat, 1, unit_price_fen=50000)))
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    cart = replace(cart,
                   approval=approve(app.ctx, "2001", "2468", "checkout.complete", cart.cashier_id,
                            overrides.override_subject(cart)))
    cart = replace(cart, lines=(replace(cart.lines[0], unit_price_fen=1), *cart.lines[1:]))
    with pytest.raises(DomainError) as err:
        checkout.complete(app.ctx, cart)
    assert err.value.code == "approval.other_subject"
