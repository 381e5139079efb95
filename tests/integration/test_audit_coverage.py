"""Refunds and prices head office changed reach the store's audit trail, like overrides do."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from desktop.bootstrap import App
from desktop.demo_data import load_demo
from domain.records import AuditQuery, TenderKind
from domain.services import cart as carts
from domain.services import checkout, returns
from domain.services.audit import page
from domain.services.staff import login
from sync.apply import Applier
from sync.schema import Change


def actions(app: App, action: str) -> list[dict[str, object]]:
    found = page(app.ctx, AuditQuery(action=action), offset=0, limit=50)
    return [{"target": e.target, "staff": e.staff_id, **e.details} for e in found.entries]


def test_a_refund_with_the_receipt_is_audited_with_its_amount(app: App) -> None:
    load_demo(app.ctx)
    cashier = login(app.ctx, "1001", "1357").id
    cart = carts.start_sale(app.ctx, cashier)
    cart = carts.add_item(app.ctx, cart, "F6001", 2)
    cart = carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH))
    sold = checkout.complete(app.ctx, cart).sale
    back = returns.return_with_receipt(app.ctx, sold.receipt_no, {1: 1}, cashier)
    assert actions(app, "refund") == [{"target": back.sale.receipt_no, "staff": cashier,
                                       "original": sold.receipt_no, "refund_fen": 8900,
                                       "coupons_deducted": [], "coupons_issued": [],
                                       "coupons_withdrawn": [], "tier": ""}]


def test_a_price_head_office_changed_is_audited_and_an_unchanged_one_is_not(app: App) -> None:
    load_demo(app.ctx)
    scarf = {"sku": "F6001", "name": "丝巾", "price_fen": 7900, "product_class": "regular",
             "category": "配饰", "barcode": "6901234567984"}
    with app.ctx.uow() as uow:
        applier = Applier(uow=uow, acked_through_seq=0, now=app.ctx.now(),
                          today=app.ctx.today(), tz=ZoneInfo("Asia/Shanghai"),
                          pack=app.ctx.pack, terminal_id="T01")
        applier.apply([Change(entity="product", id="F6001", version=1, data=scarf),
                       Change(entity="product", id="F6001", version=2, data=scarf)])
        uow.commit()
    assert actions(app, "price_changed") == [{
        "target": "F6001", "staff": None, "old_fen": 8900, "new_fen": 7900,
        "old_campaign_fen": None, "new_campaign_fen": None, "by": "head_office"}]
