"""Rule packs: mutated and hostile TOML is loaded or refused with a RulePackError naming the
key, never another exception (issue 11: a NaN rate used to get through)."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.errors import RulePackError
from domain.packload import PACK_DIR, load_pack, parse_pack
from tests import mutation

PACKS = [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(PACK_DIR.glob("*.toml"))]
ODD = [None, True, 0, -1, 2**63, 1.5, float("nan"), float("inf"), "", "abc", "1.5", "nan",
       "Infinity", "1e999", [], {}, [1], [{}], {"a": 1}, dt.date(2025, 1, 1),
       dt.datetime(2025, 1, 1, 1), dt.time(1), "group-buy", ["group-buy"], [0, 32], [3]]


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_a_rate_that_is_not_a_number_is_refused(tmp_path: Path, value: str) -> None:
    text = (PACK_DIR / "fashion.toml").read_text(encoding="utf-8").replace(
        'discount_rate = "0.85"', f"discount_rate = {value}")
    path = tmp_path / "nan.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        load_pack(path)
    assert caught.value.params["key"] == "tiers[1].discount_rate"
    assert caught.value.params["problem"] == "not_number"


def test_a_date_time_where_a_date_belongs_is_refused() -> None:
    data = copy.deepcopy(PACKS[0])
    data["coupons"]["templates"][0].pop("valid_months", None)
    data["coupons"]["templates"][0].pop("valid_days", None)
    data["coupons"]["templates"][0]["valid_from"] = dt.datetime(2025, 1, 1, 10)
    data["coupons"]["templates"][0]["valid_to"] = dt.date(2025, 2, 1)
    with pytest.raises(RulePackError) as caught:
        parse_pack(data, "x.toml")
    assert caught.value.params["problem"] == "not_date"


def mutated() -> st.SearchStrategy[dict[str, Any]]:
    return mutation.mutated(PACKS, st.sampled_from(ODD) | st.text(max_size=6))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=mutated())
def test_mutated_packs_load_or_name_the_key(doc: dict[str, Any]) -> None:
    try:
        parse_pack(doc, "mutated.toml")
    except RulePackError as err:
        assert err.code == "rulepack.invalid" and "key" in err.params


@settings(max_examples=60, deadline=None)
@given(raw=st.binary(max_size=300))
def test_random_bytes_are_refused_with_a_code(raw: bytes,
                                              tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("pack") / "pack.toml"
    path.write_bytes(raw)
    with pytest.raises(RulePackError):
        load_pack(path)
