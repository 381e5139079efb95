"""The scenario format refuses what would crash or mislead a run, naming the JSON path."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.inputs import InputError, parse_json
from domain.scenario import ScenarioError, parse_scenario

AT = "2025-03-08T10:00:00+08:00"


def scenario(**parts: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "catalog": [{"sku": "A", "price_fen": 10000}],
        "steps": [{"at": AT, "do": "sale", "lines": [{"sku": "A", "qty": 1}]}]}
    base.update(parts)
    return base


def problems(data: Any) -> list[tuple[str, str]]:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data)
    return caught.value.problems


def test_hyphen_spelling_of_tokens_is_accepted() -> None:
    parsed = parse_scenario(scenario(
        catalog=[{"sku": "A", "price_fen": 10000, "class": "group-buy"}],
        coupons=[{"ref": "c", "kind": "percent", "percent": "0.9", "classes": ["no-points"]}],
        steps=[{"at": AT, "do": "sale", "lines": [{"sku": "A", "qty": 1}],
                "tenders": [{"type": "bank-card"}]},
               {"at": AT, "do": "close-day"}]))
    assert parsed.catalog[0]["class"] == "group_buy"
    assert parsed.coupons[0]["classes"] == ["no_points"]
    assert parsed.steps[0]["tenders"][0]["type"] == "bank_card"
    assert parsed.steps[1]["do"] == "close_day"


def test_unknown_class_lists_the_allowed_ones() -> None:
    assert problems(scenario(catalog=[{"sku": "A", "price_fen": 1, "class": "vip"}])) == [
        ("$.catalog[0].class",
         "not_one_of:regular|special|new|group_buy|no_discount|no_points")]


@pytest.mark.parametrize("percent", ["1.5", "abc", "0", "-0.1", "NaN", "Infinity", 0.9])
def test_a_percent_coupon_pays_between_nothing_and_everything(percent: Any) -> None:
    assert problems(scenario(coupons=[{"ref": "c", "kind": "percent", "percent": percent}])) \
        == [("$.coupons[0].percent", "not_rate:0<rate<=1")]


def test_coupon_without_its_value_is_refused() -> None:
    assert problems(scenario(coupons=[{"ref": "c", "kind": "cash"}])) == [
        ("$.coupons[0].amount_fen", "missing")]


def test_duplicates_are_refused() -> None:
    found = problems(scenario(
        catalog=[{"sku": "A", "price_fen": 10000}, {"sku": "A", "price_fen": 1}],
        members=[{"ref": "m", "name": "a", "mobile": "13800138000"},
                 {"ref": "m", "name": "b", "mobile": "13800138000"}]))
    assert found == [("$.catalog[1].sku", "duplicate_sku"), ("$.members[1].ref", "duplicate_ref"),
                     ("$.members[1].mobile", "duplicate_mobile")]


def test_figures_beyond_a_till_are_refused() -> None:
    found = problems(scenario(catalog=[{"sku": "A", "price_fen": 2**63}],
                              store={"tz": "Mars/Olympus", "day_close_hour": 24,
                                     "region_code": "31"}))
    assert found == [("$.catalog[0].price_fen", "too_large:max=10000000000"),
                     ("$.store.tz", "unknown_zone"), ("$.store.day_close_hour", "too_large:max=23"),
                     ("$.store.region_code", "not_region_code:4_digits")]


def test_return_without_receipt_needs_its_lines() -> None:
    steps = [{"at": AT, "do": "sale", "lines": [{"sku": "A", "qty": 1}]},
             {"at": AT, "do": "return", "sale_step": 0, "with_receipt": False}]
    assert problems(scenario(steps=steps)) == [("$.steps[1].lines", "missing")]


def test_bonus_reason_is_one_of_the_known() -> None:
    steps = [{"at": AT, "do": "bonus", "member": "m", "reason": "birthday"}]
    found = problems(scenario(members=[{"ref": "m", "name": "a", "mobile": "13800138000"}],
                              steps=steps))
    assert found == [("$.steps[0].reason",
                      "not_one_of:referral|share|review|checkin|draw|event")]


@pytest.mark.parametrize("text", ['{"steps": NaN}', '{"steps": [], "x": -Infinity}',
                                  "[" * 100_000, '{"a": 1' + "0" * 5000 + "}"])
def test_json_that_is_not_json_is_refused_with_a_code(text: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_json(text, "s.json")
    assert caught.value.code == "input.not_json"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["steps", "catalog", "members", "coupons", "store", "gifts", "at", "do",
                         "sku", "qty", "lines", "ref", "kind", "percent", "tier", "x"]),
        inner, max_size=5),
    max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_random_json_is_a_scenario_or_a_list_of_problems(data: Any) -> None:
    try:
        parse_scenario(data)
    except ScenarioError as err:
        assert err.problems and all(path.startswith("$") for path, _code in err.problems)
