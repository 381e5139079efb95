"""Serial blocks (domain/serials.py): the next serial, what is left, when to renew, free runs for
a new block, and a printed range."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.cards import MAX_SERIAL, make_card_number
from domain.errors import ValidationError
from domain.serials import (
    BlockUse,
    SerialBlock,
    free_run,
    next_serial,
    number_range,
    renewal_due,
    runs,
    serials_left,
    whole_range,
)

P = "1303101"


def test_numbers_come_from_the_lowest_block_with_room_after_its_highest_in_use() -> None:
    uses = [BlockUse(SerialBlock(P, 501, 1000), None), BlockUse(SerialBlock(P, 1, 500), 500)]
    assert next_serial(uses) == 501
    assert serials_left(uses) == 500
    assert next_serial([BlockUse(SerialBlock(P, 1, 500), 17)]) == 18
    assert next_serial([BlockUse(SerialBlock(P, 1, 500), 500)]) is None
    assert next_serial([]) is None


def test_a_standalone_store_numbers_the_whole_prefix_from_1() -> None:
    assert whole_range(P) == SerialBlock(P, 1, MAX_SERIAL)
    assert next_serial([BlockUse(whole_range(P), None)]) == 1


def test_renewal_is_due_below_half_of_the_latest_block_or_without_one() -> None:
    assert renewal_due([])
    old, new = SerialBlock(P, 1, 500), SerialBlock(P, 501, 600)
    assert not renewal_due([BlockUse(old, 100), BlockUse(new, None)])  # 400 + 100 left
    assert not renewal_due([BlockUse(old, 500), BlockUse(new, 550)])  # 50 of a 100 block
    assert renewal_due([BlockUse(old, 500), BlockUse(new, 551)])
    assert renewal_due([BlockUse(SerialBlock(P, 7, 7), 7)])  # a block of one, used


def test_a_free_run_starts_at_the_floor_and_stops_before_reserved_ranges() -> None:
    assert free_run(1, [], 500) == (1, 500)
    assert free_run(1, [(300, 399)], 500) == (1, 299)  # never over printed stock
    assert free_run(300, [(300, 399)], 500) == (400, 899)
    assert free_run(99_900, [], 500) == (99_900, MAX_SERIAL)
    assert free_run(MAX_SERIAL + 1, [], 500) is None
    assert free_run(1, [(1, MAX_SERIAL)], 500) is None


@given(st.integers(1, MAX_SERIAL), st.lists(st.tuples(st.integers(1, MAX_SERIAL),
                                                      st.integers(0, 2000)), max_size=6),
       st.integers(1, 5000))
def test_a_free_run_never_touches_a_reserved_range(
        start: int, spans: list[tuple[int, int]], size: int) -> None:
    reserved = [(low, min(low + length, MAX_SERIAL)) for low, length in spans]
    run = free_run(start, reserved, size)
    if run is None:
        return
    first, last = run
    assert start <= first <= last <= MAX_SERIAL and last - first < size
    assert all(last < low or first > high for low, high in reserved)


def test_serials_become_runs_of_consecutive_ones() -> None:
    assert runs([7, 2, 1, 3, 3, 99_999]) == [(1, 3), (7, 7), (99_999, 99_999)]
    assert runs([]) == []
    assert free_run(1, runs([1, 2, 3, 99_999]), 500) == (4, 503)  # one stray far up: no harm


def test_a_printed_range_is_one_prefix_in_order_and_names_the_bad_end() -> None:
    low, high = make_card_number("13", "0", "3101", 90000), make_card_number("13", "0", "3101",
                                                                            90099)
    assert number_range(low, high) == SerialBlock(P, 90000, 90099)
    for first, last, field, reason in [
            (high, low, "to", "order"),
            (low, make_card_number("13", "0", "3102", 90099), "to", "prefix")]:
        with pytest.raises(ValidationError) as err:
            number_range(first, last)
        assert (err.value.code, err.value.params) == ("card.range_invalid",
                                                      {"field": field, "reason": reason})
    with pytest.raises(ValidationError) as bad:
        number_range(low[:-1] + str((int(low[-1]) + 1) % 10), high)
    assert (bad.value.code, bad.value.params["field"]) == ("card.bad_number", "from")
