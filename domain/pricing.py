"""Pricing a sale at the till (DOMAIN §6, §9): campaign, member discount, coupons, rounding."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from domain.catalog import ProductClass
from domain.discounts import (
    apply_coupons,
    campaign_prices,
    manual_discounts,
    member_discount,
    round_down,
    store_discount,
    ticket_discount,
)
from domain.errors import ValidationError
from domain.pricework import CartLine, Run, Shopper, TicketDiscount, Work, reason
from domain.records import Coupon
from domain.rulepack import RulePack

_PER_LINE = ("off_fen", "price_fen")  # left out when line reasons are summed per sale


def parse_rate(text: str) -> Decimal | None:
    """A discount typed as a rate: '9折' → 0.9, '8.5折' and '85折' → 0.85, '90%' → 0.9.
    None when the text is not a rate (a sum of money, say).

    Raises:
        ValidationError: discount.rate_invalid for a rate of nothing or of everything.
    """
    body = text.strip().replace("％", "%")
    if not body.endswith(("折", "%")) or len(body) < 2:
        return None
    number, unit = body[:-1].strip(), body[-1]
    try:
        value = Decimal(number)
    except ArithmeticError:
        raise ValidationError("discount.rate_invalid", field="discount", text=text) from None
    # 90%, 85折 (but 10折 is the full price)
    hundredths = unit == "%" or ("." not in number and len(number) == 2 and number != "10")
    rate = value / (100 if hundredths else 10)
    if not Decimal(0) < rate < Decimal(1):
        raise ValidationError("discount.rate_invalid", field="discount", text=text)
    return rate


@dataclass(frozen=True, slots=True)
class PricedLine:
    line_no: int
    sku: str
    name: str
    product_class: ProductClass
    category: str
    qty: int
    unit_price_fen: int
    list_fen: int  # unit × qty before any discount
    campaign_fen: int  # off via campaign price / store-wide campaign discount
    member_fen: int  # member discount (best of tier, birthday, deposit rate)
    manual_fen: int
    coupon_fen: int
    rounding_fen: int
    final_fen: int  # list − all of the above; sum(final) == PricedSale.total_fen
    reasons: tuple[dict[str, Any], ...]  # {"code": "discount.birthday", "params": {...}}


@dataclass(frozen=True, slots=True)
class PricedSale:
    lines: tuple[PricedLine, ...]
    coupons: tuple[str, ...]  # codes actually applied
    rounding_fen: int  # ≥ 0, taken off (抹零)
    total_fen: int
    applied: tuple[dict[str, Any], ...]  # sale-level explanations (code + params)


def price_sale(lines: Sequence[CartLine], shopper: Shopper | None, coupons: Sequence[Coupon],
               pack: RulePack, on: date, ticket: TicketDiscount | None = None) -> PricedSale:
    """Price a cart: (1) campaign prices and store-wide discounts, (2) member discount,
    manual discounts, (3) coupons, (4) rounding. Line finals sum to the total.

    A non-stackable coupon is priced alone on undiscounted prices and against every other
    discount without it; the lower total wins and a tie keeps the coupon unspent.

    Raises:
        ValidationError: a quantity below 1, a negative price or a manual discount that
            exceeds its line.
        DomainError: "coupon.min_spend" when a coupon's eligible amount is too small.
    """
    _check_cart(lines)
    stackable = [c for c in coupons if c.stackable]
    lone = [c for c in coupons if not c.stackable]
    without = _price(lines, shopper, stackable, pack, on, ticket, discounts=True)
    trials = [_price(lines, None, [c], pack, on, ticket, discounts=False) for c in lone]
    best = min(range(len(trials) + 1),
               key=lambda i: (without if i == 0 else trials[i - 1]).total)
    if best == 0:
        notes = [_lone_note(c, t.total, without.total, "other_discounts_better")
                 for c, t in zip(lone, trials, strict=True)]
        return _to_sale(without, notes)
    chosen, coupon = trials[best - 1], lone[best - 1]
    notes = [reason("coupon.alone_better", coupon=coupon.code, with_coupon_fen=chosen.total,
                    without_coupon_fen=without.total)]
    notes += [reason("coupon.not_applied", coupon=c.code, reason="not_combinable")
              for c in stackable]
    notes += [_lone_note(c, t.total, chosen.total, "another_coupon_better")
              for c, t in zip(lone, trials, strict=True) if c is not coupon]
    return _to_sale(chosen, notes)


def _lone_note(coupon: Coupon, its_total: int, best_total: int, why: str) -> dict[str, Any]:
    kept = "tie_kept_unspent" if its_total == best_total else why
    return reason("coupon.not_applied", coupon=coupon.code, reason=kept,
                  with_coupon_fen=its_total, without_coupon_fen=best_total)


def manual_discount_allowed(priced: PricedSale, pack: RulePack) -> bool:
    """True when the cashier's manual discounts stay within the pack's percent of list."""
    manual = sum(line.manual_fen for line in priced.lines)
    listed = sum(line.list_fen for line in priced.lines)
    return manual * 100 <= pack.pricing.cashier_max_discount_pct * listed


def _check_cart(lines: Sequence[CartLine]) -> None:
    for line in lines:
        if line.qty < 1:
            raise ValidationError("sale.qty", field="qty", line_no=line.line_no, value=line.qty)
        price = line.product.price_fen if line.unit_price_fen is None else line.unit_price_fen
        if price < 0:
            raise ValidationError("sale.price", field="unit_price_fen", line_no=line.line_no,
                                  value=price)
        if line.manual_discount_fen < 0:
            raise ValidationError("discount.manual_negative", field="manual_discount_fen",
                                  line_no=line.line_no)


def _to_sale(run: Run, extra: list[dict[str, Any]]) -> PricedSale:
    """The run's lines frozen, with the sale-level explanations after them."""
    lines = tuple(_freeze(w) for w in run.work)
    applied = _line_totals(run.work) + run.notes + extra
    if run.rounding:
        applied.append(reason("rounding", mode=run.mode.value, off_fen=run.rounding))
    return PricedSale(lines=lines, coupons=tuple(run.coupons), rounding_fen=run.rounding,
                      total_fen=run.total, applied=tuple(applied))


