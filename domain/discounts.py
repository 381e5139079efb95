"""The steps that take money off a sale's lines (DOMAIN §6, §9), from campaigns to rounding."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import assert_never

from domain.catalog import ProductClass
from domain.errors import DomainError, ValidationError
from domain.money import Money, split_int
from domain.pricework import Run, Shopper, TicketDiscount, Work, reason
from domain.records import Coupon, CouponKind
from domain.rulepack import Rounding, RulePack, StoreDiscount

# --- (1) campaign prices and store-wide discounts -----------------------------------------


def campaign_prices(run: Run) -> None:
    """A catalogue campaign price replaces the item's price; an override price wins over it
    (the cashier typed or weighed that price)."""
    for w in run.work:
        campaign = w.cart.product.campaign_price_fen
        if w.cart.unit_price_fen is not None or campaign is None or campaign >= w.unit:
            continue
        w.campaign = (w.unit - campaign) * w.cart.qty
        w.reasons.append(reason("discount.campaign_price", price_fen=campaign,
                                off_fen=w.campaign))


def store_discount(run: Run, pack: RulePack, on: date, *, member: bool) -> None:
    """The best store-wide discount in force whose spend is met, on regular-priced lines of
    the member-discount classes (special and campaign-priced goods are already reduced); a
    member day's (`members_only`) only for a member."""
    lines = [w for w in run.work
             if w.klass in pack.pricing.member_discount_classes and w.campaign == 0]
    spend = sum(w.amount for w in lines)
    active = [d for d in pack.pricing.store_discounts
              if _discount_active(d, on) and spend >= d.min_spend_fen
              and (member or not d.members_only)]
    if not lines or not active:
        return
    best = min(active, key=lambda d: d.rate)
    for w in lines:
        w.campaign = w.list_fen - Money(w.list_fen).apply_rate(best.rate).fen
        w.campaign_stacks = best.stack_member_discount
        w.reasons.append(reason("discount.store", campaign=best.code, rate=str(best.rate),
                                off_fen=w.campaign))


def _discount_active(discount: StoreDiscount, on: date) -> bool:
    if discount.starts is not None and on < discount.starts:
        return False
    if discount.ends is not None and on > discount.ends:
        return False
    if discount.month_days and on.day not in discount.month_days:
        return False
    return not discount.weekdays or on.isoweekday() in discount.weekdays


# --- (2) member and manual discounts ------------------------------------------------------


def member_rate(shopper: Shopper, pack: RulePack) -> tuple[str, Decimal] | None:
    """The best member rate for this shopper: (reason code, rate), or None without one.

    The lowest of tier, birthday and deposit rates; ties go to the tier rate, then birthday.
    """
    try:
        tier = pack.tier(shopper.tier)
    except KeyError:
        raise DomainError("tier.unknown", tier=shopper.tier, rulepack=pack.name) from None
    options = [("discount.tier", tier.discount_rate)]
    if shopper.birthday:
        options.append(("discount.birthday", tier.birthday_rate))
    options.append(("discount.deposit", shopper.deposit_rate))
    rated = [(code, rate) for code, rate in options if rate is not None and rate < 1]
    return min(rated, key=lambda option: option[1]) if rated else None


def member_discount(run: Run, shopper: Shopper, pack: RulePack) -> None:
    if shopper.class_rates is not None:
        _alliance_discount(run, shopper, shopper.class_rates)
        return
    best = member_rate(shopper, pack)
    if best is None:
        return
    code, rate = best
    for w in run.work:
        if _takes_member_discount(w, shopper, pack):
            _apply_member(w, code, rate, shopper.tier)


def _alliance_discount(run: Run, shopper: Shopper,
                       rates: Mapping[ProductClass, Decimal]) -> None:
    """The partner discount of an alliance agreement, per product class (only classes that
    take a member discount can have one: domain/alliance.py refuses the others)."""
    for w in run.work:
        rate = rates.get(w.klass)
        if rate is not None and rate < 1:
            _apply_member(w, "discount.alliance", rate, shopper.tier)


def _takes_member_discount(w: Work, shopper: Shopper, pack: RulePack) -> bool:
    if w.klass not in pack.pricing.member_discount_classes:
        return False
    return shopper.card_presented or w.klass not in pack.pricing.card_required_classes


def _apply_member(w: Work, code: str, rate: Decimal, tier: str) -> None:
    """Member discount on one line.

    Under a 折上折 campaign it applies on the campaign price. Otherwise the member gets the
    better of the campaign and the member discount on the list price, never both.
    """
    if w.campaign and not w.campaign_stacks:
        member_price = Money(w.list_fen).apply_rate(rate).fen
        if member_price >= w.list_fen - w.campaign:
            return
        # The campaign gives way: its reason is replaced by a note that it did not apply.
        w.reasons = [r for r in w.reasons if not r["code"].startswith("discount.")]
        w.reasons.append(reason("campaign.replaced_by_member", off_fen=w.campaign))
        w.campaign = 0
    base = w.amount
    w.member = base - Money(base).apply_rate(rate).fen
    w.reasons.append(reason(code, rate=str(rate), tier=tier, off_fen=w.member))


