"""Kaika works out a sale's figures before the clock starts, for the raw baseline to write."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from bench.raw import RawSale
from db.types import dump_json
from domain import coupons as coupon_rules
from domain import points as points_rules
from domain import tiers
from domain.records import Coupon, Sale, SaleKind, SaleLine
from domain.services import checkout, maintenance
from domain.services.cart import Cart
from domain.services.context import ServiceContext, to_wire


def plan_sale(ctx: ServiceContext, cart: Cart) -> RawSale:
    """The rows `checkout.complete(cart)` would write, from a quote (which writes nothing)."""
    q = checkout.quote(ctx, cart)
    if q.member is None:
        raise ValueError("the bench plans member sales only")
    today = ctx.today()
    points = q.earning.points if q.earning else 0
    qualifying = q.priced.total_fen - q.settlement.non_money_fen
    sale = _sale_record(ctx, cart, q, points, qualifying)
    header = {key: value for key, value in to_wire(sale).items()
              if key not in ("lines", "tenders", "receipt_no", "at", "store_code",
                             "terminal_code")}
    header["birthday"] = int(sale.birthday)
    coupon = _coupon_won(ctx, sale)
    expires = points_rules.expires_on(ctx.local_date(), ctx.pack)
    return RawSale(
        sale_id=sale.id, member_id=q.member.id, cashier_id=cart.cashier_id,
        business_date=today.isoformat(), header=header,
        lines=[_line_params(sale.id, line) for line in sale.lines],
        tenders=[{"sale_id": sale.id, "tender_no": n, **to_wire(t)}
                 for n, t in enumerate(sale.tenders, start=1)],
        payload=to_wire(sale), points=points, earned_on=ctx.local_date().isoformat(),
        lot_expires_on=None if expires is None else expires.isoformat(),
        coupon=None if coupon is None else _coupon_params(coupon),
        coupon_payload=None if coupon is None else to_wire(coupon),
        upgrade=_upgrade(ctx, q.member.id, q.member.tier, qualifying, today))


def _sale_record(ctx: ServiceContext, cart: Cart, q: checkout.Quote, points: int,
                 qualifying: int) -> Sale:
    """The sale as checkout builds it; its receipt number and time are the baseline's own."""
    assert q.member is not None
    per_line = dict(q.earning.per_line) if q.earning else {}
    paid = points_rules.paid_per_line([ln.final_fen for ln in q.priced.lines],
                                      q.settlement.non_money_fen)
    lines = [SaleLine(line_no=ln.line_no, sku=ln.sku, name=ln.name,
                      product_class=ln.product_class.value, category=ln.category, qty=ln.qty,
                      unit_price_fen=ln.unit_price_fen, list_fen=ln.list_fen,
                      discount_fen=ln.campaign_fen + ln.member_fen + ln.manual_fen,
                      coupon_fen=ln.coupon_fen, final_fen=ln.final_fen,
                      points_earned=per_line.get(ln.line_no, 0), reasons=ln.reasons, paid_fen=p)
             for ln, p in zip(q.priced.lines, paid, strict=True)]
    return Sale(
        id=cart.id, receipt_no="", kind=SaleKind.SALE, at=ctx.now(), business_date=ctx.today(),
        store_code="", terminal_code="", cashier_id=cart.cashier_id, lines=lines,
        tenders=list(q.settlement.tenders), total_fen=q.priced.total_fen,
        rounding_fen=q.priced.rounding_fen, member_id=q.member.id, shift_id=cart.shift_id,
        points_earned=points, qualifying_fen=qualifying, coupons_redeemed=q.priced.coupons,
        applied=q.priced.applied, rulepack=ctx.pack.name, member_tier=q.member.tier,
        birthday=q.birthday)


def _line_params(sale_id: str, line: SaleLine) -> dict[str, Any]:
    params: dict[str, Any] = to_wire(line)
    return {**params, "sale_id": sale_id}


def _coupon_won(ctx: ServiceContext, sale: Sale) -> Coupon | None:
    won = coupon_rules.spend_and_get(sale.total_fen, ctx.pack.coupons)
    if won is None:
        return None
    return coupon_rules.issue(won, coupon_rules.new_code(os.urandom), sale.member_id,
                              ctx.now(), ctx.today(), "spend_and_get")


def _coupon_params(c: Coupon) -> tuple[Any, ...]:
    return (c.code, c.template_code, c.kind, c.amount_fen, None if c.rate is None else str(c.rate),
            c.min_spend_fen, int(c.stackable), c.valid_from.isoformat(), c.valid_to.isoformat(),
            c.member_id, dump_json(list(c.classes)), c.gift_sku)


def _upgrade(ctx: ServiceContext, member_id: str, tier: str, qualifying: int,
             today: date) -> tuple[str, str] | None:
    """The tier this sale lifts the member to, judged on their history as checkout does."""
    with ctx.uow() as uow:
        history = maintenance.spend_history(ctx, uow, member_id, today)
    new = tiers.upgrade_for_sale(tier, qualifying, [*history, (today, qualifying)], today,
                                 ctx.pack)
    return None if new is None else (tier, new.name)
