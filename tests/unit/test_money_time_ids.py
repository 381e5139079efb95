"""Money splitting and formatting, the business date, and UUIDv7 ids."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.clock import BusinessDay, FixedClock, require_aware
from domain.ids import id_time_ms, new_id
from domain.money import Money, format_yuan, round_half_up, split_int

weights = st.lists(st.integers(0, 10**9), min_size=1, max_size=30)


@given(total=st.integers(-(10**12), 10**12), parts=weights)
def test_split_adds_up_exactly_and_is_proportional(total: int, parts: list[int]) -> None:
    shares = split_int(total, parts)
    assert sum(shares) == total
    assert len(shares) == len(parts)
    if sum(parts) > 0:
        for share, w in zip(shares, parts, strict=True):
            exact = Decimal(total) * w / sum(parts)
            assert abs(Decimal(share) - exact) < 1  # largest remainder: off by under a fen


def test_split_gives_remainders_to_the_largest_fractions_first() -> None:
    assert split_int(100, [1, 1, 1]) == [34, 33, 33]
    assert split_int(-100, [1, 1, 1]) == [-34, -33, -33]
    assert split_int(10, [0, 0]) == [5, 5]
    assert Money(1000).split([1, 3]) == [Money(250), Money(750)]


def test_split_refuses_negative_weights_and_nothing_to_split_into() -> None:
    with pytest.raises(ValueError):
        split_int(10, [1, -1])
    with pytest.raises(ValueError):
        split_int(10, [])


def test_rates_round_half_up_to_the_fen() -> None:
    assert Money(15000).apply_rate(Decimal("0.85")) == Money(12750)
    assert Money(1).apply_rate(Decimal("0.5")) == Money(1)  # 0.5 fen rounds up
    assert round_half_up(Decimal("-2.5")) == -3
    assert Money.yuan("127.50") == Money(12750)
    with pytest.raises(ValueError):
        Money.yuan("0.001")
    with pytest.raises(TypeError):
        Money(1.5)  # type: ignore[arg-type]


def test_amounts_print_with_the_full_width_sign() -> None:
    assert format_yuan(123450) == "￥1,234.50"
    assert format_yuan(-5) == "-￥0.05"
    assert "¥" not in format_yuan(100)  # the half-width sign is not in GBK


def test_business_date_turns_at_the_day_close_hour() -> None:
    shanghai = BusinessDay()
    late = datetime(2025, 3, 8, 19, 30, tzinfo=UTC)  # 03:30 on 9 March in Shanghai
    assert shanghai.calendar_date(late) == date(2025, 3, 9)
    assert shanghai.date_of(late) == date(2025, 3, 8)  # before 04:00: still the 8th
    assert shanghai.date_of(late + timedelta(hours=1)) == date(2025, 3, 9)
    assert shanghai.start_of(date(2025, 3, 9)) == datetime(2025, 3, 8, 20, 0, tzinfo=UTC)
    assert BusinessDay(day_close=time(0, 0)).date_of(late) == date(2025, 3, 9)


def test_clocks_refuse_naive_times() -> None:
    with pytest.raises(ValueError):
        require_aware(datetime(2025, 1, 1))
    clock = FixedClock(datetime.fromisoformat("2025-01-01T08:00:00+08:00"))
    assert clock.now() == datetime(2025, 1, 1, 0, 0, tzinfo=UTC)


def test_ids_are_uuid7_and_sort_in_creation_order() -> None:
    made = [new_id() for _ in range(1000)]
    assert all(u.version == 7 and u.variant == uuid.RFC_4122 for u in made)
    assert made == sorted(made)
    assert len(set(made)) == len(made)
    stamped = new_id(now_ms=1_700_000_000_000)
    assert id_time_ms(stamped) >= 1_700_000_000_000
