"""DOMAIN.md §13 worked examples, each a scenario file replayed by `kaika simulate`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main

HERE = Path(__file__).resolve().parent


def simulate(name: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code = main(["simulate", str(HERE / name)])
    out = capsys.readouterr()
    assert code == 0, out.err
    result: dict[str, Any] = json.loads(out.out)
    for step in result["steps"]:
        assert "error" not in step, step
    return result


def test_example_1_silver_member_ladder_doubles(capsys: pytest.CaptureFixture[str]) -> None:
    step = simulate("ex1_silver_cash.json", capsys)["steps"][0]
    assert step["due_fen"] == 21250
    assert step["points_earned"] == 425
    assert step["change_fen"] == 30000 - 21250
    assert step["members"]["m1"]["points"] == 425
    codes = {a["code"] for a in step["applied"]}
    assert any("tier" in c for c in codes), codes


def test_example_2_birthday_beats_tier_and_highest_multiplier_wins(
        capsys: pytest.CaptureFixture[str]) -> None:
    step = simulate("ex2_gold_birthday.json", capsys)["steps"][0]
    assert step["due_fen"] == 22500
    assert step["points_earned"] == 450


def test_example_3_special_price_half_rate_below_ladder(
        capsys: pytest.CaptureFixture[str]) -> None:
    step = simulate("ex3_silver_special.json", capsys)["steps"][0]
    assert step["due_fen"] == 18500
    assert step["points_earned"] == 135


def test_example_4_points_as_cash(capsys: pytest.CaptureFixture[str]) -> None:
    step = simulate("ex4_points_as_cash.json", capsys)["steps"][0]
    assert step["due_fen"] == 41200
    assert [(t["kind"], t["amount_fen"]) for t in step["tenders"]] == [
        ("points", 30000), ("cash", 11200)]
    assert step["points_earned"] == 112
    assert step["members"]["m1"]["points"] == 562


def test_example_5_soonest_lot_first_and_y_plus_1_expiry(
        capsys: pytest.CaptureFixture[str]) -> None:
    steps = simulate("ex5_lots_expiry.json", capsys)["steps"]
    assert steps[0]["members"]["m1"]["points"] == 700
    assert steps[0]["points_earned"] == 0
    new_year, last_day, after = steps[1]["members"]["m1"], steps[2]["members"]["m1"], steps[3][
        "members"]["m1"]
    assert (new_year["points_expired"], new_year["points"]) == (0, 700)
    assert (last_day["points_expired"], last_day["points"]) == (0, 700)
    assert (after["points_expired"], after["points"]) == (700, 0)


def test_example_6_ladder10_multi_level_downgrade(capsys: pytest.CaptureFixture[str]) -> None:
    steps = simulate("ex6_ladder10_anniversary.json", capsys)["steps"]
    before = {ref: m["tier"] for ref, m in steps[0]["members"].items()}
    assert before == {"stay": "双钻", "down1": "双钻", "down3": "双钻"}
    after = {ref: m["tier"] for ref, m in steps[1]["members"].items()}
    assert after == {"stay": "双钻", "down1": "一钻", "down3": "金牌"}


def test_example_7_return_recomputes_points(capsys: pytest.CaptureFixture[str]) -> None:
    steps = simulate("ex7_return_takes_points.json", capsys)["steps"]
    assert steps[0]["points_earned"] == 425
    assert steps[1]["due_fen"] == -12750
    assert steps[1]["points_earned"] == -340
    assert steps[1]["members"]["m1"]["points"] == 85


def test_the_installed_command_runs_a_scenario() -> None:
    """The console script itself, as a manager would type it."""
    kaika = Path(sys.executable).with_name("kaika")
    done = subprocess.run([str(kaika), "simulate", str(HERE / "ex1_silver_cash.json")],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["steps"][0]["points_earned"] == 425
