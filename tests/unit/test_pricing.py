"""Pricing at the till (DOMAIN §6, §9, §13 examples 1–3)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.catalog import Product, ProductClass
from domain.errors import DomainError, ValidationError
from domain.packload import load_pack
from domain.pricework import CartLine, Shopper
from domain.pricing import PricedSale, manual_discount_allowed, price_sale
from domain.records import Coupon, CouponState
from domain.rulepack import Rounding, RulePack, StoreDiscount

FASHION = load_pack("fashion")
RETAIL = load_pack("retail")
DAY = date(2025, 3, 12)
C = ProductClass


def item(price: int, klass: ProductClass = C.REGULAR, sku: str = "",
         campaign: int | None = None) -> Product:
    return Product(sku or f"P{price}", "商品", price, klass, campaign_price_fen=campaign)


def cart(*products: Product) -> list[CartLine]:
    return [CartLine(i + 1, p, 1) for i, p in enumerate(products)]


def member(tier: str, *, birthday: bool = False, card: bool = True,
           deposit: str | None = None) -> Shopper:
    return Shopper(tier, birthday, card, Decimal(deposit) if deposit else None)


def coupon(code: str, amount: int = 0, *, stackable: bool = True, min_spend: int = 0,
           kind: str = "cash", rate: str | None = None, gift: str | None = None) -> Coupon:
    return Coupon(code=code, template_code="t", kind=kind, amount_fen=amount,
                  rate=Decimal(rate) if rate else None, min_spend_fen=min_spend,
                  stackable=stackable, valid_from=date(2025, 1, 1), valid_to=date(2025, 12, 31),
                  state=CouponState.ISSUED, issued_at=datetime(2025, 1, 1, tzinfo=UTC),
                  gift_sku=gift)


def with_pricing(pack: RulePack, **changes: Any) -> RulePack:
    return dataclasses.replace(pack, pricing=dataclasses.replace(pack.pricing, **changes))


def finals(sale: PricedSale) -> list[int]:
    return [line.final_fen for line in sale.lines]


# --- worked examples ---------------------------------------------------------------------


def test_example_1_silver_card_regular_items() -> None:
    sale = price_sale(cart(item(15000), item(10000)), member("银卡"), [], FASHION, DAY)
    assert finals(sale) == [12750, 8500]
    assert sale.total_fen == 21250
    assert [line.member_fen for line in sale.lines] == [2250, 1500]
    assert sale.applied == ({"code": "discount.tier",
                             "params": {"rate": "0.85", "tier": "银卡", "off_fen": 3750}},)


def test_example_2_birthday_rate_beats_gold_tier_rate() -> None:
    sale = price_sale(cart(item(30000)), member("金卡", birthday=True), [], FASHION, DAY)
    assert sale.total_fen == 22500
    assert sale.lines[0].reasons[0]["code"] == "discount.birthday"
    without_birthday = price_sale(cart(item(30000)), member("金卡"), [], FASHION, DAY)
    assert without_birthday.total_fen == 24000


def test_example_3_special_price_gets_no_member_discount() -> None:
    sale = price_sale(cart(item(10000, C.SPECIAL), item(10000)), member("银卡"), [],
                      FASHION, DAY)
    assert finals(sale) == [10000, 8500]
    assert sale.total_fen == 18500


# --- product classes ------------------------------------------------------------------------


def test_new_arrival_needs_the_card() -> None:
    new = item(10000, C.NEW)
    assert price_sale(cart(new), member("银卡", card=False), [], FASHION, DAY).total_fen == 10000
    assert price_sale(cart(new), member("银卡", card=True), [], FASHION, DAY).total_fen == 8500


@pytest.mark.parametrize("klass", [C.GROUP_BUY, C.NO_DISCOUNT, C.SPECIAL])
def test_classes_without_member_discount(klass: ProductClass) -> None:
    sale = price_sale(cart(item(10000, klass)), member("钻石卡", birthday=True), [],
                      FASHION, DAY)
    assert sale.total_fen == 10000 and sale.lines[0].member_fen == 0


# Each class differs from regular by its one named exception (DOMAIN §6, issue 11 item 3).
EXCEPTIONS = {C.REGULAR: set(), C.SPECIAL: {"member_discount"}, C.NEW: {"card_required"},
              C.GROUP_BUY: {"member_discount", "coupons", "points"},  # 团购: neither
              C.NO_DISCOUNT: {"member_discount", "coupons"}, C.NO_POINTS: {"points"}}


def _class_rules(pack: RulePack, klass: ProductClass) -> dict[str, bool]:
    return {"member_discount": klass in pack.pricing.member_discount_classes,
            "card_required": klass in pack.pricing.card_required_classes,
            "coupons": klass in pack.pricing.coupon_classes,
            "points": pack.points.class_rates[klass] > 0}


@pytest.mark.parametrize("name", ["fashion", "ladder10", "retail"])
def test_each_class_differs_from_regular_by_its_one_exception(name: str) -> None:
    pack = load_pack(name)
    regular = _class_rules(pack, C.REGULAR)
    for klass, expected in EXCEPTIONS.items():
        rules = _class_rules(pack, klass)
        assert {k for k in rules if rules[k] != regular[k]} == expected, klass


def test_no_points_item_takes_the_member_discount_and_earns_nothing() -> None:
    sale = price_sale(cart(item(10000, C.NO_POINTS)), member("银卡"), [], FASHION, DAY)
    assert sale.total_fen == 8500  # 8.5折 like a regular item (issue 11: was ¥100.00)
    assert sale.lines[0].reasons[0]["code"] == "discount.tier"
    deposit = price_sale(cart(item(10000, C.NO_POINTS)), member("会员", deposit="0.75"), [],
                         RETAIL, DAY)
    assert deposit.total_fen == 7500  # retail's deposit discount too


def test_walk_in_pays_list_price() -> None:
    assert price_sale(cart(item(15000), item(10000)), None, [], FASHION, DAY).total_fen == 25000


def test_retail_member_has_no_discount_but_deposit_rate_applies() -> None:
    assert price_sale(cart(item(10000)), member("会员"), [], RETAIL, DAY).total_fen == 10000
    sale = price_sale(cart(item(10000), item(5000, C.SPECIAL)), member("会员", deposit="0.75"),
                      [], RETAIL, DAY)
    assert finals(sale) == [7500, 5000]
    assert sale.lines[0].reasons[0]["code"] == "discount.deposit"


def test_rates_round_half_up_per_line() -> None:
    # 8.5折 of ¥0.99 is 84.15 fen → 84; of ¥1.01 is 85.85 → 86; ¥0.10 → 8.5 → 9.
    sale = price_sale(cart(item(99), item(101), item(10)), member("银卡"), [], FASHION, DAY)
    assert finals(sale) == [84, 86, 9]


def test_quantity_multiplies_before_the_rate() -> None:
    lines = [CartLine(1, item(333), 3)]
    sale = price_sale(lines, member("银卡"), [], FASHION, DAY)
    assert sale.lines[0].list_fen == 999 and sale.total_fen == 849  # 849.15 → 849


def test_override_price_replaces_product_and_campaign_price() -> None:
    lines = [CartLine(1, item(10000, campaign=8000), 2, unit_price_fen=4550)]
    sale = price_sale(lines, None, [], FASHION, DAY)
    assert (sale.lines[0].unit_price_fen, sale.total_fen, sale.lines[0].campaign_fen) == (
        4550, 9100, 0)


# --- campaigns and 折上折 ------------------------------------------------------------------


def test_campaign_price_without_stacking_keeps_the_cheaper_campaign() -> None:
    sale = price_sale(cart(item(20000, campaign=16000)), member("银卡"), [], FASHION, DAY)
    assert (sale.lines[0].campaign_fen, sale.lines[0].member_fen, sale.total_fen) == (
        4000, 0, 16000)


def test_campaign_price_with_stacking_takes_member_rate_on_top() -> None:
    pack = with_pricing(FASHION, campaign_stacks_member_discount=True)
    sale = price_sale(cart(item(20000, campaign=16000)), member("银卡"), [], pack, DAY)
    assert (sale.lines[0].campaign_fen, sale.lines[0].member_fen, sale.total_fen) == (
        4000, 2400, 13600)


def test_member_discount_replaces_a_smaller_campaign() -> None:
    sale = price_sale(cart(item(20000, campaign=19000)), member("银卡"), [], FASHION, DAY)
    line = sale.lines[0]
    assert (line.campaign_fen, line.member_fen, line.final_fen) == (0, 3000, 17000)
    assert [r["code"] for r in line.reasons] == ["campaign.replaced_by_member", "discount.tier"]


SPRING = StoreDiscount("spring9", Decimal("0.9"), 20000, date(2025, 3, 1), date(2025, 3, 31))


def test_store_discount_above_spend() -> None:
    pack = with_pricing(FASHION, store_discounts=(SPRING,))
    assert price_sale(cart(item(25000)), None, [], pack, DAY).total_fen == 22500
    assert price_sale(cart(item(15000)), None, [], pack, DAY).total_fen == 15000
    assert price_sale(cart(item(25000)), None, [], pack, date(2025, 4, 1)).total_fen == 25000
    sale = price_sale(cart(item(25000)), None, [], pack, DAY)
    assert sale.applied[0] == {"code": "discount.store",
                               "params": {"campaign": "spring9", "rate": "0.9", "off_fen": 2500}}


def test_store_discount_and_member_discount_best_of_or_stacked() -> None:
    pack = with_pricing(FASHION, store_discounts=(SPRING,))
    assert price_sale(cart(item(25000)), member("金卡"), [], pack, DAY).total_fen == 20000
    stacked = dataclasses.replace(SPRING, stack_member_discount=True)
    pack = with_pricing(FASHION, store_discounts=(stacked,))
    assert price_sale(cart(item(25000)), member("金卡"), [], pack, DAY).total_fen == 18000


# --- coupons ---------------------------------------------------------------------------------


def test_cash_coupon_spread_over_eligible_lines() -> None:
    sale = price_sale(cart(item(10000), item(20000), item(5000, C.GROUP_BUY)), None,
                      [coupon("C50", 5000)], FASHION, DAY)
    assert [line.coupon_fen for line in sale.lines] == [1667, 3333, 0]
    assert finals(sale) == [8333, 16667, 5000]
    assert sale.coupons == ("C50",)


def test_cash_coupon_capped_at_the_eligible_amount() -> None:
    sale = price_sale(cart(item(3000), item(9000, C.GROUP_BUY)), None, [coupon("C50", 5000)],
                      FASHION, DAY)
    assert finals(sale) == [0, 9000]


def test_percent_coupon_rounds_half_up_per_line() -> None:
    sale = price_sale(cart(item(12345)), None, [coupon("P9", kind="percent", rate="0.9")],
                      FASHION, DAY)
    assert sale.total_fen == 11111


def test_percent_coupon_goes_before_cash_coupon() -> None:
    coupons = [coupon("C20", 2000), coupon("P9", kind="percent", rate="0.9")]
    sale = price_sale(cart(item(10000)), None, coupons, FASHION, DAY)
    assert sale.total_fen == 7000  # 10000 × 0.9 − 2000, not (10000 − 2000) × 0.9
    assert sale.coupons == ("P9", "C20")


def test_gift_coupon_takes_one_unit_of_the_gift_off() -> None:
    lines = [CartLine(1, item(10000), 1), CartLine(2, item(3000, sku="G"), 2)]
    sale = price_sale(lines, None, [coupon("G1", kind="gift", gift="G")], FASHION, DAY)
    assert finals(sale) == [10000, 3000]
    with pytest.raises(DomainError) as err:
        price_sale(cart(item(10000)), None, [coupon("G1", kind="gift", gift="G")], FASHION, DAY)
    assert err.value.code == "coupon.gift_not_in_cart"


def test_min_spend_checked_on_eligible_amount_after_member_discount() -> None:
    with pytest.raises(DomainError) as err:
        price_sale(cart(item(20000)), member("银卡"), [coupon("M", 3000, min_spend=20000)],
                   FASHION, DAY)
    assert err.value.code == "coupon.min_spend"
    assert err.value.params == {"code": "M", "min_spend_fen": 20000, "eligible_fen": 17000}


def test_min_spend_ignores_group_buy_lines() -> None:
    with pytest.raises(DomainError) as err:
        price_sale(cart(item(50000, C.GROUP_BUY), item(10000)), None,
                   [coupon("M", 3000, min_spend=20000)], FASHION, DAY)
    assert err.value.params["eligible_fen"] == 10000


def test_non_stackable_coupon_wins_when_cheaper_alone() -> None:
    sale = price_sale(cart(item(30000)), member("银卡"), [coupon("N50", 5000, stackable=False)],
                      FASHION, DAY)
    assert sale.total_fen == 25000 and sale.coupons == ("N50",)
    assert sale.lines[0].member_fen == 0 and sale.lines[0].coupon_fen == 5000
    assert {"code": "coupon.alone_better", "params": {
        "coupon": "N50", "with_coupon_fen": 25000, "without_coupon_fen": 25500}} in sale.applied


def test_non_stackable_coupon_not_spent_when_discounts_are_better() -> None:
    sale = price_sale(cart(item(30000)), member("银卡"), [coupon("N30", 3000, stackable=False)],
                      FASHION, DAY)
    assert sale.total_fen == 25500 and sale.coupons == ()
    assert {"code": "coupon.not_applied", "params": {
        "coupon": "N30", "reason": "other_discounts_better", "with_coupon_fen": 27000,
        "without_coupon_fen": 25500}} in sale.applied


def test_non_stackable_tie_keeps_the_coupon_unspent() -> None:
    sale = price_sale(cart(item(30000)), member("银卡"), [coupon("N45", 4500, stackable=False)],
                      FASHION, DAY)
    assert sale.total_fen == 25500 and sale.coupons == ()
    assert sale.applied[-1]["params"]["reason"] == "tie_kept_unspent"


def test_non_stackable_is_weighed_against_stackable_coupons_too() -> None:
    coupons = [coupon("S20", 2000), coupon("N50", 5000, stackable=False)]
    sale = price_sale(cart(item(30000)), member("银卡"), coupons, FASHION, DAY)
    assert sale.total_fen == 23500 and sale.coupons == ("S20",)
    alone = price_sale(cart(item(30000)), member("银卡"),
                       [coupon("S20", 300), coupon("N50", 5000, stackable=False)], FASHION, DAY)
    assert alone.total_fen == 25000 and alone.coupons == ("N50",)
    assert {"code": "coupon.not_applied",
            "params": {"coupon": "S20", "reason": "not_combinable"}} in alone.applied


def test_walk_in_non_stackable_coupon_applies() -> None:
    sale = price_sale(cart(item(30000)), None, [coupon("N50", 5000, stackable=False)],
                      FASHION, DAY)
    assert sale.total_fen == 25000 and sale.coupons == ("N50",)


# --- rounding and manual discounts -------------------------------------------------------------


@pytest.mark.parametrize(("mode", "total", "shares"), [
    (Rounding.NONE, 3579, [0, 0]), (Rounding.JIAO, 3570, [3, 6]), (Rounding.YUAN, 3500, [27, 52]),
])
def test_rounding_spread_over_lines(mode: Rounding, total: int, shares: list[int]) -> None:
    sale = price_sale(cart(item(1234), item(2345)), None, [], with_pricing(FASHION, rounding=mode),
                      DAY)
    assert sale.total_fen == total and sale.rounding_fen == 3579 - total
    assert [line.rounding_fen for line in sale.lines] == shares
    assert sum(finals(sale)) == total


def test_manual_discount_and_cashier_limit() -> None:
    lines = [CartLine(1, item(10000), 1, manual_discount_fen=1000)]
    sale = price_sale(lines, None, [], FASHION, DAY)
    assert sale.total_fen == 9000 and manual_discount_allowed(sale, FASHION)
    over = price_sale([dataclasses.replace(lines[0], manual_discount_fen=1001)], None, [],
                      FASHION, DAY)
    assert not manual_discount_allowed(over, FASHION)


def test_manual_discount_beyond_the_line_is_refused() -> None:
    lines = [CartLine(1, item(10000), 1, manual_discount_fen=9000)]
    with pytest.raises(ValidationError) as err:
        price_sale(lines, member("银卡"), [], FASHION, DAY)
    assert err.value.code == "discount.manual_exceeds_line"
    assert err.value.params["line_fen"] == 8500


def test_bad_quantity_and_unknown_tier() -> None:
    with pytest.raises(ValidationError):
        price_sale([CartLine(1, item(100), 0)], None, [], FASHION, DAY)
    with pytest.raises(DomainError) as err:
        price_sale(cart(item(100)), member("铂金卡"), [], FASHION, DAY)
    assert err.value.code == "tier.unknown"


# --- invariants ------------------------------------------------------------------------------

classes = st.sampled_from(list(ProductClass))
products = st.builds(
    lambda price, klass, camp: Product(f"S{price}", "x", price, klass,
                                       campaign_price_fen=camp if camp < price else None),
    st.integers(0, 200000), classes, st.integers(0, 200000))
lines_st = st.lists(st.tuples(products, st.integers(1, 5)), min_size=1, max_size=6)
shoppers = st.one_of(st.none(), st.builds(Shopper, st.sampled_from(
    [t.name for t in FASHION.tiers]), st.booleans(), st.booleans()))


@given(lines_st, shoppers, st.sampled_from(Rounding), st.integers(0, 60000),
       st.booleans(), st.booleans())
def test_line_finals_always_sum_to_the_total(
        raw: list[tuple[Product, int]], shopper: Shopper | None, mode: Rounding, amount: int,
        stackable: bool, stack_campaign: bool) -> None:
    pack = with_pricing(FASHION, rounding=mode, campaign_stacks_member_discount=stack_campaign)
    cart_lines = [CartLine(i, p, q) for i, (p, q) in enumerate(raw)]
    sale = price_sale(cart_lines, shopper, [coupon("H", amount, stackable=stackable)], pack, DAY)
    assert sum(finals(sale)) == sale.total_fen
    assert all(0 <= line.final_fen <= line.list_fen for line in sale.lines)
    for line in sale.lines:
        parts = (line.campaign_fen + line.member_fen + line.manual_fen + line.coupon_fen
                 + line.rounding_fen)
        assert line.final_fen == line.list_fen - parts
    assert sale.total_fen % {"none": 1, "jiao": 10, "yuan": 100}[mode.value] == 0