def _line_totals(work: Sequence[Work]) -> list[dict[str, Any]]:
    """Sale-level sums of the line discounts, one entry per kind (and rate or campaign)."""
    totals: dict[tuple[Any, ...], dict[str, Any]] = {}
    for w in work:
        for given in w.reasons:
            if not given["code"].startswith("discount."):
                continue
            params = {k: v for k, v in given["params"].items() if k not in _PER_LINE}
            key = (given["code"], *sorted(params.items()))
            entry = totals.setdefault(key, reason(given["code"], **params, off_fen=0))
            entry["params"]["off_fen"] += given["params"]["off_fen"]
    return list(totals.values())


def _price(lines: Sequence[CartLine], shopper: Shopper | None, coupons: Sequence[Coupon],
           pack: RulePack, on: date, ticket: TicketDiscount | None, *, discounts: bool) -> Run:
    run = Run([_start(line, pack) for line in lines], pack.pricing.rounding)
    campaign_prices(run)
    if discounts:
        # A member day is this merchant's members' (not an alliance partner's members').
        store_discount(run, pack, on,
                       member=shopper is not None and shopper.class_rates is None)
        if shopper is not None:
            member_discount(run, shopper, pack)
    manual_discounts(run)
    ticket_discount(run, ticket)
    apply_coupons(run, coupons, pack)
    round_down(run)
    return run


def _start(line: CartLine, pack: RulePack) -> Work:
    unit = line.product.price_fen if line.unit_price_fen is None else line.unit_price_fen
    return Work(cart=line, unit=unit, list_fen=unit * line.qty,
                campaign_stacks=pack.pricing.campaign_stacks_member_discount)


def _freeze(w: Work) -> PricedLine:
    product = w.cart.product
    return PricedLine(
        line_no=w.cart.line_no, sku=product.sku, name=product.name,
        product_class=product.product_class, category=product.category, qty=w.cart.qty,
        unit_price_fen=w.unit, list_fen=w.list_fen, campaign_fen=w.campaign,
        member_fen=w.member, manual_fen=w.manual, coupon_fen=w.coupon,
        rounding_fen=w.rounding, final_fen=w.amount, reasons=tuple(w.reasons),
    )
