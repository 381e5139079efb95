"""An issuer's coupon at an alliance partner's till (issue 15 rule 4): pulled beside the
roster, a fixed amount off the sale of that card's holder, once at this till; another card,
another template, outside its days or a second use refused (the clock is 2025-05-06)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pytest

from desktop.bootstrap import App
from domain.errors import DomainError
from domain.records import TenderKind
from domain.services import cart as carts
from domain.services import checkout, returns
from sync.schema import Change
from tests.integration.test_alliance_till import (
    ISSUER_CARD,
    OTHER_CARD,
    outbox,
    pull,
    roster,
    sale,
    setup,
)

CODE = "CP0000000001"


def coupon(**changes: Any) -> dict[str, Any]:
    return {"card": ISSUER_CARD, "issuer": "M077", "template": "signup50", "amount_fen": 5000,
            "valid_from": "2025-05-01", "valid_to": "2025-05-31", **changes}


def with_coupon(app: App, version: int = 1, **changes: Any) -> str:
    cashier = setup(app, coupon_templates=["signup50"])
    pull(app, Change(entity="alliance_coupon", id=CODE, version=version,
                     data=coupon(**changes)))
    return cashier


def paid(cart: carts.Cart) -> carts.Cart:
    return carts.add_tender(cart, carts.TenderRequest(TenderKind.CASH, given_fen=100000))


def refused(app: App, cart: carts.Cart) -> str:
    with pytest.raises(DomainError) as err:
        checkout.quote(app.ctx, cart)
    return err.value.code


def test_the_coupon_takes_its_amount_off_once_and_earns_nothing_on_it(app: App) -> None:
    cashier = with_coupon(app)
    cart = carts.add_coupon(sale(app, cashier, "F6001"), CODE)  # ¥89 → 80.10 after 10 % off
    done = checkout.complete(app.ctx, paid(cart))
    assert done.sale.total_fen == 3010 and done.sale.coupons_redeemed == (CODE,)
    assert done.sale.points_earned == 30  # ¥30.10 paid: the coupon's ¥50 earns nothing
    with sqlite3.connect(app.store.path) as raw:
        assert raw.execute("SELECT used_sale_id FROM alliance_coupons").fetchall() == [
            (done.sale.id,)]
    assert len(outbox(app, "alliance.trade")) == 1
    again = carts.add_coupon(sale(app, cashier, "F6001"), CODE)
    assert refused(app, again) == "alliance.coupon_used"
    with pytest.raises(DomainError) as err:
        checkout.complete(app.ctx, paid(again))
    assert err.value.code == "alliance.coupon_used"


def test_never_more_than_is_due(app: App) -> None:
    cashier = with_coupon(app, amount_fen=20000)
    q = checkout.quote(app.ctx, carts.add_coupon(sale(app, cashier, "F6001"), CODE))
    assert q.priced.total_fen == 0


def test_another_cards_coupon_is_refused(app: App) -> None:
    cashier = with_coupon(app, card=OTHER_CARD)
    pull(app, Change(entity="alliance_member", id=OTHER_CARD, version=1,
                     data=roster(issuer_member_id="0193a000-0000-7000-8000-00000000bbbb")))
    cart = carts.add_coupon(sale(app, cashier, "F6001"), CODE)
    assert refused(app, cart) == "alliance.coupon_not_this_card"


def test_outside_its_days_the_coupon_is_refused(app: App) -> None:
    cashier = with_coupon(app, valid_to="2025-05-05")
    assert refused(app, carts.add_coupon(sale(app, cashier, "F6001"), CODE)) == (
        "alliance.coupon_not_valid_today")
    pull(app, Change(entity="alliance_coupon", id=CODE, version=2,
                     data=coupon(valid_from="2025-05-07")))
    assert refused(app, carts.add_coupon(sale(app, cashier, "F6001"), CODE)) == (
        "alliance.coupon_not_valid_today")


def test_a_template_the_agreement_does_not_list_is_refused(app: App) -> None:
    cashier = with_coupon(app, template="checkin50")
    assert refused(app, carts.add_coupon(sale(app, cashier, "F6001"), CODE)) == (
        "alliance.coupon_not_honoured")


def test_a_voided_coupon_or_an_unknown_code_is_not_held(app: App) -> None:
    cashier = with_coupon(app)
    pull(app, Change(entity="alliance_coupon", id=CODE, version=2, data={"void": True}))
    assert refused(app, carts.add_coupon(sale(app, cashier, "F6001"), CODE)) == (
        "alliance.coupon_unknown")
    with sqlite3.connect(app.store.path) as raw:
        assert raw.execute("SELECT count(*) FROM alliance_coupons").fetchone() == (0,)


def test_a_full_return_gives_the_coupon_back_and_tells_head_office(app: App) -> None:
    cashier = with_coupon(app)
    done = checkout.complete(app.ctx, paid(carts.add_coupon(sale(app, cashier, "F6001"),
                                                            CODE)))
    returns.return_with_receipt(app.ctx, done.sale.receipt_no, {1: 1}, cashier)
    with sqlite3.connect(app.store.path) as raw:
        assert raw.execute("SELECT used_sale_id FROM alliance_coupons").fetchall() == [(None,)]
    trades = [json.loads(t) for t in outbox(app, "alliance.trade")]
    assert [t["coupons"] for t in trades] == [[{"code": CODE, "amount_fen": 5000}],
                                              [{"code": CODE, "amount_fen": -5000}]]
