"""Issue 11's ledger corrections, each replayed by `kaika simulate` with figures worked out by
hand before the run (the comments show the arithmetic)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main

HERE = Path(__file__).resolve().parent


def run(name: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    code = main(["simulate", str(HERE / name)])
    out = capsys.readouterr()
    assert code == 0, out.err
    steps: list[dict[str, Any]] = json.loads(out.out)["steps"]
    return steps


def ok(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The steps, each of which the rules accepted."""
    for step in steps:
        assert "error" not in step, step
    return steps


def test_no_points_item_takes_the_member_discount(capsys: pytest.CaptureFixture[str]) -> None:
    alone, mixed, walk_in = ok(run("rule_no_points_discount.json", capsys))
    assert alone["due_fen"] == 8500  # ¥100.00 × 8.5折
    assert alone["points_earned"] == 0  # no-points: its one exception
    # ¥85.00 + ¥150.00 × 0.85 = ¥85.00 + ¥127.50 = ¥212.50; the ladder counts only lines that
    # earn: ¥127.50 < ¥200 → ×1 → 127 points.
    assert mixed["due_fen"] == 21250
    assert mixed["points_earned"] == 127
    assert walk_in["due_fen"] == 10000  # no member, no discount


def test_no_points_item_takes_the_deposit_discount(capsys: pytest.CaptureFixture[str]) -> None:
    topup, sale = ok(run("rule_no_points_deposit.json", capsys))
    assert topup["bonus_fen"] == 120000  # ¥50,000 ≥ ¥10,000 → +¥1,200
    assert sale["due_fen"] == 15000  # 2 × ¥100.00 = ¥200.00 at 7.5折
    assert sale["points_earned"] == 0


def test_no_receipt_refund_is_at_most_the_lowest_price_paid(
        capsys: pytest.CaptureFixture[str]) -> None:
    member_sale, walk_in_sale, member_back, walk_in_back, no_manager, too_late = run(
        "rule_no_receipt_refund.json", capsys)
    assert member_sale["due_fen"] == 8500 and member_sale["points_earned"] == 85
    assert walk_in_sale["due_fen"] == 10000
    # The member paid ¥85.00: ¥85.00 back (not the ¥100.00 list price), to stored value, and
    # the 85 points such a purchase earns are taken back: balance 0, not −15.
    assert member_back["due_fen"] == -8500
    assert [(t["kind"], t["amount_fen"]) for t in member_back["tenders"]] == [("wallet", -8500)]
    assert member_back["members"]["m1"]["wallet_principal_fen"] == 8500
    assert member_back["members"]["m1"]["points"] == 0
    # A walk-in: the lowest anyone paid in the window is the member's ¥85.00, in cash.
    assert walk_in_back["due_fen"] == -8500
    assert [(t["kind"], t["amount_fen"]) for t in walk_in_back["tenders"]] == [("cash", -8500)]
    assert no_manager["error"]["code"] == "return.manager_required"
    # 15 August is 98 days after the last sale: none in the window, an amount must be typed.
    assert too_late["error"]["code"] == "return.amount_required"


def test_full_refund_sets_the_tier_back_and_withdraws_the_coupon(
        capsys: pytest.CaptureFixture[str]) -> None:
    sale, back, next_sale = ok(run("rule_return_takes_back_tier.json", capsys))
    # ¥2,600 ≥ ¥2,500 in one sale → 银卡 from the next sale; ≥ ¥888 → the ¥200 coupon;
    # ¥2,600 ≥ ¥1,000 → ×3 → 7,800 points.
    assert (sale["due_fen"], sale["tier_change"], sale["points_earned"]) == (260000, "银卡", 7800)
    [won] = sale["coupons_issued"]
    assert back["due_fen"] == -260000 and back["points_earned"] == -7800
    assert back["coupons_withdrawn"] == [won]
    assert back["tier_change"] == "普通会员"
    assert back["members"]["m1"] == {**back["members"]["m1"], "tier": "普通会员", "points": 0}
    assert next_sale["due_fen"] == 10000  # ¥100.00, not 银卡's ¥85.00


