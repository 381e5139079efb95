"""The hybrid logical clock: monotonic, ahead of everything it observed, clamped at head office."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from domain.hlc import MAX_AHEAD_MS, HybridClock, Stamp, clamp

walls = st.lists(st.integers(min_value=0, max_value=2**40), min_size=1, max_size=40)


def test_text_form_round_trips_and_sorts_like_the_stamp() -> None:
    early, late = Stamp(1_700_000_000_000, 7, "t-1"), Stamp(1_700_000_000_000, 12, "t-0")
    assert str(early) == "1700000000000-00007-t-1"
    assert Stamp.parse(str(late)) == late
    assert (str(early) < str(late)) == (early < late) is True


@given(walls, st.lists(st.tuples(st.integers(0, 2**40), st.integers(0, 99_999)), max_size=20))
def test_readings_only_go_forward_whatever_the_wall_clock_does(
        wall_readings: list[int], remotes: list[tuple[int, int]]) -> None:
    readings = iter(wall_readings * 3)
    clock = HybridClock("till", wall=lambda: next(readings, 0))
    seen = [clock.now()]
    for ms, counter in remotes:
        remote = Stamp(ms, counter, "ho")
        after = clock.observe(remote)
        assert after > remote and after > seen[-1]
        seen.append(after)
        seen.append(clock.now())
        assert seen[-1] > seen[-2]


def test_a_clock_behind_the_server_jumps_to_the_server_and_counts_on() -> None:
    clock = HybridClock("till", wall=lambda: 1000)
    assert clock.observe(Stamp(5000, 3, "ho")) == Stamp(5000, 4, "till")
    assert clock.now() == Stamp(5000, 5, "till")


def test_stamps_more_than_five_minutes_ahead_are_clamped_to_the_server() -> None:
    server = 1_000_000
    ahead = Stamp(server + MAX_AHEAD_MS + 1, 2, "fast-till")
    assert clamp(ahead, server) == (Stamp(server, 2, "fast-till"), True)
    within = Stamp(server + MAX_AHEAD_MS, 2, "till")
    assert clamp(within, server) == (within, False)
