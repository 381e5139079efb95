"""Scenarios of our own for the rules of DOMAIN §3 and §5–§9, replayed by `kaika simulate`."""

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


def test_upgrade_applies_from_the_next_sale(capsys: pytest.CaptureFixture[str]) -> None:
    first, second = run("rule_tier_upgrade.json", capsys)
    assert first["due_fen"] == 260000  # priced at 普通会员: no discount
    assert first["tier_change"] == "银卡"
    assert first["points_earned"] == 7800  # ≥ ¥1,000 → ×3
    assert len(first["coupons_issued"]) == 1  # 满 ¥888 送 ¥200
    assert second["due_fen"] == 8500  # 银卡 8.5折 from the next sale
    assert second["members"]["m1"]["tier"] == "银卡"


def test_wallet_bonus_proportional_draw_and_close(capsys: pytest.CaptureFixture[str]) -> None:
    topup, sale, close = run("rule_wallet.json", capsys)
    assert topup["bonus_fen"] == 5000
    assert (topup["members"]["m1"]["wallet_principal_fen"],
            topup["members"]["m1"]["wallet_bonus_fen"]) == (100000, 5000)
    wallet = sale["tenders"][0]
    assert (wallet["wallet_principal_fen"], wallet["wallet_bonus_fen"]) == (28572, 1428)
    # Money paid excludes the bonus: ¥285.72 eligible, ≥ ¥200 → ×2, rounded down once.
    assert sale["points_earned"] == 571
    assert (close["refund_fen"], close["forfeit_fen"]) == (71428, 3572)
    assert close["members"]["m1"]["wallet_principal_fen"] == 0
    assert close["members"]["m1"]["wallet_bonus_fen"] == 0


def test_coupons_stacking_validity_and_minimum(capsys: pytest.CaptureFixture[str]) -> None:
    alone, expired, member_better, minimum = run("rule_coupons.json", capsys)
    assert alone["due_fen"] == 20000  # coupon alone beats 8.5折 (¥212.50)
    assert expired["error"]["code"] == "coupon.expired"
    assert expired["members"]["m1"]["points"] == alone["members"]["m1"]["points"]
    assert member_better["due_fen"] == 221000  # 8.5折 beats ¥50 off; coupon kept
    assert any("coupon" in a["code"] for a in member_better["applied"])
    assert minimum["error"]["code"] == "coupon.min_spend"


def test_signup_referral_and_known_mobile(capsys: pytest.CaptureFixture[str]) -> None:
    signup, again, review = run("rule_signup_referral.json", capsys)
    assert signup["created"] is True
    assert len(signup["coupons_issued"]) == 1  # ¥50 sign-up coupon
    assert signup["members"]["m1"]["points"] == 20  # referral bonus to the referrer
    assert again["created"] is False
    assert review["members"]["m2"]["points"] == 10


def test_negative_balance_blocks_redemption(capsys: pytest.CaptureFixture[str]) -> None:
    earn, spend, back, refused, bonus = run("rule_negative_balance.json", capsys)
    assert earn["members"]["m1"]["points"] == 150
    assert spend["members"]["m1"]["points"] == 50
    assert back["points_earned"] == -150
    assert back["members"]["m1"]["points"] == -100
    assert refused["error"]["code"] == "points.negative_balance"
    assert refused["members"]["m1"]["points"] == -100
    assert bonus["members"]["m1"]["points"] == -90


def test_full_return_gives_every_tender_back(capsys: pytest.CaptureFixture[str]) -> None:
    sale, back = run("rule_full_return_restores.json", capsys)
    assert sale["members"]["m1"]["points"] != 2000
    m = back["members"]["m1"]
    assert (m["points"], m["wallet_principal_fen"], m["wallet_bonus_fen"]) == (2000, 100000, 5000)
    assert back["due_fen"] == -sale["due_fen"]


def test_issue_example_runs_every_step(capsys: pytest.CaptureFixture[str]) -> None:
    steps = run("issue_example.json", capsys)
    assert [s["do"] for s in steps] == ["sale", "return", "register", "topup", "bonus",
                                        "close_day"]
    for step in steps:
        assert {"index", "do", "members"} <= step.keys()
    assert steps[3]["members"]["m1"]["wallet_bonus_fen"] == 50000  # ¥5,000 → +¥500


def test_malformed_scenario_names_every_json_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(HERE / "bad_scenario.json")]) == 2
    err = capsys.readouterr().err
    for path in ("$.catalog[0].price_fen", "$.steps[0].at", "$.steps[0].colour",
                 "$.steps[0].lines[0].qty"):
        assert path in err, err