def test_partial_return_swaps_the_coupon_for_the_one_the_rest_earns(
        capsys: pytest.CaptureFixture[str]) -> None:
    sale, first, second = ok(run("rule_return_takes_back_coupon.json", capsys))
    # ¥1,000 paid: 满 ¥888 → ¥200 coupon; ≥ ¥1,000 → ×3 → 3,000 points; no tier (< ¥2,500).
    assert (sale["due_fen"], sale["points_earned"], sale["tier_change"]) == (100000, 3000, None)
    [won] = sale["coupons_issued"]
    # B (¥400) back: ¥600 kept → 满 ¥488 → the ¥100 coupon instead; 600 × 2 = 1,200 points
    # kept, 1,800 taken back.
    assert first["due_fen"] == -40000 and first["points_earned"] == -1800
    assert first["coupons_withdrawn"] == [won]
    [instead] = first["coupons_issued"]
    assert instead != won
    assert first["members"]["m1"]["points"] == 1200
    # A back too: nothing kept, the ¥100 coupon goes, 1,200 points taken back.
    assert second["coupons_withdrawn"] == [instead] and second["coupons_issued"] == []
    assert second["points_earned"] == -1200 and second["members"]["m1"]["points"] == 0


def test_return_after_the_anniversary_undoes_the_retention(
        capsys: pytest.CaptureFixture[str]) -> None:
    sale, close, back, next_sale = ok(run("rule_return_after_anniversary.json", capsys))
    # 银卡 8.5折: ¥1,200.00 → ¥1,020.00; ≥ ¥1,000 → ×3 → 3,060 points.
    assert (sale["due_fen"], sale["points_earned"]) == (102000, 3060)
    # Year 2024-06-01..2025-05-31: ¥2,000 + ¥1,020 = ¥3,020 ≥ ¥3,000 → kept at 2025-06-01.
    assert close["tier_changes"] == [["银卡", "银卡", "retained"]]
    # Returned on 5 June: the year is ¥2,000 < ¥3,000 → 普通会员 from the anniversary.
    assert back["due_fen"] == -102000 and back["tier_change"] == "普通会员"
    assert back["members"]["m1"]["points"] == 0
    assert next_sale["due_fen"] == 10000


def test_refunded_points_from_a_dead_lot_expire_at_once(
        capsys: pytest.CaptureFixture[str]) -> None:
    sale, back, close = ok(run("rule_refund_keeps_lot_expiry.json", capsys))
    # ¥100.00: 700 points pay ¥70.00 (from the 2024 lot, soonest to expire), cash ¥30.00
    # earns 30 points. Balance 700 + 1,000 − 700 + 30 = 1,030.
    assert sale["points_earned"] == 30 and sale["members"]["m1"]["points"] == 1030
    # 5 Jan 2026: the 700 go back to the 2024 lot, dead since 31 Dec 2025, and expire that
    # day; the 30 earned are taken back: 1,030 + 700 − 30 − 700 = 1,000.
    assert back["points_earned"] == -30
    assert back["members"]["m1"]["points_expired"] == 700
    assert back["members"]["m1"]["points"] == 1000
    # 2 Jan 2027: the 2025 lot's 1,000 expire; nothing refunded survives into 2027.
    assert close["points_expired"] == 1000 and close["members"]["m1"]["points"] == 0


def test_refunded_points_go_back_to_their_own_lots(capsys: pytest.CaptureFixture[str]) -> None:
    sale, back, close_2025, close_2026 = ok(run("rule_refund_restores_lots.json", capsys))
    # 800 points (¥80.00) take the 2024 lot's 500 and 300 of the 2025 lot; ¥20.00 earns 20.
    assert sale["members"]["m1"]["points"] == 1300 - 800 + 20
    assert back["members"]["m1"]["points"] == 1300  # 800 back, 20 taken back
    # The 2024 lot's 500 end with 2025, the 2025 lot's 800 with 2026: as if never spent.
    assert close_2025["points_expired"] == 500
    assert close_2026["points_expired"] == 800 and close_2026["members"]["m1"]["points"] == 0


def test_a_return_after_a_review_is_counted_in_that_year_only(
        capsys: pytest.CaptureFixture[str]) -> None:
    sale, close, back, next_sale, next_close = ok(run("rule_return_counted_once.json", capsys))
    assert sale["due_fen"] == 100000  # 金卡 8折: ¥1,250.00 → ¥1,000.00
    # Year to 2025-05-31: ¥4,000 + ¥1,000 = ¥5,000 ≥ ¥5,000 → 金卡 kept.
    assert close["tier_changes"] == [["金卡", "金卡", "retained"]]
    # Returned on 5 June: that year is ¥4,000 → 银卡 (≥ ¥3,000) from 2025-06-01.
    assert back["tier_change"] == "银卡"
    assert next_sale["due_fen"] == 306000  # 银卡 8.5折: ¥3,600.00 → ¥3,060.00
    # Year to 2026-05-31: ¥3,060 ≥ ¥3,000 → 银卡 kept; the June return is not counted again
    # (¥3,060 − ¥1,000 = ¥2,060 would have dropped the member to 普通会员).
    assert next_close["tier_changes"] == [["银卡", "银卡", "retained"]]
