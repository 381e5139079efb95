"""Alliance agreements from a file's tables: every mistake named by its JSON path and code."""

from __future__ import annotations

from datetime import date

import pytest

from domain.alliance import (
    Agreement,
    AgreementError,
    parse_agreement,
    parse_agreements,
    partner_terms,
    template_problems,
)
from domain.records import CouponKind, CouponTemplate

GOOD = {"issuer": "M001", "partner": "M002", "discount_bp": {"regular": 1000, "new": 500},
        "points_per_yuan": 2, "points_spendable": True, "point_value_fen": 1,
        "commission_bp": 300, "starts_on": "2026-12-01"}


def test_a_good_agreement_reads_and_writes_back() -> None:
    found = parse_agreement(GOOD)
    assert found == Agreement(issuer="M001", partner="M002", starts_on=date(2026, 12, 1),
                              discount_bp={"regular": 1000, "new": 500}, points_per_yuan=2,
                              points_spendable=True, point_value_fen=1, commission_bp=300)
    assert parse_agreement(found.to_dict()) == found
    assert found.points_earned(8650) == 172  # 86 whole yuan × 2; the 0.50 earns nothing
    assert found.in_force(date(2027, 5, 1)) and not found.in_force(date(2026, 11, 30))


def _problems(data: object) -> list[str]:
    with pytest.raises(AgreementError) as err:
        parse_agreements(data)
    return [str(p) for p in err.value.problems]


def test_every_problem_is_named_by_its_path() -> None:
    rows = [GOOD,
            {**GOOD, "partner": "M001", "commission_bp": 10001, "colour": "red"},
            {**GOOD, "issuer": "M003", "discount_bp": {"regular": "10%"}, "starts_on": "1.12.2026",
             "points_spendable": "yes", "point_value_fen": 0}]
    assert _problems({"agreements": rows}) == [
        "$.agreements[1].colour: alliance.unknown_field",
        "$.agreements[1].commission_bp: alliance.out_of_range",
        "$.agreements[1].partner: alliance.same_merchant",
        "$.agreements[2].starts_on: alliance.not_a_date",
        "$.agreements[2].discount_bp.regular: alliance.not_an_integer",
        "$.agreements[2].points_spendable: alliance.not_true_or_false",
        "$.agreements[2].point_value_fen: alliance.point_value_missing",
    ]


def test_overlapping_terms_for_one_pair_are_refused() -> None:
    later = {**GOOD, "starts_on": "2027-06-01"}
    ended = {**GOOD, "ends_on": "2027-05-31"}
    assert _problems({"agreements": [GOOD, later]}) == [
        "$.agreements[1].starts_on: alliance.overlapping_agreement"]
    assert len(parse_agreements({"agreements": [ended, later]})) == 2
    assert _problems({"agreements": [{**GOOD, "ends_on": "2026-11-30"}]}) == [
        "$.agreements[0].ends_on: alliance.ends_before_start"]
    assert _problems({"agreements": []}) == ["$.agreements: alliance.no_agreements"]
    assert _problems({"agreements": [{**GOOD, "settlement": "weekly"}]}) == [
        "$.agreements[0].settlement: alliance.period_unsupported"]


def test_a_partner_discount_only_on_classes_that_take_one() -> None:
    """DOMAIN §6: special, group-buy and no-discount lines take no member discount, so no
    partner discount either; a hyphen is accepted for the underscore."""
    rows = {"agreements": [{**GOOD, "discount_bp": {
        "special": 500, "group-buy": 500, "no_discount": 100, "shoes": 300,
        "no-points": 200}}]}
    assert _problems(rows) == [
        "$.agreements[0].discount_bp.special: alliance.class_takes_no_discount",
        "$.agreements[0].discount_bp.group-buy: alliance.class_takes_no_discount",
        "$.agreements[0].discount_bp.no_discount: alliance.class_takes_no_discount",
        "$.agreements[0].discount_bp.shoes: alliance.unknown_product_class"]
    found = parse_agreement({**GOOD, "discount_bp": {"no-points": 200}})
    assert found.discount_bp == {"no_points": 200}


def test_the_terms_a_partner_till_receives() -> None:
    item = {"id": "0190-a", "alliance": "A1", "issuer_brand": "13", "issuer_name": "时装",
            **parse_agreement(GOOD).to_dict()}
    terms = partner_terms(item)
    assert (terms.id, terms.alliance, terms.issuer_brand) == ("0190-a", "A1", "13")
    assert terms.agreement == parse_agreement(GOOD)
    assert terms.agreement.discount_bp_for("regular") == 1000
    assert terms.agreement.discount_bp_for("special") == 0
    with pytest.raises(AgreementError) as err:
        partner_terms({**item, "issuer_brand": None, "points_per_yuan": -1})
    assert [str(p) for p in err.value.problems] == [
        "$.issuer_brand: alliance.missing_field", "$.points_per_yuan: alliance.out_of_range"]


def test_coupon_templates_are_distinct_short_codes_named_by_index() -> None:
    found = parse_agreement({**GOOD, "coupon_templates": ["signup50", " spend488 "]})
    assert found.coupon_templates == ("signup50", "spend488")
    assert parse_agreement(found.to_dict()) == found
    assert parse_agreement(GOOD).coupon_templates == ()
    assert "coupon_templates" not in parse_agreement(GOOD).to_dict()
    assert _problems({"agreements": [
        {**GOOD, "coupon_templates": ["a", "", "a", 7, "x" * 33, "y" * 32]}]}) == [
        "$.agreements[0].coupon_templates[1]: alliance.bad_template",
        "$.agreements[0].coupon_templates[2]: alliance.bad_template",
        "$.agreements[0].coupon_templates[3]: alliance.bad_template",
        "$.agreements[0].coupon_templates[4]: alliance.bad_template"]
    assert _problems({"agreements": [{**GOOD, "coupon_templates": "signup50"}]}) == [
        "$.agreements[0].coupon_templates: alliance.not_a_list"]


def test_only_the_issuers_cash_templates_may_cross() -> None:
    pack = {"c50": CouponTemplate(code="c50", name="¥50", kind=CouponKind.CASH, amount_fen=5000),
            "p90": CouponTemplate(code="p90", name="9折", kind=CouponKind.PERCENT),
            "gift": CouponTemplate(code="gift", name="赠品", kind=CouponKind.GIFT,
                                   gift_sku="S1")}
    agreement = parse_agreement({**GOOD, "coupon_templates": ["c50", "p90", "gift", "none"]})
    assert [str(p) for p in template_problems(agreement, pack, "$.agreements[2]")] == [
        "$.agreements[2].coupon_templates[1]: alliance.template_not_portable",
        "$.agreements[2].coupon_templates[2]: alliance.template_not_portable",
        "$.agreements[2].coupon_templates[3]: alliance.template_unknown"]
    assert template_problems(parse_agreement(GOOD), pack, "$") == []
