"""The keyboard-wedge decoder tells scanner bursts from typing by timing (injected clock)."""

from __future__ import annotations

from hardware.card_reader import looks_like_swipe
from hardware.wedge import WedgeDecoder, WedgeResult, WedgeSettings


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def feed_all(decoder: WedgeDecoder, clock: Clock, keys: str, gap: float) -> list[WedgeResult]:
    results = []
    for key in keys:
        results.append(decoder.feed(key))
        clock.now += gap
    return results


def test_a_fast_burst_ending_in_enter_is_a_code_and_every_key_is_swallowed() -> None:
    clock = Clock()
    decoder = WedgeDecoder(clock=clock)
    results = feed_all(decoder, clock, "6901234567892\r", gap=0.004)
    assert [r.swallow for r in results] == [True] * 14
    assert results[-1].code == "6901234567892"
    assert all(r.code is None and r.release == "" for r in results[:-1])


def test_typing_is_released_to_the_widget_and_its_enter_goes_through() -> None:
    clock = Clock()
    decoder = WedgeDecoder(clock=clock)
    results = feed_all(decoder, clock, "123456\r", gap=0.120)
    released = "".join(r.release for r in results)
    assert released == "123456"
    assert results[-1] == WedgeResult(swallow=False, release="6")
    assert all(r.code is None for r in results)


def test_held_key_is_released_by_the_timer_when_nothing_follows() -> None:
    clock = Clock()
    decoder = WedgeDecoder(clock=clock)
    assert decoder.feed("7") == WedgeResult(swallow=True)
    clock.now += 0.020
    assert decoder.tick() == WedgeResult()  # still within the gap: might be a burst
    clock.now += 0.020
    assert decoder.tick() == WedgeResult(release="7")


def test_short_fast_burst_is_typing() -> None:
    clock = Clock()
    decoder = WedgeDecoder(WedgeSettings(min_length=4), clock=clock)
    results = feed_all(decoder, clock, "12\r", gap=0.005)
    assert results[-1] == WedgeResult(swallow=False, release="12")


def test_typing_then_a_scan_keeps_them_apart() -> None:
    clock = Clock()
    decoder = WedgeDecoder(clock=clock)
    feed_all(decoder, clock, "ab", gap=0.200)
    results = feed_all(decoder, clock, "M:1304401000125\r", gap=0.003)
    assert results[0].release == "b"
    assert results[-1].code == "M:1304401000125"


def test_prefix_and_suffix_frame_a_scan_whatever_the_timing() -> None:
    clock = Clock()
    decoder = WedgeDecoder(WedgeSettings(prefix="\x02", suffix="\x03"), clock=clock)
    assert decoder.feed("x") == WedgeResult()  # not framed: typing passes straight through
    results = feed_all(decoder, clock, "\x021304401000125\x03\r", gap=0.010)
    assert results[-2].code == "1304401000125"
    assert all(r.swallow for r in results)  # the Enter after the suffix too


def test_prefixed_code_without_an_end_is_given_up_after_max_burst() -> None:
    clock = Clock()
    decoder = WedgeDecoder(WedgeSettings(prefix="\x02", max_burst=0.5), clock=clock)
    feed_all(decoder, clock, "\x02123", gap=0.01)
    clock.now += 1.0
    assert decoder.tick() == WedgeResult(release="123")


def test_stripe_bursts_are_recognised() -> None:
    clock = Clock()
    decoder = WedgeDecoder(clock=clock)
    results = feed_all(decoder, clock, ";1304401000125=3111553?\r", gap=0.002)
    code = results[-1].code
    assert code is not None and looks_like_swipe(code)
    assert not looks_like_swipe("6901234567892")


def test_shift_inside_a_slow_scanners_burst_keeps_it_going() -> None:
    """A scanner 20 ms a report: `A` is Shift down, a, a up, Shift up — 60 ms between the
    characters' key presses, 20 ms between any two of its reports."""
    clock = Clock()
    decoder = WedgeDecoder(clock=clock)
    for ch in "S001":
        if ch.isupper():
            decoder.touch()  # Shift pressed
            clock.now += 0.020
        assert decoder.feed(ch).swallow
        clock.now += 0.020
        decoder.touch()  # key (and Shift) released
        clock.now += 0.020
    assert decoder.tick().release == ""  # still a burst: nothing given back as typing
    assert decoder.feed("\r").code == "S001"


def test_a_modifier_alone_does_not_start_or_stretch_typing() -> None:
    clock = Clock()
    decoder = WedgeDecoder(clock=clock)
    decoder.touch()  # nothing held: a person pressing Shift first
    assert decoder.feed("a").swallow
    clock.now += 0.120
    assert decoder.tick().release == "a"
