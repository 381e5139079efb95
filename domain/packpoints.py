"""A rule pack's `[points]` table read and checked (DOMAIN §7)."""

from __future__ import annotations

from decimal import Decimal

from domain.catalog import ProductClass
from domain.packfields import CLASS_NAMES, check_dates, int_set, weekdays
from domain.packparse import Table
from domain.rulepack import (
    BirthdayScope,
    Combine,
    LadderStep,
    Occasion,
    PointsExpiry,
    PointsRules,
    Voucher,
)


def read_points(t: Table, tier_names: set[str]) -> PointsRules:
    """The `[points]` table; an occasion may name only tiers in `tier_names`."""
    rules = PointsRules(
        class_rates=_class_rates(t.table("class_rates", required=True)),
        ladder=_ladder(t),
        birthday_multiplier=t.decimal("birthday_multiplier", low="1"),
        birthday_scope=t.option("birthday_scope", BirthdayScope),
        combine=t.option("combine", Combine),
        occasions=tuple(_occasion(o, tier_names) for o in t.tables("occasions")),
        referral_bonus=t.int("referral_bonus", minimum=0),
        share_bonus=t.int("share_bonus", minimum=0),
        review_bonus=t.int("review_bonus", minimum=0),
        checkin_bonus=t.int("checkin_bonus", minimum=0),
        cash_points_step=t.int("cash_points_step", minimum=1),
        cash_fen_per_step=t.int("cash_fen_per_step", minimum=1),
        vouchers=_vouchers(t),
        gift_points_per_yuan_cost=t.int("gift_points_per_yuan_cost", minimum=1),
        expiry=t.option("expiry", PointsExpiry),
        warn_days=t.int("warn_days", minimum=0),
    )
    t.finish()
    return rules


def _class_rates(t: Table) -> dict[ProductClass, Decimal]:
    rates = {ProductClass(name): t.decimal(name, low="0") for name in CLASS_NAMES}
    t.finish()
    return rates


def _ladder(t: Table) -> tuple[LadderStep, ...]:
    steps: list[LadderStep] = []
    for s in t.tables("ladder"):
        step = LadderStep(min_eligible_fen=s.int("min_eligible_fen", minimum=1),
                          multiplier=s.decimal("multiplier", low="1"))
        if steps and step.min_eligible_fen <= steps[-1].min_eligible_fen:
            raise s.fail("min_eligible_fen", "not_ascending", value=step.min_eligible_fen,
                         previous=steps[-1].min_eligible_fen)
        if steps and step.multiplier < steps[-1].multiplier:
            raise s.fail("multiplier", "not_ascending", value=str(step.multiplier),
                         previous=str(steps[-1].multiplier))
        s.finish()
        steps.append(step)
    return tuple(steps)


def _occasion(t: Table, tier_names: set[str]) -> Occasion:
    occasion = Occasion(
        code=t.str("code"),
        multiplier=t.decimal("multiplier", low="1"),
        starts=t.date("starts"),
        ends=t.date("ends"),
        weekdays=weekdays(t),
        months=int_set(t, "months", 1, 12),
        tiers=t.str_list("tiers"),
        month_days=int_set(t, "month_days", 1, 31),
    )
    unknown = [name for name in occasion.tiers if name not in tier_names]
    if unknown:
        raise t.fail("tiers", "unknown_tier", value=unknown[0])
    check_dates(t, occasion.starts, occasion.ends)
    t.finish()
    return occasion


def _vouchers(t: Table) -> tuple[Voucher, ...]:
    vouchers: list[Voucher] = []
    for v in t.tables("vouchers"):
        voucher = Voucher(points=v.int("points", minimum=1),
                          amount_fen=v.int("amount_fen", minimum=1),
                          valid_days=v.int("valid_days", 30, minimum=1))
        if vouchers and voucher.points <= vouchers[-1].points:
            raise v.fail("points", "not_ascending", value=voucher.points,
                         previous=vouchers[-1].points)
        v.finish()
        vouchers.append(voucher)
    return tuple(vouchers)
