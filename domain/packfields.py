"""Readers of the rule-pack fields several tables share: rates, classes, days and dates."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from domain.catalog import ProductClass
from domain.packparse import Table

CLASS_NAMES = tuple(c.value for c in ProductClass)


def rate(t: Table, name: str) -> Decimal:
    """A discount rate: what the customer pays, 0 < rate ≤ 1 ("0.85" for 8.5折)."""
    value = t.decimal(name, high="1")
    if value <= 0:
        raise t.fail(name, "out_of_range", value=str(value), low="0 (exclusive)", high="1")
    return value


def opt_rate(t: Table, name: str) -> Decimal | None:
    return rate(t, name) if t.has(name) else None


def opt_int(t: Table, name: str, minimum: int) -> int | None:
    return t.int(name, minimum=minimum) if t.has(name) else None


def pct(t: Table, name: str) -> int:
    value = t.int(name, minimum=0)
    if value > 100:
        raise t.fail(name, "out_of_range", value=value, low=0, high=100)
    return value


def classes(t: Table, name: str) -> tuple[ProductClass, ...]:
    if not t.has(name):
        raise t.fail(name, "missing")
    return tuple(ProductClass(n) for n in class_names(t, name))


def class_names(t: Table, name: str) -> tuple[str, ...]:
    names = t.str_list(name)
    bad = [n for n in names if n not in CLASS_NAMES]
    if bad:
        raise t.fail(name, "unknown_class", value=bad[0], choices=list(CLASS_NAMES))
    return names


def weekdays(t: Table) -> tuple[int, ...]:
    return int_set(t, "weekdays", 1, 7)


def int_set(t: Table, name: str, low: int, high: int) -> tuple[int, ...]:
    values = t.int_list(name)
    bad = [v for v in values if not low <= v <= high]
    if bad:
        raise t.fail(name, "out_of_range", value=bad[0], low=low, high=high)
    return values


def check_dates(t: Table, starts: Any, ends: Any, key: str = "ends") -> None:
    if starts is not None and ends is not None and ends < starts:
        raise t.fail(key, "before_start", value=str(ends), start=str(starts))


def ascending(t: Table, name: str, attr: str, build: Callable[[Table], Any]) -> tuple[Any, ...]:
    items: list[Any] = []
    for item_table in t.tables(name):
        item = build(item_table)
        if items and getattr(item, attr) <= getattr(items[-1], attr):
            raise item_table.fail(attr, "not_ascending", value=getattr(item, attr),
                                  previous=getattr(items[-1], attr))
        item_table.finish()
        items.append(item)
    return tuple(items)
