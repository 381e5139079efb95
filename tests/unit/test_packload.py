"""Rule packs: the shipped packs carry DOMAIN.md's numbers; a pack with a mistake is refused."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from domain.catalog import ProductClass
from domain.errors import RulePackError
from domain.packload import PACK_DIR, load_pack, pack_names
from domain.rulepack import (
    BirthdayScope,
    BonusTier,
    Combine,
    DepositDiscount,
    LadderStep,
    PointsExpiry,
    RefundTo,
    Rounding,
    SpendAndGet,
    Voucher,
)

FASHION = (PACK_DIR / "fashion.toml").read_text(encoding="utf-8")


def test_pack_names_lists_the_three_shipped_packs() -> None:
    assert pack_names() == ["fashion", "ladder10", "retail"]


def test_fashion_tiers_match_the_domain_table() -> None:
    pack = load_pack("fashion")
    assert [t.name for t in pack.tiers] == ["普通会员", "银卡", "金卡", "钻石卡"]
    assert [t.rank for t in pack.tiers] == [0, 1, 2, 3]
    assert pack.signup_tier.name == "普通会员"
    assert pack.tiers[0].entry_any_purchase and pack.tiers[0].discount_rate is None
    figures = [(t.entry_single_fen, t.entry_window_fen, t.retain_spend_fen, t.discount_rate,
                t.birthday_rate) for t in pack.tiers[1:]]
    assert figures == [
        (250000, 300000, 300000, Decimal("0.85"), Decimal("0.75")),
        (400000, 500000, 500000, Decimal("0.8"), Decimal("0.75")),
        (800000, 1000000, 1000000, Decimal("0.78"), Decimal("0.75")),
    ]
    assert all(t.retain_days == 0 and t.entry_window_months == 12 for t in pack.tiers[1:])


def test_fashion_points_pricing_coupons_and_cards() -> None:
    pack = load_pack("fashion")
    rates = pack.points.class_rates
    assert rates[ProductClass.REGULAR] == 1 and rates[ProductClass.SPECIAL] == Decimal("0.5")
    assert rates[ProductClass.GROUP_BUY] == 0 and rates[ProductClass.NO_POINTS] == 0
    assert pack.points.ladder == (LadderStep(20000, Decimal(2)), LadderStep(100000, Decimal(3)))
    assert (pack.points.birthday_multiplier, pack.points.birthday_scope) == (Decimal(2), "day")
    assert pack.points.combine == "max" and pack.points.occasions == ()
    bonuses = (pack.points.referral_bonus, pack.points.share_bonus, pack.points.review_bonus)
    assert bonuses == (20, 10, 10)
    assert (pack.points.cash_points_step, pack.points.cash_fen_per_step) == (100, 1000)
    assert pack.points.vouchers == (Voucher(2000, 5000), Voucher(3000, 10000),
                                    Voucher(4000, 15000), Voucher(5000, 20000))
    assert pack.points.gift_points_per_yuan_cost == 30
    assert (pack.points.expiry, pack.points.warn_days) == ("year_plus_one", 60)
    assert pack.pricing.rounding == "none" and pack.pricing.cashier_max_discount_pct == 10
    # Options are read as their enums, so a branch on them that misses one fails mypy.
    assert pack.pricing.rounding is Rounding.NONE and pack.points.combine is Combine.MAX
    assert pack.points.birthday_scope is BirthdayScope.DAY
    assert pack.points.expiry is PointsExpiry.YEAR_PLUS_ONE
    assert pack.returns.no_receipt_refund_to is RefundTo.WALLET
    assert pack.pricing.card_required_classes == (ProductClass.NEW,)
    assert pack.coupons.spend_and_get == (SpendAndGet(48800, "spend488"),
                                          SpendAndGet(88800, "spend888"))
    assert pack.coupons.template("spend888").amount_fen == 20000  # type: ignore[union-attr]
    assert (pack.cards.brand, pack.cards.staff_card_daily_alert) == ("13", 5)


@pytest.mark.parametrize("name", ["fashion", "ladder10", "retail"])
def test_every_pack_has_wallet_bonus_tiers_and_signup_coupon(name: str) -> None:
    pack = load_pack(name)
    assert pack.wallet.bonus_tiers == (BonusTier(100000, 5000), BonusTier(500000, 50000),
                                       BonusTier(1000000, 120000))
    signup = pack.coupons.template(pack.coupons.signup_template or "")
    assert signup is not None
    assert (signup.kind, signup.amount_fen, signup.valid_months) == ("cash", 5000, 1)  # §9
    assert pack.coupons.checkin_template is not None
    assert pack.wallet.pin_above_fen == 50000 and pack.cards.dynamic_qr_ttl_s == 120


def test_ladder10_entry_and_retention_figures() -> None:
    pack = load_pack("ladder10")
    rows = [(t.name, t.entry_window_fen, t.retain_spend_fen, t.retain_days)
            for t in pack.tiers]
    assert rows == [
        ("注册会员", None, None, 0), ("铁牌", None, 0, 0), ("铜牌", 100000, 100000, 0),
        ("银牌", 250000, 250000, 0), ("金牌", 500000, 500000, 0),
        ("一钻", 1500000, 1500000, 10), ("双钻", 10000000, 5000000, 10),
        ("三钻", 30000000, 15000000, 10), ("四钻", 60000000, 30000000, 10),
        ("五钻", 100000000, 50000000, 10),
    ]
    assert pack.signup_tier.name == "注册会员" and pack.tiers[1].entry_any_purchase
    assert all(t.discount_rate is None and t.birthday_rate is None for t in pack.tiers)


def test_retail_has_one_tier_without_discount_and_deposit_discounts() -> None:
    pack = load_pack("retail")
    assert [(t.name, t.discount_rate) for t in pack.tiers] == [("会员", None)]
    assert pack.wallet.deposit_discounts == (DepositDiscount(5000000, Decimal("0.75"), 365),
                                             DepositDiscount(10000000, Decimal("0.7"), 365))
    assert load_pack("fashion").wallet.deposit_discounts == ()


@pytest.mark.parametrize("name", ["fashion", "ladder10", "retail"])
def test_no_receipt_returns_look_back_90_days_and_refund_members_to_stored_value(
        name: str) -> None:
    rules = load_pack(name).returns
    assert (rules.no_receipt_window_days, rules.no_receipt_refund_to) == (90, "wallet")


def test_returns_table_is_optional(tmp_path: Path) -> None:
    path = tmp_path / "plain.toml"
    path.write_text(FASHION.split("[returns]")[0], encoding="utf-8")
    assert (load_pack(path).returns.no_receipt_window_days,
            load_pack(path).returns.no_receipt_refund_to) == (90, "cash")


def test_load_by_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(FASHION.replace('name = "fashion"', 'name = "mine"'), encoding="utf-8")
    pack = load_pack(path)
    assert pack.name == "mine" and pack.source == str(path)


def test_unknown_pack_name() -> None:
    with pytest.raises(RulePackError) as err:
        load_pack("nosuch")
    assert err.value.code == "rulepack.not_found"
    assert err.value.params["known"] == ["fashion", "ladder10", "retail"]


def _refused(tmp_path: Path, old: str, new: str) -> dict[str, object]:
    assert FASHION.count(old) == 1, old
    path = tmp_path / "bad.toml"
    path.write_text(FASHION.replace(old, new), encoding="utf-8")
    with pytest.raises(RulePackError) as err:
        load_pack(path)
    assert err.value.code == "rulepack.invalid"
    assert err.value.params["file"] == str(path)
    return err.value.params


@pytest.mark.parametrize(("old", "new", "key", "problem"), [
    ('discount_rate = "0.8"\n', 'discount_rate = "1.2"\n', "tiers[2].discount_rate",
     "out_of_range"),
    ('discount_rate = "0.8"\n', 'discount_rate = "0"\n', "tiers[2].discount_rate",
     "out_of_range"),
    ('discount_rate = "0.8"\n', 'dicount_rate = "0.8"\n', "tiers[2].dicount_rate",
     "unknown_key"),
    ('title = "服装连锁"\n', 'title = "服装连锁"\ncolour = "red"\n', "colour", "unknown_key"),
    ("entry_single_fen = 400000", "entry_single_fen = 200000", "tiers[2].entry_single_fen",
     "not_ascending"),
    ("retain_spend_fen = 1000000", "retain_spend_fen = 400000", "tiers[3].retain_spend_fen",
     "not_ascending"),
    ("min_eligible_fen = 100000", "min_eligible_fen = 10000", "points.ladder[1].min_eligible_fen",
     "not_ascending"),
    ('signup_template = "signup50"', 'signup_template = "signup99"',
     "coupons.signup_template", "unknown_template"),
    ('template = "spend888"', 'template = "spend999"', "coupons.spend_and_get[1].template",
     "unknown_template"),
    ("warn_days = 60", 'warn_days = "sixty"', "points.warn_days", "not_integer"),
    ('rounding = "none"', 'rounding = "fen"', "pricing.rounding", "not_one_of"),
    ('combine = "max"', 'combine = "sum"', "points.combine", "not_one_of"),
    ('combine = "max"', "combine = 2", "points.combine", "not_string"),
    ('birthday_scope = "day"', 'birthday_scope = "week"', "points.birthday_scope", "not_one_of"),
    ('expiry = "year_plus_one"', 'expiry = "Never"', "points.expiry", "not_one_of"),
    ('card_required_classes = ["new"]', 'card_required_classes = ["newest"]',
     "pricing.card_required_classes", "unknown_class"),
    ('special = "0.5"\n', "", "points.class_rates.special", "missing"),
    ("staff_card_daily_alert = 5", "", "cards.staff_card_daily_alert", "missing"),
    ('no_receipt_refund_to = "wallet"', 'no_receipt_refund_to = "card"',
     "returns.no_receipt_refund_to", "not_one_of"),
    ("no_receipt_window_days = 90", "no_receipt_window_days = 0",
     "returns.no_receipt_window_days", "too_small"),
])
def test_mistakes_name_the_key_and_problem(tmp_path: Path, old: str, new: str, key: str,
                                           problem: str) -> None:
    params = _refused(tmp_path, old, new)
    assert (params["key"], params["problem"]) == (key, problem)


def test_wrong_rate_on_store_discount_is_refused(tmp_path: Path) -> None:
    block = ('[[pricing.store_discounts]]\ncode = "s9"\nrate = "1.5"\nmin_spend_fen = 20000\n\n'
             '[points]\n')
    params = _refused(tmp_path, "[points]\n", block)
    assert (params["key"], params["problem"]) == ("pricing.store_discounts[0].rate",
                                                  "out_of_range")


def test_occasion_for_an_unknown_tier_is_refused(tmp_path: Path) -> None:
    block = ('[[points.occasions]]\ncode = "vip"\nmultiplier = "2"\ntiers = ["铂金卡"]\n\n'
             "[wallet]\n")
    params = _refused(tmp_path, "[wallet]\n", block)
    assert (params["key"], params["problem"]) == ("points.occasions[0].tiers", "unknown_tier")


def test_toml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    params = _refused(tmp_path, 'title = "服装连锁"\n', 'title = "服装连锁\n')
    assert params["problem"] == "syntax"
    assert params["line"] == 5


def test_duplicate_tier_name_is_refused(tmp_path: Path) -> None:
    params = _refused(tmp_path, 'name = "金卡"', 'name = "银卡"')
    assert (params["key"], params["problem"]) == ("tiers[2].name", "duplicate")
