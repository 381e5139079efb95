"""Stored value: bonus tiers, deposit discounts, proportional draws and refunds (DOMAIN §8)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import wallet
from domain.errors import DomainError, ValidationError
from domain.rulepack import BonusTier, DepositDiscount, WalletRules

# The defaults of DOMAIN §8 and the `retail` pack's deposit discounts (seed 003).
RULES = WalletRules(
    bonus_tiers=(BonusTier(100_000, 5_000), BonusTier(500_000, 50_000),
                 BonusTier(1_000_000, 120_000)),
    deposit_discounts=(DepositDiscount(5_000_000, Decimal("0.75")),
                       DepositDiscount(10_000_000, Decimal("0.7"))),
    pin_above_fen=50_000, min_topup_fen=100)


@pytest.mark.parametrize(("amount", "bonus"), [
    (99_999, 0), (100_000, 5_000), (499_999, 5_000), (500_000, 50_000),
    (999_999, 50_000), (1_000_000, 120_000), (3_000_000, 120_000),
])
def test_topup_bonus_is_the_highest_tier_met(amount: int, bonus: int) -> None:
    assert wallet.topup_bonus(amount, RULES) == bonus


def test_topup_bonus_does_not_depend_on_tier_order() -> None:
    shuffled = WalletRules(bonus_tiers=tuple(reversed(RULES.bonus_tiers)))
    assert wallet.topup_bonus(600_000, shuffled) == 50_000
    assert wallet.topup_bonus(600_000, WalletRules()) == 0


def test_topup_credits_principal_and_bonus_apart() -> None:
    assert wallet.topup(500_000, RULES) == (500_000, 50_000)
    assert wallet.topup(100, RULES) == (100, 0)


@pytest.mark.parametrize("amount", [0, -100, True])
def test_topup_amount_must_be_positive_fen(amount: int) -> None:
    with pytest.raises(ValidationError) as caught:
        wallet.check_topup(amount, RULES)
    assert (caught.value.code, caught.value.params["field"]) == ("wallet.bad_amount",
                                                                 "amount_fen")


def test_topup_below_the_minimum() -> None:
    with pytest.raises(DomainError) as caught:
        wallet.check_topup(99, RULES)
    assert caught.value.code == "wallet.topup_too_small"
    assert caught.value.params == {"amount_fen": 99, "min_fen": 100}


def test_deposit_discount_one_deposit_unlocks_a_rate() -> None:
    assert wallet.deposit_discount(4_999_999, RULES) is None
    assert wallet.deposit_discount(5_000_000, RULES) == DepositDiscount(5_000_000,
                                                                        Decimal("0.75"))
    found = wallet.deposit_discount(12_000_000, RULES)
    assert found is not None and (found.rate, found.days) == (Decimal("0.7"), 365)
    assert wallet.deposit_discount(12_000_000, WalletRules()) is None


def test_draw_in_proportion_bonus_rounded_down() -> None:
    # After a ¥1,000 top-up: principal ¥1,000, bonus ¥50. Paying ¥100.00:
    # bonus share 10000 × 5000 / 105000 = 476.19 → 476 fen; principal 9,524 fen.
    assert wallet.draw(100_000, 5_000, 10_000) == (9_524, 476)
    assert wallet.draw(100_000, 5_000, 105_000) == (100_000, 5_000)
    assert wallet.draw(0, 5_000, 1_234) == (0, 1_234)
    assert wallet.draw(100_000, 0, 1_234) == (1_234, 0)
    assert wallet.draw(1, 1, 1) == (1, 0)  # the odd fen comes from principal


def test_draw_beyond_the_balance() -> None:
    with pytest.raises(DomainError) as caught:
        wallet.draw(100_000, 5_000, 105_001)
    assert caught.value.code == "wallet.insufficient"
    assert caught.value.params == {"balance_fen": 105_000, "amount_fen": 105_001}


def test_draw_treats_an_overdrawn_part_as_empty() -> None:
    assert wallet.draw(10_000, -500, 3_000) == (3_000, 0)
    with pytest.raises(DomainError, match=r"wallet\.insufficient"):
        wallet.draw(10_000, -500, 10_001)
    with pytest.raises(ValidationError, match=r"wallet\.bad_amount"):
        wallet.draw(10_000, 0, 0)


balances = st.tuples(st.integers(0, 10**9), st.integers(0, 10**8)).filter(lambda pb: sum(pb) > 0)


@given(balances, st.data())
def test_draw_invariants(balance: tuple[int, int], data: st.DataObject) -> None:
    principal, bonus = balance
    amount = data.draw(st.integers(1, principal + bonus))
    p, b = wallet.draw(principal, bonus, amount)
    assert p + b == amount
    assert 0 <= p <= principal and 0 <= b <= bonus
    # Bonus share never above its exact proportion, and less than one fen below it.
    assert b * (principal + bonus) <= amount * bonus < (b + 1) * (principal + bonus)


def test_refund_goes_back_in_the_payment_proportions() -> None:
    assert wallet.refund(9_524, 476, 10_000) == (9_524, 476)
    first = wallet.refund(9_524, 476, 5_000)
    assert first == (4_762, 238)
    assert wallet.refund(9_524 - first[0], 476 - first[1], 5_000) == (4_762, 238)


def test_refund_cannot_exceed_the_payment() -> None:
    with pytest.raises(DomainError) as caught:
        wallet.refund(9_524, 476, 10_001)
    assert caught.value.code == "wallet.refund_exceeds_payment"
    assert caught.value.params == {"refund_fen": 10_001, "paid_fen": 10_000}


@given(balances, st.lists(st.integers(1, 10**6), min_size=1, max_size=6))
def test_partial_refunds_of_what_is_left_return_the_payment_exactly(
        payment: tuple[int, int], cuts: list[int]) -> None:
    principal_left, bonus_left = payment
    for cut in cuts:
        amount = min(cut, principal_left + bonus_left)
        if amount == 0:
            break
        p, b = wallet.refund(principal_left, bonus_left, amount)
        assert p + b == amount and p <= principal_left and b <= bonus_left
        principal_left, bonus_left = principal_left - p, bonus_left - b
    if principal_left + bonus_left:
        assert wallet.refund(principal_left, bonus_left, principal_left + bonus_left) == (
            principal_left, bonus_left)


def test_close_refunds_principal_and_forfeits_bonus() -> None:
    assert wallet.close(95_476, 4_524) == (95_476, 4_524)
    assert wallet.close(0, 0) == (0, 0)
    with pytest.raises(DomainError) as caught:
        wallet.close(-100, 200)
    assert caught.value.params == {"principal_fen": -100, "bonus_fen": 200}


def test_pin_needed_strictly_above_the_threshold() -> None:
    assert not wallet.needs_pin(50_000, RULES)
    assert wallet.needs_pin(50_001, RULES)
    assert wallet.needs_pin(1, WalletRules(pin_above_fen=0))
