"""Issue 11, items 5 and 7: the smaller rules, each a scenario with figures worked by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main

HERE = Path(__file__).resolve().parent


def run(name: str, capsys: pytest.CaptureFixture[str], *extra: str) -> list[dict[str, Any]]:
    code = main(["simulate", str(HERE / name), *extra])
    out = capsys.readouterr()
    assert code == 0, out.err
    steps: list[dict[str, Any]] = json.loads(out.out)["steps"]
    return steps


def test_return_without_lines_takes_what_is_left(capsys: pytest.CaptureFixture[str]) -> None:
    sale, one, rest, again = run("rule_return_rest.json", capsys)
    assert (sale["due_fen"], sale["points_earned"]) == (30000, 600)  # ¥300 ≥ ¥200 → ×2
    assert (one["due_fen"], one["points_earned"]) == (-10000, -200)  # kept ¥200 → 400
    assert (rest["due_fen"], rest["points_earned"]) == (-20000, -400)  # the 2 left, not 3
    assert rest["members"]["m1"]["points"] == 0
    assert again["error"]["code"] == "return.nothing_left"


def test_monthly_member_day(capsys: pytest.CaptureFixture[str]) -> None:
    member, walk_in, next_day = run("rule_member_day.json", capsys)
    # ¥300 × 9折 = ¥270; ladder ×2 and member day ×3, the highest applies: 810.
    assert (member["due_fen"], member["points_earned"]) == (27000, 810)
    assert walk_in["due_fen"] == 30000  # members only
    assert (next_day["due_fen"], next_day["points_earned"]) == (30000, 600)


def test_gift_without_points_price_costs_cost_times_factor(
        capsys: pytest.CaptureFixture[str]) -> None:
    mug, umbrella, bag = run("rule_gift_cost_factor.json", capsys)
    assert mug["points_price"] == 371  # ¥12.34 × 30 = 370.2, rounded up
    assert umbrella["points_price"] == 600  # ¥20.00 × 30
    assert bag["points_price"] == 500  # its own price wins
    assert bag["members"]["m1"]["points"] == 2000 - 371 - 600 - 500


def test_signup_coupon_runs_one_calendar_month(capsys: pytest.CaptureFixture[str]) -> None:
    end_of_january, mid_march, leap = run("rule_signup_one_month.json", capsys)
    assert end_of_january["coupons_valid_to"] == ["2025-02-28"]  # no 31 Feb: the last day
    assert mid_march["coupons_valid_to"] == ["2025-04-15"]
    assert leap["coupons_valid_to"] == ["2024-02-29"]


def test_spend_and_get_counts_money_paid(capsys: pytest.CaptureFixture[str]) -> None:
    with_points, cash = run("rule_spend_and_get_money_paid.json", capsys)
    # ¥500 due, 1,000 points pay ¥100: ¥400 paid is below 满 ¥488; 400 × 2 = 800 points.
    assert (with_points["coupons_issued"], with_points["points_earned"]) == ([], 800)
    assert len(cash["coupons_issued"]) == 1 and cash["points_earned"] == 1000


def test_leap_day_tier_is_reviewed_on_28_february(capsys: pytest.CaptureFixture[str]) -> None:
    before, anniversary, after = run("rule_leap_day_tier.json", capsys)
    assert before["tier_changes"] == []
    assert anniversary["business_date"] == "2025-02-28"
    # 银卡 keeps on ¥3,000 a year: ¥1,000 drops it; 金卡's ¥6,000 ≥ ¥5,000 keeps it.
    assert anniversary["tier_changes"] == [["银卡", "普通会员", "downgrade"],
                                           ["金卡", "金卡", "retained"]]
    assert after["tier_changes"] == []


def test_store_zone_and_day_close_hour(capsys: pytest.CaptureFixture[str]) -> None:
    sale, before_close, after_close = run("rule_store_zone.json", capsys)
    # 23:30 in London is still 7 March, the birthday: 7.5折 and ×2 (Shanghai: 8 March).
    assert (sale["due_fen"], sale["points_earned"]) == (7500, 150)
    assert before_close["business_date"] == "2025-03-07"  # 00:30 < the 01:00 day close
    assert after_close["business_date"] == "2025-03-08"


def test_a_store_database_keeps_its_own_zone(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.sqlite3"
    assert main(["init", "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["simulate", str(HERE / "rule_store_zone.json"), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "$.store.tz: differs_from_store_db:Asia/Shanghai" in err
    assert "$.store.day_close_hour: differs_from_store_db:4" in err


def test_points_report_names_every_reason_and_each_member(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Opening 100; sale 425 (example 1), share 10, review 10, event 30, return −340 → 235."""
    db = tmp_path / "store.sqlite3"
    assert main(["init", "--db", str(db)]) == 0
    capsys.readouterr()
    run("rule_points_report_detail.json", capsys, "--db", str(db))
    csv_file = tmp_path / "points.csv"
    for lang, expected in (("zh", ["奖励积分 · 分享", "奖励积分 · 评价奖励", "奖励积分 · 活动",
                                   "会员积分明细", "张*", "期初,,100", "期末,,235"]),
                           ("en", ["Bonus · sharing", "Bonus · review bonus", "Bonus · event",
                                   "Per-member detail", "Opening,,100", "Closing,,235"])):
        assert main(["report", "points", "--date", "2025-03-10", "--format", "csv", "--lang",
                     lang, "--db", str(db), "--out", str(csv_file)]) == 0
        text = csv_file.read_text(encoding="utf-8-sig")
        for piece in expected:
            assert piece in text, (lang, piece)
        assert "等级评定" not in text and "tier review" not in text
    rows = [line.split(",") for line in text.splitlines() if line.startswith("Per-member")]
    movements = [(r[3], r[4], r[5]) for r in rows[1:]]
    assert movements == [("Opening", "", "100"), ("earned on a sale", "S001-T01-000001", "+425"),
                         ("bonus · sharing", "", "+10"), ("bonus · review bonus", "", "+10"),
                         ("bonus · event", "", "+30"),
                         ("taken back by a return", "S001-T01-000001", "-340"),
                         ("Closing", "", "235")]


def test_a_return_keeps_the_coupon_only_if_money_still_paid_earns_it(
        capsys: pytest.CaptureFixture[str]) -> None:
    sale, back = run("rule_spend_and_get_return_money.json", capsys)
    # ¥600, 500 points pay ¥50: ¥550 paid ≥ 满 ¥488 wins the coupon; 550 × 2 = 1,100 points.
    assert (len(sale["coupons_issued"]), sale["points_earned"]) == (1, 1100)
    # The shirt's money share is ¥91.67: ¥458.33 paid is kept, below ¥488 (the lines' own
    # ¥500 would have kept it); 458 × 2 = 916 points stay, 184 are taken back.
    assert back["coupons_withdrawn"] == sale["coupons_issued"]
    assert back["points_earned"] == -184
