"""Alliance scenarios (issue 15): merchants, stores and agreements in `kaika simulate`, each
replayed through the till's services on one store database per store, with the figures worked
by hand in the scenario's `note`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main
from domain.scenario import ScenarioError, parse_scenario

HERE = Path(__file__).resolve().parent / "alliance"


def run(name: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    code = main(["simulate", str(HERE / name)])
    out = capsys.readouterr()
    assert code == 0, out.err
    found: dict[str, Any] = json.loads(out.out)
    return found


def entries(step: dict[str, Any]) -> list[tuple[str, str, str, int, int]]:
    return [(e["kind"], e["issuer"], e["partner"], e["points"], e["amount_fen"])
            for e in step["alliance_entries"]]


def nets(period: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    return {m: (s["receivable_fen"], s["payable_fen"], s["net_fen"])
            for m, s in period["statements"].items()}


def pays(period: dict[str, Any]) -> list[tuple[str, str, int, int]]:
    return [(p["debtor"], p["creditor"], p["amount_fen"], p["entries"])
            for p in period["settlement"]]


def test_earn_at_the_partner_spend_at_the_issuer_return_at_the_partner_and_settle(
        capsys: pytest.CaptureFixture[str]) -> None:
    result = run("story_earn_spend_return_settle.json", capsys)
    cafe, own, back, close = result["steps"]
    assert (cafe["store"], cafe["due_fen"], cafe["points_earned"]) == ("C01", 32400, 324)
    assert entries(cafe) == [("points_issued_by_partner", "M001", "M002", 324, 324),
                             ("commission", "M001", "M002", 0, 1620)]
    assert cafe["members"]["m1"]["points"] == 324  # at the issuer, from the café's sale
    assert (own["store"], own["points_earned"], entries(own)) == ("F01", 80, [])
    assert own["members"]["m1"]["points"] == 204
    assert (back["due_fen"], back["points_earned"]) == (-5400, -54)
    assert entries(back) == [("points_issued_by_partner", "M001", "M002", -54, -54),
                             ("commission", "M001", "M002", 0, -270)]
    assert back["members"]["m1"]["points"] == 150
    assert pays(close) == [("M002", "M001", 1620, 4)]
    assert nets(close) == {"M001": (1620, 0, 1620), "M002": (0, 1620, -1620)}
    assert close["net_sum_fen"] == 0
    lines = close["statements"]["M001"]["lines"]
    assert [(ln["source_step"], ln["amount_fen"]) for ln in lines] == [
        (0, 324), (0, 1620), (2, -54), (2, -270)]  # each line traces to its sale
    assert result["alliance"]["periods"]["2025-05"]["closed"] is True


def test_the_agreement_gives_its_discount_by_class_from_its_first_day(
        capsys: pytest.CaptureFixture[str]) -> None:
    early, sale = run("rule_agreement_discount_by_class.json", capsys)["steps"]
    assert early["error"]["code"] == "alliance.no_agreement_today"
    assert early["alliance_entries"] == []
    assert (sale["due_fen"], sale["points_earned"]) == (24600, 216)
    off = sorted((a["line_no"], a["params"]["rate"]) for a in sale["applied"]
                 if a["code"] == "discount.alliance" and "line_no" in a)
    assert off == [(1, "0.9"), (2, "0.95")]  # special and group-buy lines keep their price
    assert entries(sale) == [("points_issued_by_partner", "M001", "M002", 216, 216),
                             ("commission", "M001", "M002", 0, 1230)]


def test_the_partner_recognises_the_card_offline_and_the_points_reach_the_issuer(
        capsys: pytest.CaptureFixture[str]) -> None:
    result = run("rule_offline_recognition.json", capsys)
    scanned, typed, salon = result["steps"]
    assert (scanned["due_fen"], scanned["points_earned"]) == (52920, 529)
    assert entries(scanned)[1] == ("commission", "M001", "M002", 0, 2646)
    assert (typed["due_fen"], typed["points_earned"]) == (9000, 90)
    assert typed["members"]["m1"]["points"] == 619
    assert salon["error"]["code"] == "card.unknown"  # no agreement binds the salon to M001
    assert salon["alliance_entries"] == [] and salon["members"]["m1"]["points"] == 619
    assert nets(result["alliance"]["periods"]["2025-05"]) == {
        "M001": (3715, 0, 3715), "M002": (0, 3715, -3715), "M003": (0, 0, 0)}


def test_only_a_consenting_member_is_recognised_and_the_partner_sees_the_name_masked(
        capsys: pytest.CaptureFixture[str]) -> None:
    result = run("rule_consent.json", capsys)
    refused, sale, signup, newcomer = result["steps"]
    assert refused["error"]["code"] == "alliance.card_not_recognised"
    assert refused["alliance_entries"] == []
    [seen] = [a["params"] for a in sale["applied"] if a["code"] == "alliance.member"]
    assert seen["name_masked"] == "张*" and "13800138000" not in json.dumps(sale)
    assert sale["members"]["m1"]["points"] == 90 and sale["members"]["m2"]["points"] == 0
    assert signup["created"] is True
    assert (newcomer["points_earned"], newcomer["members"]["m3"]["points"]) == (45, 45)
    assert nets(result["alliance"]["periods"]["2025-05"])["M001"] == (810, 0, 810)


def test_points_pay_at_the_partner_at_the_agreed_value_only_where_agreed(
        capsys: pytest.CaptureFixture[str]) -> None:
    result = run("rule_points_spent_at_partner.json", capsys)
    cafe, refused, salon = result["steps"]
    assert (cafe["due_fen"], cafe["points_earned"]) == (4500, 42)
    assert sorted(entries(cafe)) == [
        ("commission", "M001", "M002", 0, 225),
        ("points_issued_by_partner", "M001", "M002", 42, 42),
        ("points_spent_at_partner", "M001", "M002", 300, 300)]
    assert cafe["members"]["m1"]["points"] == 742
    assert refused["error"]["code"] == "alliance.points_not_spendable_here"
    assert refused["members"]["m1"]["points"] == 742
    assert entries(salon) == [("points_issued_by_partner", "M001", "M003", 400, 400),
                              ("commission", "M001", "M003", 0, 0)]  # 0 %: the amount only
    may = result["alliance"]["periods"]["2025-05"]
    assert nets(may) == {"M001": (400, 33, 367), "M002": (33, 0, 33), "M003": (0, 400, -400)}
    assert pays(may) == [("M001", "M002", 33, 3), ("M003", "M001", 400, 2)]


def test_the_issuers_wallet_is_refused_at_the_partner(
        capsys: pytest.CaptureFixture[str]) -> None:
    refused, cash, own = run("rule_wallet_refused.json", capsys)["steps"]
    assert refused["error"]["code"] == "alliance.wallet_not_here"
    assert refused["alliance_entries"] == []
    assert refused["members"]["m1"]["wallet_principal_fen"] == 50000
    assert (cash["points_earned"], cash["members"]["m1"]["wallet_principal_fen"]) == (90, 50000)
    assert own["members"]["m1"]["wallet_principal_fen"] == 40000  # at the issuer it pays
    assert own["members"]["m1"]["points"] == 190


def test_the_month_settles_once_between_three_merchants(
        capsys: pytest.CaptureFixture[str]) -> None:
    result = run("rule_month_settlement.json", capsys)
    steps = result["steps"]
    assert entries(steps[1]) == [("commission", "M002", "M001", 0, 2000)]
    assert steps[3]["error"]["code"] == "alliance.period_not_over"
    may = steps[4]
    assert pays(may) == [("M001", "M002", 380, 3), ("M003", "M001", 400, 2)]
    assert nets(may) == {"M001": (400, 380, 20), "M002": (380, 0, 380), "M003": (0, 400, -400)}
    assert may["net_sum_fen"] == 0
    assert steps[5]["error"]["code"] == "alliance.period_closed"
    assert {e["period"] for e in steps[6]["alliance_entries"]} == {"2025-06"}
    periods = result["alliance"]["periods"]
    assert nets(periods["2025-05"]) == nets(may)  # the closed month is as it was closed
    assert nets(steps[7]) == {"M001": (0, 1620, -1620), "M002": (1620, 0, 1620),
                              "M003": (0, 0, 0)}
    assert steps[7]["members"]["m1"]["points"] == 400
    assert all(p["net_sum_fen"] == 0 for p in periods.values())


def problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ScenarioError) as err:
        parse_scenario(data)
    return err.value.problems


def test_a_bad_alliance_scenario_names_every_problem_by_its_path() -> None:
    data = json.loads((HERE / "story_earn_spend_return_settle.json").read_text("utf-8"))
    data["merchants"][1]["brand"] = "7"
    data["agreements"][0]["discount_bp"] = {"special": 1000}
    data["agreements"][0]["comission_bp"] = 5
    data["stores"].append({"code": "X01", "merchant": "M009"})
    assert sorted(problems(data)) == sorted([
        ("$.merchants[1].brand", "not_card_brand:2_digits"),
        ("$.stores[2].merchant", "unknown_merchant"),
        ("$.agreements[0].comission_bp", "alliance.unknown_field"),
        ("$.agreements[0].discount_bp.special", "alliance.class_takes_no_discount")])
    data = json.loads((HERE / "story_earn_spend_return_settle.json").read_text("utf-8"))
    data["steps"][2]["store"] = "F01"  # a return away from its sale's store
    data["steps"][0]["store"] = "Z9"
    assert sorted(problems(data)) == [("$.steps[0].store", "unknown_store"),
                                      ("$.steps[2].store", "not_the_sale_store:Z9")]
    data = json.loads((HERE / "story_earn_spend_return_settle.json").read_text("utf-8"))
    data["stores"].append({"code": "F02", "merchant": "M001"})
    data["steps"][1]["store"] = "F02"  # 云裳's members are held at its first store, F01
    assert problems(data) == [("$.steps[1].store", "not_the_members_store:F01")]
    step = {"at": "2025-06-01T09:00:00+08:00", "do": "close_period", "period": "2025-13"}
    assert problems({"steps": [step]}) == [("$.steps[0].period", "not_period:YYYY-MM")]
    assert problems({"steps": [{**step, "period": "2025-05"}]}) == [
        ("$.steps[0].do", "needs_merchants")]


def test_an_issuers_coupon_is_redeemed_at_the_partner_once_and_settled_to_it(
        capsys: pytest.CaptureFixture[str]) -> None:
    result = run("rule_coupon_across_merchants.json", capsys)
    cafe, again, at_issuer, close = result["steps"]
    assert (cafe["due_fen"], cafe["points_earned"]) == (2500, 25)
    assert sorted(entries(cafe)) == [
        ("commission", "M001", "M002", 0, 125),
        ("coupon_funded_redeemed", "M001", "M002", 0, 2000),
        ("points_issued_by_partner", "M001", "M002", 25, 25)]
    assert again["error"]["code"] == "alliance.coupon_unknown"
    assert at_issuer["error"]["code"] == "coupon.used"
    assert again["alliance_entries"] == at_issuer["alliance_entries"] == []
    may = result["alliance"]["periods"]["2025-05"]
    assert close["period"] == "2025-05" and may["closed"] is True
    assert nets(may) == {"M001": (0, 1850, -1850), "M002": (1850, 0, 1850)}
    assert pays(may) == [("M001", "M002", 1850, 3)]