def manual_discounts(run: Run) -> None:
    for w in run.work:
        rate = w.cart.manual_rate
        manual = (w.amount - Money(w.amount).apply_rate(rate).fen if rate is not None
                  else w.cart.manual_discount_fen)
        if not manual:
            continue
        if manual > w.amount:
            raise ValidationError("discount.manual_exceeds_line", field="manual_discount_fen",
                                  line_no=w.cart.line_no, manual_fen=manual, line_fen=w.amount)
        w.manual = manual
        rated = {"rate": str(rate)} if rate is not None else {}
        w.reasons.append(reason("discount.manual", off_fen=manual, **rated))


_NO_TICKET = (ProductClass.NO_DISCOUNT, ProductClass.GROUP_BUY)  # no discount of any kind


def ticket_discount(run: Run, ticket: TicketDiscount | None) -> None:
    """The whole-sale discount, split over the lines that take discounts by what each costs
    now; it counts with the line discounts against the cashier's limit."""
    if ticket is None:
        return
    lines = [w for w in run.work if w.klass not in _NO_TICKET and w.amount > 0]
    base = sum(w.amount for w in lines)
    off = ticket.fen if ticket.rate is None else base - Money(base).apply_rate(ticket.rate).fen
    if off < 0 or off > base:
        raise ValidationError("discount.ticket_exceeds_sale", field="discount", off_fen=off,
                              sale_fen=base)
    rated = {"rate": str(ticket.rate)} if ticket.rate is not None else {}
    for w, share in zip(lines, split_int(off, [w.amount for w in lines]), strict=True):
        if share:
            w.manual += share
            w.reasons.append(reason("discount.ticket", off_fen=share, **rated))


# --- (3) coupons ---------------------------------------------------------------------------


def apply_coupons(run: Run, coupons: Sequence[Coupon], pack: RulePack) -> None:
    """Apply coupons; percent coupons first, then gifts, then cash (the order that costs the
    customer least). Minimum spends are checked on the eligible amount before any coupon."""
    before = {id(c): _eligible_amount(run, c, pack) for c in coupons}
    order = {CouponKind.PERCENT: 0, CouponKind.GIFT: 1, CouponKind.CASH: 2}
    for coupon in sorted(coupons, key=lambda c: order[c.kind]):
        eligible_fen = before[id(coupon)]
        if eligible_fen < coupon.min_spend_fen:
            raise DomainError("coupon.min_spend", code=coupon.code,
                              min_spend_fen=coupon.min_spend_fen, eligible_fen=eligible_fen)
        off = _apply_coupon(run, coupon, pack)
        run.coupons.append(coupon.code)
        run.notes.append(reason("coupon.applied", coupon=coupon.code, kind=coupon.kind,
                                off_fen=off))


def _eligible(run: Run, coupon: Coupon, pack: RulePack) -> list[Work]:
    classes = coupon.classes or tuple(pack.pricing.coupon_classes)
    return [w for w in run.work if w.klass in classes and w.amount > 0]


def _eligible_amount(run: Run, coupon: Coupon, pack: RulePack) -> int:
    return sum(w.amount for w in _eligible(run, coupon, pack))


def _apply_coupon(run: Run, coupon: Coupon, pack: RulePack) -> int:
    lines = _eligible(run, coupon, pack)
    match coupon.kind:
        case CouponKind.PERCENT:
            if coupon.rate is None:
                raise DomainError("coupon.invalid", code=coupon.code, problem="rate_missing")
            offs = [w.amount - Money(w.amount).apply_rate(coupon.rate).fen for w in lines]
        case CouponKind.GIFT:
            lines, offs = _gift_off(coupon, lines)
        case CouponKind.CASH:
            amount = min(coupon.amount_fen, sum(w.amount for w in lines))
            offs = split_int(amount, [w.amount for w in lines])
        case _:
            assert_never(coupon.kind)
    for w, off in zip(lines, offs, strict=True):
        if off:
            w.coupon += off
            w.reasons.append(reason("coupon.applied", coupon=coupon.code, off_fen=off))
    return sum(offs)


def _gift_off(coupon: Coupon, lines: list[Work]) -> tuple[list[Work], list[int]]:
    """A free-gift coupon takes one unit of the gift item off its line."""
    for w in lines:
        if w.cart.product.sku == coupon.gift_sku:
            return [w], [min(w.unit, w.amount)]
    raise DomainError("coupon.gift_not_in_cart", code=coupon.code, sku=coupon.gift_sku)


# --- (4) rounding --------------------------------------------------------------------------


def round_down(run: Run) -> None:
    """抹零: the total is rounded down to the jiao or yuan; the fen taken off are spread over
    the lines in proportion to their amounts, so line finals still sum to the total."""
    off = run.total % _unit(run.mode)
    if not off:
        return
    shares = split_int(off, [w.amount for w in run.work])
    for w, share in zip(run.work, shares, strict=True):
        w.rounding = share
        if share:
            w.reasons.append(reason("rounding", mode=run.mode.value, off_fen=share))
    run.rounding = off


def _unit(mode: Rounding) -> int:
    """The fen a total is rounded down to a multiple of."""
    match mode:
        case Rounding.NONE:
            return 1
        case Rounding.JIAO:
            return 10
        case Rounding.YUAN:
            return 100
        case _:
            assert_never(mode)
