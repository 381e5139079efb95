"""`to_wire` decides how a type travels at its first value and `utc_text` remembers the last
time it wrote: both must give exactly what deciding afresh gives, whatever came before."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal

import pytest

from db.texts import utc_text
from domain.wire import to_wire


class Colour(enum.StrEnum):
    RED = "red"


class Size(enum.IntEnum):
    BIG = 3


@dataclass(frozen=True)
class Inner:
    colour: Colour
    on: date


@dataclass(frozen=True)
class Outer:
    name: str
    inner: Inner
    sizes: tuple[Size, ...]
    extra: dict[int, object]


def test_every_kind_travels_as_before_and_again_from_the_cache() -> None:
    value = Outer("a", Inner(Colour.RED, date(2026, 1, 2)), (Size.BIG,),
                  {1: Decimal("1.50"), 2: b"\x01\xff", 3: time(4, 5), 4: [None, True, 2.5]})
    expected = {"name": "a", "inner": {"colour": "red", "on": "2026-01-02"}, "sizes": [3],
                "extra": {"1": "1.50", "2": "01ff", "3": "04:05:00", "4": [None, True, 2.5]}}
    assert to_wire(value) == expected
    assert to_wire(value) == expected  # the second time every type is known
    assert to_wire(Inner(Colour.RED, date(2027, 3, 4))) == {"colour": "red", "on": "2027-03-04"}


def test_a_dataclass_class_itself_is_no_record() -> None:
    assert to_wire(Inner) is Inner


def test_utc_text_of_equal_and_same_times() -> None:
    at = datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC)
    assert utc_text(at) == "2026-01-02T03:04:05.000006+00:00"
    assert utc_text(at) == "2026-01-02T03:04:05.000006+00:00"  # remembered
    later = at + timedelta(microseconds=1)
    assert utc_text(later) == "2026-01-02T03:04:05.000007+00:00"
    beijing = datetime(2026, 1, 2, 11, 4, 5, 6, tzinfo=timezone(timedelta(hours=8)))
    assert utc_text(beijing) == "2026-01-02T03:04:05.000006+00:00"
    with pytest.raises(ValueError, match="naive"):
        utc_text(at.replace(tzinfo=None))
