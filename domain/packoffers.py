"""A rule pack's `[pricing]`, `[wallet]` and `[coupons]` tables read and checked."""

from __future__ import annotations

from domain.packfields import (
    ascending,
    check_dates,
    class_names,
    classes,
    int_set,
    opt_int,
    pct,
    rate,
    weekdays,
)
from domain.packparse import Table
from domain.records import CouponKind, CouponTemplate
from domain.rulepack import (
    BonusTier,
    CouponRules,
    DepositDiscount,
    PricingRules,
    Rounding,
    SpendAndGet,
    StoreDiscount,
    WalletRules,
)


def read_pricing(t: Table) -> PricingRules:
    """The `[pricing]` table with its store-wide discounts."""
    rules = PricingRules(
        member_discount_classes=classes(t, "member_discount_classes"),
        card_required_classes=classes(t, "card_required_classes"),
        coupon_classes=classes(t, "coupon_classes"),
        campaign_stacks_member_discount=t.bool("campaign_stacks_member_discount"),
        rounding=t.option("rounding", Rounding),
        cashier_max_discount_pct=pct(t, "cashier_max_discount_pct"),
        store_discounts=tuple(_store_discount(d) for d in t.tables("store_discounts")),
    )
    t.finish()
    return rules


def _store_discount(t: Table) -> StoreDiscount:
    discount = StoreDiscount(
        code=t.str("code"),
        rate=rate(t, "rate"),
        min_spend_fen=t.int("min_spend_fen", minimum=0),
        starts=t.date("starts"),
        ends=t.date("ends"),
        weekdays=weekdays(t),
        stack_member_discount=t.bool("stack_member_discount", False),
        month_days=int_set(t, "month_days", 1, 31),
        members_only=t.bool("members_only", False),
    )
    check_dates(t, discount.starts, discount.ends)
    t.finish()
    return discount



def read_wallet(t: Table) -> WalletRules:
    """The `[wallet]` table: top-up bonuses and deposit discounts, each list rising."""
    bonus = ascending(t, "bonus_tiers", "min_topup_fen", lambda b: BonusTier(
        min_topup_fen=b.int("min_topup_fen", minimum=1), bonus_fen=b.int("bonus_fen", minimum=0)))
    deposits = ascending(t, "deposit_discounts", "min_deposit_fen", lambda d: DepositDiscount(
        min_deposit_fen=d.int("min_deposit_fen", minimum=1), rate=rate(d, "rate"),
        days=d.int("days", minimum=1)))
    rules = WalletRules(bonus_tiers=bonus, deposit_discounts=deposits,
                        pin_above_fen=t.int("pin_above_fen", minimum=0),
                        min_topup_fen=t.int("min_topup_fen", minimum=1),
                        confirm_above_fen=t.int("confirm_above_fen", 500000, minimum=0))
    t.finish()
    return rules



def read_coupons(t: Table) -> CouponRules:
    """The `[coupons]` table: templates, and the triggers that must name one of them."""
    templates = tuple(_template(c) for c in t.tables("templates"))
    codes = {c.code for c in templates}
    if len(codes) != len(templates):
        raise t.fail("templates", "duplicate_code")
    signup = _template_ref(t, "signup_template", codes) if t.has("signup_template") else None
    checkin = _template_ref(t, "checkin_template", codes) if t.has("checkin_template") else None
    spend = ascending(t, "spend_and_get", "min_paid_fen", lambda s: SpendAndGet(
        min_paid_fen=s.int("min_paid_fen", minimum=1),
        template=_template_ref(s, "template", codes)))
    t.finish()
    return CouponRules(templates=templates, signup_template=signup, checkin_template=checkin,
                       spend_and_get=spend)


def _template_ref(t: Table, name: str, codes: set[str]) -> str:
    """A trigger's template code, which must name a template of this pack."""
    code = t.str(name)
    if code not in codes:
        raise t.fail(name, "unknown_template", value=code)
    return code


def _template(t: Table) -> CouponTemplate:
    kind = t.option("kind", CouponKind)
    template = CouponTemplate(
        code=t.str("code"),
        name=t.str("name"),
        kind=kind,
        amount_fen=t.int("amount_fen", minimum=1) if kind is CouponKind.CASH else 0,
        rate=rate(t, "rate") if kind is CouponKind.PERCENT else None,
        min_spend_fen=t.int("min_spend_fen", 0, minimum=0),
        stackable=t.bool("stackable"),
        valid_days=opt_int(t, "valid_days", 1),
        valid_months=opt_int(t, "valid_months", 1),
        valid_from=t.date("valid_from"),
        valid_to=t.date("valid_to"),
        classes=class_names(t, "classes"),
        channels=t.str_list("channels"),
        gift_sku=t.str("gift_sku") if kind is CouponKind.GIFT else None,
    )
    _check_validity(t, template)
    t.finish()
    return template


def _check_validity(t: Table, template: CouponTemplate) -> None:
    fixed = template.valid_from is not None and template.valid_to is not None
    relative = [k for k in ("valid_days", "valid_months") if getattr(template, k) is not None]
    if not relative and not fixed:
        raise t.fail("valid_days", "missing_validity")
    if relative and (template.valid_from or template.valid_to):
        raise t.fail(relative[0], "both_validities")
    if len(relative) > 1:
        raise t.fail("valid_months", "both_validities")
    check_dates(t, template.valid_from, template.valid_to, "valid_to")
