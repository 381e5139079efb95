"""Coupons: codes, validity, single use, giving back on a full return, spend-and-get (§9)."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import coupons
from domain.errors import DomainError, RulePackError, ValidationError
from domain.records import Coupon, CouponState, CouponTemplate
from domain.rulepack import CouponRules, SpendAndGet

AT = datetime(2025, 3, 1, 2, 30, tzinfo=UTC)
ON = date(2025, 3, 1)
SIGNUP = CouponTemplate(code="SIGNUP50", name="入会礼 ¥50", kind="cash", amount_fen=5000,
                        valid_days=30)
T100 = CouponTemplate(code="SG100", name="满488送100", kind="cash", amount_fen=10000,
                      min_spend_fen=50000, stackable=False, valid_days=30)
T200 = CouponTemplate(code="SG200", name="满888送200", kind="cash", amount_fen=20000,
                      min_spend_fen=100000, stackable=False, valid_days=30)
SPRING = CouponTemplate(code="SPRING", name="春季9折", kind="percent", rate=Decimal("0.9"),
                        valid_from=date(2025, 3, 10), valid_to=date(2025, 4, 30),
                        classes=("regular",))
RULES = CouponRules(templates=(SIGNUP, T100, T200, SPRING), signup_template="SIGNUP50",
                    spend_and_get=(SpendAndGet(48800, "SG100"), SpendAndGet(88800, "SG200")))


def fixed_bytes(n: int) -> bytes:
    return bytes(range(1, n + 1))


CODE = coupons.new_code(fixed_bytes)


def mistyped(code: str) -> str:
    """The code with its fourth character changed: one typing slip."""
    return code[:3] + ("0" if code[3] != "0" else "1") + code[4:]

codes = st.binary(min_size=7, max_size=7).map(lambda b: coupons.new_code(lambda n: b))


def test_new_code_shape() -> None:
    assert coupons.new_code(fixed_bytes) == CODE  # the randomness is injected
    assert len(CODE) == 12 and CODE.isascii() and CODE.isalnum() and CODE.upper() == CODE
    assert set(CODE) <= set(coupons.ALPHABET)
    assert not set(CODE) & set("ILOU")
    assert coupons.valid_code(CODE)
    assert coupons.new_code(os.urandom) != coupons.new_code(os.urandom)


@given(codes, st.integers(0, 11), st.sampled_from(coupons.ALPHABET))
def test_every_single_wrong_character_is_caught(code: str, position: int, char: str) -> None:
    typo = code[:position] + char + code[position + 1:]
    assert coupons.valid_code(typo) == (typo == code)


@given(codes, st.integers(0, 10))
def test_swapped_neighbours_are_caught_unless_equal(code: str, position: int) -> None:
    a, b = code[position], code[position + 1]
    swapped = code[:position] + b + a + code[position + 2:]
    # Luhn mod 32 misses one swap only: the first and last characters of the alphabet, 0↔Z.
    if a != b and {a, b} != {"0", "Z"}:
        assert not coupons.valid_code(swapped)


def test_typed_codes_are_normalised() -> None:
    typed = "-".join([CODE[:4], CODE[4:8], CODE[8:]]).lower()
    assert coupons.format_code(CODE) == typed.upper()
    assert coupons.valid_code(typed)
    assert coupons.normalize_code(" 0o1i-L ") == "00111"
    assert not coupons.valid_code(CODE[:-1])
    assert not coupons.valid_code(CODE[:-1] + "U")


def test_issue_n_days_counts_the_day_of_issue() -> None:
    coupon = coupons.issue(SIGNUP, CODE.lower(), "m1", AT, ON, "signup")
    assert coupon == Coupon(
        code=CODE, template_code="SIGNUP50", kind="cash", amount_fen=5000, rate=None,
        min_spend_fen=0, stackable=True, valid_from=date(2025, 3, 1),
        valid_to=date(2025, 3, 30), state=CouponState.ISSUED, issued_at=AT, member_id="m1",
        issued_reason="signup")


def test_issue_fixed_dates_and_both() -> None:
    spring = coupons.issue(SPRING, CODE, None, AT, ON, "bulk")
    assert (spring.valid_from, spring.valid_to) == (date(2025, 3, 10), date(2025, 4, 30))
    assert (spring.rate, spring.classes) == (Decimal("0.9"), ("regular",))
    both = CouponTemplate(code="B", name="b", kind="cash", amount_fen=1000, valid_days=30,
                          valid_to=date(2025, 3, 15))
    assert coupons.validity(both, ON) == (date(2025, 3, 1), date(2025, 3, 15))
    assert coupons.validity(SPRING, date(2025, 4, 1)) == (date(2025, 4, 1), date(2025, 4, 30))


def test_issue_refusals() -> None:
    with pytest.raises(DomainError) as caught:
        coupons.issue(SPRING, CODE, None, AT, date(2025, 5, 1), "bulk")
    assert caught.value.code == "coupon.template_expired"
    assert caught.value.params == {"template": "SPRING", "valid_to": date(2025, 4, 30)}
    with pytest.raises(RulePackError, match=r"coupon\.template_invalid"):
        coupons.issue(CouponTemplate(code="X", name="x", kind="cash"), CODE, None, AT, ON, "x")
    with pytest.raises(ValidationError, match=r"coupon\.bad_code"):
        coupons.issue(SIGNUP, mistyped(CODE), None, AT, ON, "signup")


def issued(member_id: str | None = "m1", template: CouponTemplate = SIGNUP) -> Coupon:
    return coupons.issue(template, CODE, member_id, AT, ON, "signup")


def refusal(coupon: Coupon | None, code: str, member_id: str | None, on: date) -> DomainError:
    with pytest.raises(DomainError) as caught:
        coupons.check_redeemable(coupon, code, member_id, on)
    return caught.value


def test_check_redeemable_accepts_a_good_coupon() -> None:
    coupon = issued()
    assert coupons.check_redeemable(coupon, CODE, "m1", date(2025, 3, 30)) is coupon
    bearer = issued(member_id=None)
    assert coupons.check_redeemable(bearer, CODE, None, ON) is bearer
    assert coupons.check_redeemable(bearer, CODE, "m9", ON) is bearer


def test_check_redeemable_tells_unknown_from_mistyped() -> None:
    assert refusal(None, CODE, "m1", ON).code == "coupon.unknown"
    typo = mistyped(CODE)
    error = refusal(None, typo, "m1", ON)
    assert (error.code, error.params) == ("coupon.bad_code", {"code": typo})


def test_check_redeemable_reasons() -> None:
    coupon = issued()
    used = coupons.redeem(coupon, "sale-1", AT)
    assert refusal(used, CODE, "m1", ON).params == {"code": CODE, "sale_id": "sale-1"}
    assert refusal(used, CODE, "m1", ON).code == "coupon.used"
    assert refusal(coupons.void(coupon), CODE, "m1", ON).code == "coupon.void"
    assert refusal(coupons.expire(coupon), CODE, "m1", ON).code == "coupon.expired"
    late = refusal(coupon, CODE, "m1", date(2025, 3, 31))
    assert (late.code, late.params["valid_to"]) == ("coupon.expired", date(2025, 3, 30))
    early = refusal(issued(template=SPRING), CODE, "m1", date(2025, 3, 9))
    assert (early.code, early.params["valid_from"]) == ("coupon.not_yet_valid",
                                                        date(2025, 3, 10))
    other = refusal(coupon, CODE, "m2", ON)
    assert (other.code, other.params) == ("coupon.other_member", {"code": CODE})
    assert refusal(coupon, CODE, None, ON).code == "coupon.other_member"


def test_redeem_is_once_only_and_leaves_the_original_alone() -> None:
    coupon = issued()
    used = coupons.redeem(coupon, "sale-1", AT)
    assert (used.state, used.redeemed_sale_id, used.redeemed_at) == (
        CouponState.REDEEMED, "sale-1", AT)
    assert coupon.state is CouponState.ISSUED
    with pytest.raises(DomainError, match=r"coupon\.used"):
        coupons.redeem(used, "sale-2", AT)
    with pytest.raises(DomainError, match=r"coupon\.void"):
        coupons.redeem(coupons.void(coupon), "sale-2", AT)


def test_full_return_gives_the_coupon_back_within_validity() -> None:
    used = coupons.redeem(issued(), "sale-1", AT)
    back = coupons.unredeem(used, date(2025, 3, 30))
    assert (back.state, back.redeemed_sale_id, back.redeemed_at) == (CouponState.ISSUED, None,
                                                                     None)
    assert coupons.unredeem(used, date(2025, 3, 31)).state is CouponState.EXPIRED
    assert coupons.unredeem(used).state is CouponState.ISSUED
    with pytest.raises(DomainError, match=r"coupon\.not_redeemed"):
        coupons.unredeem(back)


def test_spend_and_get_issues_only_the_highest_step_met() -> None:
    assert coupons.spend_and_get(48799, RULES) is None
    assert coupons.spend_and_get(48800, RULES) == T100
    assert coupons.spend_and_get(88799, RULES) == T100
    assert coupons.spend_and_get(88800, RULES) == T200
    assert coupons.spend_and_get(1_000_000, RULES) == T200
    assert coupons.spend_and_get(100_000, CouponRules()) is None


def test_spend_and_get_naming_a_missing_template_is_a_pack_error() -> None:
    broken = CouponRules(spend_and_get=(SpendAndGet(48800, "NOPE"),))
    with pytest.raises(RulePackError) as caught:
        coupons.spend_and_get(50000, broken)
    assert caught.value.params == {"key": "coupons.spend_and_get", "template": "NOPE"}


def test_due_to_expire_lists_issued_coupons_past_their_last_day() -> None:
    a = issued()  # valid to 2025-03-30
    b = coupons.issue(T100, coupons.new_code(lambda n: b"\xff" * n), "m1", AT, date(2025, 2, 1),
                      "spend_and_get")  # valid to 2025-03-02
    used = coupons.redeem(coupons.issue(T200, coupons.new_code(lambda n: b"\x00" * n), "m1",
                                        AT, date(2025, 2, 1), "x"), "s", AT)
    assert coupons.due_to_expire([a, b, used], date(2025, 3, 30)) == [b]
    assert coupons.due_to_expire([a, b, used], date(2025, 3, 31)) == [b, a]
    assert coupons.expire(b).state is CouponState.EXPIRED
    assert coupons.expire(used) is used
