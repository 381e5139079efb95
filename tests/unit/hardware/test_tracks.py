"""ISO 7811 track parsing: sentinels, separators, LRC, E for unreadable, + for track 3."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.errors import DeviceError
from hardware.tracks import Tracks, lrc, mask, parse_tracks, swipe_text

MEMBER_T2 = "1304401000125=3111553"


def test_lrc_reproduces_magteks_worked_example() -> None:
    assert lrc(1, "AT3") == "<"


def test_lrc_of_a_track_2() -> None:
    # ; 1 2 3 ? -> 0xB ^ 1 ^ 2 ^ 3 ^ 0xF = 0x4 -> '4'
    assert lrc(2, "123") == "4"


def test_wedge_burst_with_all_three_tracks() -> None:
    raw = "%B6011000000000004^CARDHOLDER/TEST^3012101?;6011000000000004=30121011234?;0123=45?\r"
    tracks = parse_tracks(raw)
    assert tracks.track1 == "B6011000000000004^CARDHOLDER/TEST^3012101"
    assert tracks.track2 == "6011000000000004=30121011234"
    assert tracks.track3 == "0123=45"


def test_track_3_with_the_plus_sentinel_and_a_missing_track_1() -> None:
    tracks = parse_tracks(f";{MEMBER_T2}?+12345?\r\n")
    assert tracks == Tracks(None, MEMBER_T2, "12345")


def test_unreadable_track_is_e() -> None:
    tracks = parse_tracks(f"%E?;{MEMBER_T2}?\r")
    assert tracks == Tracks(None, MEMBER_T2, None, frozenset({1}))


def test_lrc_checked_when_the_reader_sends_it() -> None:
    good = f";{MEMBER_T2}?{lrc(2, MEMBER_T2)}\r"
    assert parse_tracks(good, "yes").track2 == MEMBER_T2
    assert parse_tracks(good, "auto").track2 == MEMBER_T2
    wrong = chr(ord(lrc(2, MEMBER_T2)) ^ 1)
    with pytest.raises(DeviceError) as info:
        parse_tracks(f";{MEMBER_T2}?{wrong}\r", "auto")
    assert (info.value.code, info.value.params) == ("card.lrc_mismatch", {"track": 2})


def test_lrc_mode_no_treats_a_following_character_as_garbage() -> None:
    with pytest.raises(DeviceError) as info:
        parse_tracks(f";{MEMBER_T2}?4\r", "no")
    assert info.value.code == "card.garbage"


def test_missing_lrc_when_one_is_required() -> None:
    with pytest.raises(DeviceError) as info:
        parse_tracks(f";{MEMBER_T2}?\r", "yes")
    assert info.value.code == "card.truncated"


@pytest.mark.parametrize(("raw", "code", "params"), [
    (";1304401000125=31115", "card.truncated", {"track": 2}),
    ("%B4111^DOE", "card.truncated", {"track": 1}),
    (";12a4?", "card.garbage", {"track": 2}),
    ("hello", "card.garbage", {"position": 0}),
    ("\r\n", "card.no_data", {}),
    ("%AB?%CD?", "card.garbage", {"position": 4}),
])
def test_bad_swipes_give_codes_without_track_data(raw: str, code: str,
                                                  params: dict[str, int]) -> None:
    with pytest.raises(DeviceError) as info:
        parse_tracks(raw)
    assert (info.value.code, info.value.params) == (code, params)


track1 = st.text(alphabet=[chr(c) for c in range(0x20, 0x60) if chr(c) not in "%?E"],
                 min_size=1, max_size=40)
track2 = st.text(alphabet="0123456789=", min_size=1, max_size=37)


@given(st.one_of(st.none(), track1), st.one_of(st.none(), track2),
       st.one_of(st.none(), track2), st.booleans())
def test_what_a_reader_sends_parses_back(t1: str | None, t2: str | None, t3: str | None,
                                         with_lrc: bool) -> None:
    tracks = Tracks(t1, t2, t3)
    if tracks.is_empty:
        return
    raw = swipe_text(tracks, with_lrc) + "\r"
    assert parse_tracks(raw, "yes" if with_lrc else "no") == tracks


def test_mask_keeps_only_what_a_cashier_needs() -> None:
    assert mask(MEMBER_T2) == "1304*****0125=3111***"
    assert mask("B6011000000000004^CARDHOLDER/TEST^3012101") == (
        "B601*********0004^" + "*" * 23)
    assert mask("12345") == "12345"
