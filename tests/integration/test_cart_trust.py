"""A cart is plain data: the sale is priced from the store's catalogue, never from the cart's copy
of a product (a forged line, or a held sale recalled after head office changed a price)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.catalog import Product, ProductClass
from domain.errors import NotFound, ValidationError
from domain.pricework import CartLine
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout, held, members, wallet
from domain.services.cart import Cart
from domain.services.setup import add_products
from domain.services.staff import login


@pytest.fixture
def cart(app: App) -> Cart:
    load_demo(app.ctx)
    return carts.start_sale(app.ctx, login(app.ctx, "1001", "1357").id)


def stored(app: App, sku: str) -> Product:
    with app.ctx.reader() as uow:
        product = uow.products.get(sku)
    assert product is not None
    return product


def test_a_forged_product_copy_is_priced_by_the_catalogue(app: App, cart: Cart) -> None:
    coat = stored(app, "A1001")
    forged = replace(coat, price_fen=1, product_class=ProductClass.GROUP_BUY,
                     campaign_price_fen=1)
    cart = replace(cart, lines=(*cart.lines, CartLine(1, forged, 2)))
    assert checkout.quote(app.ctx, cart).due_fen == 2 * coat.price_fen
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    done = checkout.complete(app.ctx, cart)
    [line] = done.sale.lines
    assert (line.unit_price_fen, line.product_class) == (coat.price_fen, coat.product_class.value)
    assert done.sale.total_fen == 2 * coat.price_fen


def test_a_product_that_left_the_catalogue_is_refused(app: App, cart: Cart) -> None:
    ghost = Product("Z9999", "不存在的商品", 1)
    cart = replace(cart, lines=(*cart.lines, CartLine(1, ghost, 1)))
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    with pytest.raises(NotFound) as err:
        checkout.complete(app.ctx, cart)
    assert (err.value.code, err.value.params["code"]) == ("product.unknown", "Z9999")
    coat = stored(app, "A1001")
    add_products(app.ctx, [replace(coat, active=False)])
    cart = replace(cart, lines=(CartLine(1, coat, 1), *cart.lines[1:]))
    with pytest.raises(NotFound):
        checkout.complete(app.ctx, cart)


def test_a_held_sale_recalled_after_a_price_change_pays_the_new_price(app: App,
                                                                       cart: Cart) -> None:
    cart = carts.add_item(app.ctx, cart, "A1001")
    coat = stored(app, "A1001")
    held.hold(app.ctx, cart, cart.cashier_id)
    add_products(app.ctx, [replace(coat, price_fen=coat.price_fen + 10000)])
    again = held.recall(app.ctx, cart.id, cart.cashier_id, None)
    again = carts.add_tender(again, carts.TenderRequest(TenderKind.CASH))
    done = checkout.complete(app.ctx, again)
    assert done.sale.total_fen == coat.price_fen + 10000


def test_a_card_or_mobile_payment_needs_its_slip_number(app: App, cart: Cart) -> None:
    cart = carts.add_item(app.ctx, cart, "A1001")
    with pytest.raises(ValidationError) as err:
        cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.BANK_CARD, reference="  "))
    assert (err.value.code, err.value.params["field"]) == ("tender.reference_required", "reference")
    # past add_tender: plain data
    cart = replace(cart, tenders=(*cart.tenders, carts.TenderRequest(TenderKind.MOBILE)))
    with pytest.raises(ValidationError) as err:
        checkout.complete(app.ctx, cart)
    assert err.value.code == "tender.reference_required"
    with app.ctx.reader() as uow:
        assert uow.sales.get(cart.id) is None


def test_a_top_up_by_card_needs_its_slip_number(app: App, cart: Cart) -> None:
    member = members.find_by_mobile(app.ctx, "13800138000").member
    desk = login(app.ctx, "3001", "3579").id
    with app.ctx.reader() as uow:
        before = uow.members.balances(member.id)
    with pytest.raises(ValidationError) as err:
        wallet.top_up(app.ctx, member.id, 10000, desk, TenderKind.BANK_CARD, "")
    assert (err.value.code, err.value.params["field"]) == ("wallet.reference_required", "reference")
    with app.ctx.reader() as uow:
        assert uow.members.balances(member.id) == before
