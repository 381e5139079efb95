"""Hypothesis strategy for the fuzz tests of the file parsers: a known-good document with one
to three places changed to an odd value, dropped or (in a list) repeated."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from typing import Any

from hypothesis import strategies as st


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key path of a JSON-like document, parents before children."""
    if prefix:
        yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from paths(value, (*prefix, i))


@st.composite
def mutated(draw: st.DrawFn, seeds: Sequence[dict[str, Any]], odd: st.SearchStrategy[Any],
            actions: Sequence[str] = ("set", "drop")) -> dict[str, Any]:
    """One of `seeds`, changed in 1–3 places: a value from `odd`, dropped, or copied."""
    doc = copy.deepcopy(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(list(paths(doc))))
        parent = doc
        for key in where[:-1]:
            parent = parent[key]
        action = draw(st.sampled_from(actions))
        if action == "set":
            parent[where[-1]] = copy.deepcopy(draw(odd))
        elif action == "drop":
            del parent[where[-1]]
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[where[-1]]))
    return doc
