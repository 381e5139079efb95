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
