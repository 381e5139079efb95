"""An issuer's coupon redeemed at a partner (issue 15 rule 4), between two merchants' tills
and a real head office on PostgreSQL: the coupon travels with the roster, the café takes it
offline once, head office marks it redeemed and records `coupon_funded_redeemed` once (the
issuer funds the partner), the issuer's own till then refuses it; a coupon used at two of
the café's tills before either synced is kept as sold, settled once, and opens a case."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa

from domain.alliance_card import AllianceCoupon
from domain.errors import DomainError
from domain.records import CouponState, TenderKind
from domain.services import alliance, checkout, returns
from domain.services import cart as carts
from headoffice.alliance_tables import alliance_entries
from headoffice.tables import coupons, events, merchants, recon_cases
from tests.sync.harness import Server, Till
from tests.sync.test_alliance_more import sign
from tests.sync.test_alliance_trade import CAFE, FASHION, member_with_card, world

pytestmark = pytest.mark.postgres


def coupon_sale(till: Till, card: str, code: str) -> checkout.Completed:
    cart = alliance.attach(till.ctx, carts.start_sale(till.ctx, till.cashier), card)
    cart = carts.add_coupon(carts.add_item(till.ctx, cart, "COAT"), code)
    return checkout.complete(till.ctx, carts.add_tender(cart, carts.TenderRequest(
        TenderKind.CASH)))


def coupon_entries(server: Server) -> list[tuple[Any, ...]]:
    """(funder, redeemer, amount, source) of every coupon entry."""
    issuer, partner = merchants.alias("issuer"), merchants.alias("partner")
    e = alliance_entries
    with server.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(
            sa.select(issuer.c.code, partner.c.code, e.c.amount_fen, e.c.source)
            .join(issuer, issuer.c.id == e.c.issuer_id)
            .join(partner, partner.c.id == e.c.partner_id)
            .where(e.c.kind == "coupon_funded_redeemed"))]


def set_up(make_server: Callable[..., Server],
           make_till: Callable[..., Till]) -> tuple[Server, Till, Till, str, str, Any]:
    server, fashion, cafe = world(make_server, make_till)
    zhang, card = member_with_card(fashion, "张三", "13800138000", consent=True)
    [signup] = fashion.coupons(zhang)  # the pack's signup50
    fashion.sync()
    sign(server, coupon_templates=["signup50"])
    cafe.sync()
    return server, fashion, cafe, zhang, card, signup


def test_redeemed_once_at_the_partner_settled_once_then_refused_at_the_issuer(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    server, fashion, cafe, zhang, card, signup = set_up(make_server, make_till)
    with cafe.app.store.reader() as uow:
        [held] = uow.alliance.coupons_of(card)
    assert (held.code, held.amount_fen, held.template) == (signup.code, signup.amount_fen,
                                                            "signup50")

    cafe.advance(minutes=30)  # offline: ￥1,000 coat at 10 % off, less the ￥50 coupon
    sold = coupon_sale(cafe, card, signup.code)
    assert (sold.sale.total_fen, sold.sale.points_earned) == (90000 - signup.amount_fen,
                                                              (90000 - signup.amount_fen) // 100)
    cafe.sync()
    cafe.sync()  # nothing twice
    assert coupon_entries(server) == [(FASHION, CAFE, signup.amount_fen, signup.code)]
    with server.engine.connect() as conn:
        row = conn.execute(sa.select(coupons.c.state, coupons.c.redeemed_sale_id).where(
            coupons.c.code == signup.code)).one()
    assert tuple(row) == ("redeemed", sold.sale.id)
    # Voided in the café's feed: no longer held (that a redemption alone voids it, whatever
    # the date, is tests/headoffice/test_alliance_coupons.py's: this server runs on today).
    with cafe.app.store.reader() as uow:
        assert uow.alliance.coupons_of(card) == []

    fashion.sync()  # the issuer's own till hears of the redemption and refuses the coupon
    [mine] = fashion.coupons(zhang)
    assert mine.state is CouponState.REDEEMED
    cart = carts.put_member(carts.start_sale(fashion.ctx, fashion.cashier), zhang, card, None)
    cart = carts.add_coupon(carts.add_item(fashion.ctx, cart, "COAT"), signup.code)
    with pytest.raises(DomainError) as err:
        checkout.quote(fashion.ctx, cart)
    assert err.value.code.startswith("coupon.")


def test_one_coupon_at_two_partner_tills_is_settled_once_and_opens_a_case(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    server, _, cafe, _, card, signup = set_up(make_server, make_till)
    server.add_stores("C02", merchant=CAFE)
    second = make_till("D", store_code="C02")
    second.enroll(server, "C02")
    second.sync()
    cafe.advance(minutes=30)
    second.advance(minutes=30)
    first_sale = coupon_sale(cafe, card, signup.code)  # both offline
    second_sale = coupon_sale(second, card, signup.code)
    cafe.sync()
    second.sync()
    assert coupon_entries(server) == [(FASHION, CAFE, signup.amount_fen, signup.code)]
    with server.engine.connect() as conn:
        statuses = [tuple(r) for r in conn.execute(sa.select(events.c.status).where(
            events.c.type == "alliance.trade"))]
        [case] = conn.execute(sa.select(recon_cases.c.details).where(
            recon_cases.c.kind == "coupon.double_redeemed")).scalars()
    assert statuses == [("applied",), ("applied",)]  # the second sale stands: kept as sold
    assert (case["first_sale_id"], case["second_sale_id"]) == (first_sale.sale.id,
                                                               second_sale.sale.id)


def test_head_office_refuses_a_coupon_the_card_holder_does_not_hold(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    """Whatever the till says: a till that holds another member's coupon for 张三's card
    (a forged or corrupt row) sells with it, and head office refuses the trade whole."""
    server, fashion, cafe, _, card, _ = set_up(make_server, make_till)
    li, _ = member_with_card(fashion, "李四", "13900139000", consent=True)
    [theirs] = fashion.coupons(li)
    fashion.sync()
    with cafe.app.store.uow() as uow:
        uow.alliance.put_coupon(AllianceCoupon(
            code=theirs.code, card_number=card, issuer=FASHION, template="signup50",
            amount_fen=theirs.amount_fen, valid_from=theirs.valid_from,
            valid_to=theirs.valid_to))
        uow.commit()
    coupon_sale(cafe, card, theirs.code)
    cafe.sync()
    assert coupon_entries(server) == []
    with server.engine.connect() as conn:
        statuses = [tuple(r) for r in conn.execute(sa.select(events.c.status, events.c.code)
                                                   .where(events.c.type == "alliance.trade"))]
        [case] = conn.execute(sa.select(recon_cases.c.details).where(
            recon_cases.c.kind == "alliance.trade_refused")).scalars()
        state = conn.scalar(sa.select(coupons.c.state).where(coupons.c.code == theirs.code))
    assert statuses == [("quarantined", "alliance.coupon_refused")]
    assert case["code"] == "alliance.coupon_refused" and state == "issued"


def test_a_full_return_at_the_partner_gives_the_coupon_back_with_the_mirror_entry(
        make_server: Callable[..., Server], make_till: Callable[..., Till]) -> None:
    server, fashion, cafe, zhang, card, signup = set_up(make_server, make_till)
    sold = coupon_sale(cafe, card, signup.code)
    cafe.sync()
    back = returns.return_with_receipt(cafe.ctx, sold.sale.receipt_no, {1: 1}, cafe.cashier)
    cafe.sync()
    cafe.sync()  # nothing booked twice
    assert sorted(coupon_entries(server)) == sorted([
        (FASHION, CAFE, signup.amount_fen, signup.code),
        (FASHION, CAFE, -signup.amount_fen, f"{signup.code}:{back.sale.id}")])
    with server.engine.connect() as conn:
        assert conn.scalar(sa.select(coupons.c.state).where(
            coupons.c.code == signup.code)) == "issued"
    # (The café gets the item again only while head office's own calendar finds it valid:
    # the server here runs on today's date, long after this 2025 coupon's last day.)
    fashion.sync()
    assert fashion.coupons(zhang)[0].state is CouponState.ISSUED
