"""Pricing a sale at the till (DOMAIN §6, §9): campaign, member discount, coupons, rounding."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, assert_never

from domain.catalog import Product, ProductClass
from domain.errors import DomainError, ValidationError
from domain.money import Money, split_int
from domain.records import Coupon, CouponKind
from domain.rulepack import Rounding, RulePack, StoreDiscount

_PER_LINE = ("off_fen", "price_fen")  # left out when line reasons are summed per sale


@dataclass(frozen=True, slots=True)
class CartLine:
    line_no: int
    product: Product
    qty: int
    unit_price_fen: int | None = None  # weighed item / override; None = product's price
    manual_discount_fen: int = 0  # cashier discount on this line (limit checked elsewhere)
    manual_rate: Decimal | None = None  # or the cashier's 折 on it (0.9 = 9折): wins over fen


@dataclass(frozen=True, slots=True)
class TicketDiscount:
    """The cashier's discount on the whole sale (整单折扣): `fen` off, or pay `rate` of it;
    spread over the lines that take discounts, after their own manual discounts."""

    fen: int = 0
    rate: Decimal | None = None


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
class Shopper:
    tier: str
    birthday: bool  # birthday benefit applies today (caller uses points.is_birthday)
    card_presented: bool  # new-arrival class needs a card
    deposit_rate: Decimal | None = None  # wallet deposit discount in force (§8)
    # An alliance partner's member (docs/alliance.md): the agreement's rate per product class
    # instead of the tier's; `tier` is then the issuer's tier, shown, not looked up here.
    class_rates: Mapping[ProductClass, Decimal] | None = None


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


@dataclass(slots=True)
class _Work:
    """A line while it is being priced; `amount` is what it costs so far."""

    cart: CartLine
    unit: int
    list_fen: int
    campaign: int = 0
    member: int = 0
    manual: int = 0
    coupon: int = 0
    rounding: int = 0
    campaign_stacks: bool = False  # the campaign on this line is 折上折
    reasons: list[dict[str, Any]] = field(default_factory=list)

    @property
    def amount(self) -> int:
        return (self.list_fen - self.campaign - self.member - self.manual - self.coupon
                - self.rounding)

    @property
    def klass(self) -> ProductClass:
        return self.cart.product.product_class


def _reason(code: str, **params: Any) -> dict[str, Any]:
    return {"code": code, "params": params}


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
        return without.to_sale(notes)
    chosen, coupon = trials[best - 1], lone[best - 1]
    notes = [_reason("coupon.alone_better", coupon=coupon.code, with_coupon_fen=chosen.total,
                     without_coupon_fen=without.total)]
    notes += [_reason("coupon.not_applied", coupon=c.code, reason="not_combinable")
              for c in stackable]
    notes += [_lone_note(c, t.total, chosen.total, "another_coupon_better")
              for c, t in zip(lone, trials, strict=True) if c is not coupon]
    return chosen.to_sale(notes)


def _lone_note(coupon: Coupon, its_total: int, best_total: int, why: str) -> dict[str, Any]:
    reason = "tie_kept_unspent" if its_total == best_total else why
    return _reason("coupon.not_applied", coupon=coupon.code, reason=reason,
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


@dataclass(slots=True)
class _Run:
    """One way of pricing the cart (with or without the other discounts)."""

    work: list[_Work]
    mode: Rounding
    coupons: list[str] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)
    rounding: int = 0

    @property
    def total(self) -> int:
        return sum(w.amount for w in self.work)

    def to_sale(self, extra: list[dict[str, Any]]) -> PricedSale:
        lines = tuple(_freeze(w) for w in self.work)
        applied = _line_totals(self.work) + self.notes + extra
        if self.rounding:
            applied.append(_reason("rounding", mode=self.mode.value, off_fen=self.rounding))
        return PricedSale(lines=lines, coupons=tuple(self.coupons), rounding_fen=self.rounding,
                          total_fen=self.total, applied=tuple(applied))


def _line_totals(work: Sequence[_Work]) -> list[dict[str, Any]]:
    """Sale-level sums of the line discounts, one entry per kind (and rate or campaign)."""
    totals: dict[tuple[Any, ...], dict[str, Any]] = {}
    for w in work:
        for reason in w.reasons:
            if not reason["code"].startswith("discount."):
                continue
            params = {k: v for k, v in reason["params"].items() if k not in _PER_LINE}
            key = (reason["code"], *sorted(params.items()))
            entry = totals.setdefault(key, _reason(reason["code"], **params, off_fen=0))
            entry["params"]["off_fen"] += reason["params"]["off_fen"]
    return list(totals.values())


def _price(lines: Sequence[CartLine], shopper: Shopper | None, coupons: Sequence[Coupon],
           pack: RulePack, on: date, ticket: TicketDiscount | None, *, discounts: bool) -> _Run:
    run = _Run([_start(line, pack) for line in lines], pack.pricing.rounding)
    _campaign_prices(run)
    if discounts:
        # A member day is this merchant's members' (not an alliance partner's members').
        _store_discount(run, pack, on,
                        member=shopper is not None and shopper.class_rates is None)
        if shopper is not None:
            _member_discount(run, shopper, pack)
    _manual(run)
    _ticket(run, ticket)
    _coupons(run, coupons, pack)
    _round(run)
    return run


def _start(line: CartLine, pack: RulePack) -> _Work:
    unit = line.product.price_fen if line.unit_price_fen is None else line.unit_price_fen
    return _Work(cart=line, unit=unit, list_fen=unit * line.qty,
                 campaign_stacks=pack.pricing.campaign_stacks_member_discount)


# --- (1) campaign prices and store-wide discounts -----------------------------------------


def _campaign_prices(run: _Run) -> None:
    """A catalogue campaign price replaces the item's price; an override price wins over it
    (the cashier typed or weighed that price)."""
    for w in run.work:
        campaign = w.cart.product.campaign_price_fen
        if w.cart.unit_price_fen is not None or campaign is None or campaign >= w.unit:
            continue
        w.campaign = (w.unit - campaign) * w.cart.qty
        w.reasons.append(_reason("discount.campaign_price", price_fen=campaign,
                                 off_fen=w.campaign))


def _store_discount(run: _Run, pack: RulePack, on: date, *, member: bool) -> None:
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
        w.reasons.append(_reason("discount.store", campaign=best.code, rate=str(best.rate),
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


def _member_discount(run: _Run, shopper: Shopper, pack: RulePack) -> None:
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


def _alliance_discount(run: _Run, shopper: Shopper,
                       rates: Mapping[ProductClass, Decimal]) -> None:
    """The partner discount of an alliance agreement, per product class (only classes that
    take a member discount can have one: domain/alliance.py refuses the others)."""
    for w in run.work:
        rate = rates.get(w.klass)
        if rate is not None and rate < 1:
            _apply_member(w, "discount.alliance", rate, shopper.tier)


def _takes_member_discount(w: _Work, shopper: Shopper, pack: RulePack) -> bool:
    if w.klass not in pack.pricing.member_discount_classes:
        return False
    return shopper.card_presented or w.klass not in pack.pricing.card_required_classes


def _apply_member(w: _Work, code: str, rate: Decimal, tier: str) -> None:
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
        w.reasons.append(_reason("campaign.replaced_by_member", off_fen=w.campaign))
        w.campaign = 0
    base = w.amount
    w.member = base - Money(base).apply_rate(rate).fen
    w.reasons.append(_reason(code, rate=str(rate), tier=tier, off_fen=w.member))


def _manual(run: _Run) -> None:
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
        w.reasons.append(_reason("discount.manual", off_fen=manual, **rated))


_NO_TICKET = (ProductClass.NO_DISCOUNT, ProductClass.GROUP_BUY)  # no discount of any kind


def _ticket(run: _Run, ticket: TicketDiscount | None) -> None:
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
            w.reasons.append(_reason("discount.ticket", off_fen=share, **rated))


# --- (3) coupons ---------------------------------------------------------------------------


def _coupons(run: _Run, coupons: Sequence[Coupon], pack: RulePack) -> None:
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
        run.notes.append(_reason("coupon.applied", coupon=coupon.code, kind=coupon.kind,
                                 off_fen=off))


def _eligible(run: _Run, coupon: Coupon, pack: RulePack) -> list[_Work]:
    classes = coupon.classes or tuple(pack.pricing.coupon_classes)
    return [w for w in run.work if w.klass in classes and w.amount > 0]


def _eligible_amount(run: _Run, coupon: Coupon, pack: RulePack) -> int:
    return sum(w.amount for w in _eligible(run, coupon, pack))


def _apply_coupon(run: _Run, coupon: Coupon, pack: RulePack) -> int:
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
            w.reasons.append(_reason("coupon.applied", coupon=coupon.code, off_fen=off))
    return sum(offs)


def _gift_off(coupon: Coupon, lines: list[_Work]) -> tuple[list[_Work], list[int]]:
    """A free-gift coupon takes one unit of the gift item off its line."""
    for w in lines:
        if w.cart.product.sku == coupon.gift_sku:
            return [w], [min(w.unit, w.amount)]
    raise DomainError("coupon.gift_not_in_cart", code=coupon.code, sku=coupon.gift_sku)


# --- (4) rounding --------------------------------------------------------------------------


def _round(run: _Run) -> None:
    """抹零: the total is rounded down to the jiao or yuan; the fen taken off are spread over
    the lines in proportion to their amounts, so line finals still sum to the total."""
    off = run.total % _unit(run.mode)
    if not off:
        return
    shares = split_int(off, [w.amount for w in run.work])
    for w, share in zip(run.work, shares, strict=True):
        w.rounding = share
        if share:
            w.reasons.append(_reason("rounding", mode=run.mode.value, off_fen=share))
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


def _freeze(w: _Work) -> PricedLine:
    product = w.cart.product
    return PricedLine(
        line_no=w.cart.line_no, sku=product.sku, name=product.name,
        product_class=product.product_class, category=product.category, qty=w.cart.qty,
        unit_price_fen=w.unit, list_fen=w.list_fen, campaign_fen=w.campaign,
        member_fen=w.member, manual_fen=w.manual, coupon_fen=w.coupon,
        rounding_fen=w.rounding, final_fen=w.amount, reasons=tuple(w.reasons),
    )
