"""Latency figures: nearest-rank percentiles in milliseconds, verdicts and the markdown table."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

PERCENTILES = (50, 95, 99)


def percentile(sorted_ns: Sequence[int], p: float) -> int:
    """Nearest rank: the smallest sample with at least p % of the samples at or below it."""
    if not sorted_ns:
        raise ValueError("no samples")
    rank = max(1, math.ceil(p / 100 * len(sorted_ns)))
    return sorted_ns[rank - 1]


def summary(samples_ns: Sequence[int]) -> dict[str, float]:
    """p50/p95/p99/max and mean in ms (three decimals), and the sample count."""
    ordered = sorted(samples_ns)
    figures = {f"p{p}_ms": percentile(ordered, p) / 1e6 for p in PERCENTILES}
    figures["max_ms"] = ordered[-1] / 1e6
    figures["mean_ms"] = sum(ordered) / len(ordered) / 1e6
    rounded = {key: round(value, 3) for key, value in figures.items()}
    return {**rounded, "n": len(ordered)}


@dataclass(frozen=True, slots=True)
class Goal:
    """p99 at most `p99_ms`, and (when set) at most `ratio` times the raw baseline's p99."""

    p99_ms: float
    ratio: float | None = None

    def describe(self) -> str:
        text = f"p99 ≤ {self.p99_ms:g} ms"
        return text if self.ratio is None else f"{text} and ≤ {self.ratio:g}× raw"


@dataclass(frozen=True, slots=True)
class Result:
    """One operation timed the Kaika way and the raw way over the same sample."""

    name: str
    goal: Goal | None  # None: shown for context, no target
    kaika: dict[str, float]
    raw: dict[str, float]
    note: str = ""

    @property
    def ratio_p50(self) -> float:
        return self.kaika["p50_ms"] / self.raw["p50_ms"]

    @property
    def ratio_p99(self) -> float:
        return self.kaika["p99_ms"] / self.raw["p99_ms"]

    @property
    def met(self) -> bool | None:
        if self.goal is None:
            return None
        fast = self.kaika["p99_ms"] <= self.goal.p99_ms
        return fast and (self.goal.ratio is None or self.ratio_p99 <= self.goal.ratio)

    def to_dict(self) -> dict[str, Any]:
        goal = None if self.goal is None else self.goal.describe()
        return {"name": self.name, "goal": goal, "kaika": self.kaika,
                "raw": self.raw, "ratio_p50": round(self.ratio_p50, 2),
                "ratio_p99": round(self.ratio_p99, 2), "met": self.met, "note": self.note}


def table(results: Sequence[Result]) -> str:
    """The markdown table docs/performance.md quotes (times in ms)."""
    head = ("| operation | Kaika p50 / p95 / p99 / max | raw p50 / p95 / p99 / max "
            "| × raw (p50, p99) | goal | met |")
    rows = [head, "| --- | --- | --- | --- | --- | --- |"]
    for r in results:
        goal = "—" if r.goal is None else r.goal.describe()
        met = "—" if r.met is None else "yes" if r.met else "no"
        rows.append(f"| {r.name} | {_spread(r.kaika)} | {_spread(r.raw)} "
                    f"| {r.ratio_p50:.1f}, {r.ratio_p99:.1f} | {goal} | {met} |")
    return "\n".join(rows)


def _spread(figures: dict[str, float]) -> str:
    return " / ".join(f"{figures[key]:.2f}" for key in ("p50_ms", "p95_ms", "p99_ms", "max_ms"))
