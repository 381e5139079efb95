"""`kaika simulate` on mutated scenarios: it runs (exit 0) or names the problems (exit 2),
never a traceback (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main
from tests import mutation

HERE = Path(__file__).resolve().parent
SEEDS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(HERE.glob("*.json"))
         if p.name != "bad_scenario.json" and not p.name.startswith("rule_member_day")]
ODD = [None, True, 0, -1, 2**63, 1.5, "", "abc", "group-buy", "1.5", "2025-02-30",
       "2025-03-01T10:00:00", [], {}, "x" * 2000, "\u0000", "银卡", "铂金", "--02-29",
       "Mars/Phobos", 24, "0.9", "2024-02-29T10:00:00+08:00"]


def mutated() -> st.SearchStrategy[dict[str, Any]]:
    odd = st.sampled_from(ODD) | st.integers() | st.text(max_size=8)
    return mutation.mutated(SEEDS, odd, ("set", "set", "drop", "copy"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(doc=mutated())
def test_mutated_scenarios_run_or_are_refused(doc: dict[str, Any], tmp_path_factory:
                                              pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "scenario.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code = main(["simulate", str(path)])
    assert code in (0, 2)


@settings(max_examples=15, deadline=None)
@given(raw=st.binary(max_size=200))
def test_random_bytes_are_refused_with_a_reason(raw: bytes, tmp_path_factory:
                                                pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "scenario.json"
    path.write_bytes(raw)
    assert main(["simulate", str(path)]) in (0, 2)
