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
