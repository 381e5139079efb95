"""`kaika simulate` on mutated scenarios: it runs (exit 0) or names the problems (exit 2),
never a traceback (issue 11)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.cli import main

HERE = Path(__file__).resolve().parent
SEEDS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(HERE.glob("*.json"))
         if p.name != "bad_scenario.json" and not p.name.startswith("rule_member_day")]
ODD = [None, True, 0, -1, 2**63, 1.5, "", "abc", "group-buy", "1.5", "2025-02-30",
       "2025-03-01T10:00:00", [], {}, "x" * 2000, "\u0000", "银卡", "铂金", "--02-29",
       "Mars/Phobos", 24, "0.9", "2024-02-29T10:00:00+08:00"]


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if prefix:
        yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from paths(value, (*prefix, i))


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    doc = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(list(paths(doc))))
        parent = doc
        for key in where[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(["set", "set", "drop", "copy"]))
        if action == "set":
            parent[where[-1]] = copy.deepcopy(draw(st.sampled_from(ODD) | st.integers()
                                                   | st.text(max_size=8)))
        elif action == "drop":
            del parent[where[-1]]
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[where[-1]]))
    return doc


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
