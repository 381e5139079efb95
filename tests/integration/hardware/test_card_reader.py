"""Serial stripe readers against the reader peer on a pty; bank cards never get through."""

from __future__ import annotations

import logging
import time

import pytest

from domain.cards import classify_swipe, track2_data
from hardware.addresses import parse_address
from hardware.card_reader import SerialCardReader
from hardware.errors import DeviceError
from hardware.peers.line_peers import CardReaderPeer
from hardware.tracks import Tracks, lrc

pytestmark = pytest.mark.timeout(20)
SECRET = bytes.fromhex("00112233445566778899")
CARD = "1304401000125"
BANK_PAN = "6011000000000004"


def reader_for(peer: CardReaderPeer, lrc_mode: str = "auto") -> SerialCardReader:
    reader = SerialCardReader(parse_address(peer.address), ["13"], lrc_mode=lrc_mode,
                              frame_timeout=0.2)
    reader.open()
    return reader


def test_member_card_swipe_is_read_and_recognised(card_reader_peer: CardReaderPeer) -> None:
    stripe = track2_data(CARD, "3111", SECRET).strip(";?")
    reader = reader_for(card_reader_peer)
    card_reader_peer.swipe(Tracks(track2=stripe))
    tracks = reader.read_swipe(timeout=2)
    assert tracks == Tracks(track2=stripe)
    assert classify_swipe(tracks.track1, tracks.track2, SECRET, ["13"]).card_number == CARD


def test_reader_sending_lrc(card_reader_peer: CardReaderPeer) -> None:
    card_reader_peer.with_lrc = True
    reader = reader_for(card_reader_peer, "yes")
    card_reader_peer.swipe(Tracks(track1="KAIKA^MEMBER", track2=CARD))
    assert reader.read_swipe(timeout=2) == Tracks(track1="KAIKA^MEMBER", track2=CARD)


def test_bank_card_is_refused_and_nothing_of_it_is_logged(
        card_reader_peer: CardReaderPeer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    reader = reader_for(card_reader_peer)
    card_reader_peer.swipe(Tracks(f"B{BANK_PAN}^CARDHOLDER/TEST^3012101",
                                  f"{BANK_PAN}=30121011234"))
    with pytest.raises(DeviceError) as info:
        reader.read_swipe(timeout=2)
    assert (info.value.code, info.value.params) == ("card.bank_card", {})
    assert info.value.__cause__ is None and info.value.__context__ is None
    assert BANK_PAN not in caplog.text and BANK_PAN not in str(info.value)


@pytest.mark.parametrize(("raw", "code"), [
    (b";1304401000125=3111\r", "card.truncated"),  # no end sentinel
    (b";1304401000125?9\r", "card.lrc_mismatch"),
    (b"\xff\xfe\x80\r", "card.garbage"),
    (b"hello\r", "card.garbage"),
])
def test_bad_swipes_are_clear_errors_and_the_next_swipe_works(
        card_reader_peer: CardReaderPeer, raw: bytes, code: str) -> None:
    reader = reader_for(card_reader_peer)
    card_reader_peer.send_raw(raw)
    with pytest.raises(DeviceError) as info:
        reader.read_swipe(timeout=2)
    assert info.value.code == code
    card_reader_peer.swipe(Tracks(track2=CARD))
    assert reader.read_swipe(timeout=2) == Tracks(track2=CARD)


def test_swipe_that_stops_half_way_is_truncated_not_a_hang(
        card_reader_peer: CardReaderPeer) -> None:
    reader = reader_for(card_reader_peer)
    card_reader_peer.send_raw(b";13044010")
    started = time.monotonic()
    with pytest.raises(DeviceError) as info:
        reader.read_swipe(timeout=5)
    assert (info.value.code, info.value.params["received"]) == ("card.truncated", 9)
    assert time.monotonic() - started < 1.0


def test_no_swipe_returns_none_after_the_timeout(card_reader_peer: CardReaderPeer) -> None:
    reader = reader_for(card_reader_peer)
    started = time.monotonic()
    assert reader.read_swipe(timeout=0.2) is None
    assert 0.15 < time.monotonic() - started < 1.0


def test_unplugged_reader_is_offline() -> None:
    with CardReaderPeer() as peer:
        address = peer.address
    reader = SerialCardReader(parse_address(address), ["13"])
    with pytest.raises(DeviceError) as info:
        reader.read_swipe(timeout=0.2)
    assert info.value.code == "card.offline"


def test_reader_set_to_no_lrc_refuses_a_reader_that_sends_one(
        card_reader_peer: CardReaderPeer) -> None:
    card_reader_peer.with_lrc = True
    reader = reader_for(card_reader_peer, "no")
    card_reader_peer.swipe(Tracks(track2="12345"))
    with pytest.raises(DeviceError) as info:
        reader.read_swipe(timeout=2)  # reading without LRC, the LRC is a stray character
    assert (info.value.code, lrc(2, "12345")) == ("card.garbage", "5")


def test_reader_without_sentinels_still_refuses_a_bank_card_and_reads_ours(
        card_reader_peer: CardReaderPeer) -> None:
    """Set up without start/end sentinels, a reader sends a track's bare body: still a swipe."""
    reader = reader_for(card_reader_peer)
    card_reader_peer.send_raw(f"{BANK_PAN}=30121011234\r".encode("ascii"))
    with pytest.raises(DeviceError) as info:
        reader.read_swipe(timeout=2)
    assert (info.value.code, info.value.params) == ("card.bank_card", {})
    card_reader_peer.send_raw(f"B{BANK_PAN}^CARDHOLDER/TEST^3012101\r".encode("ascii"))
    with pytest.raises(DeviceError) as info:
        reader.read_swipe(timeout=2)
    assert info.value.code == "card.bank_card"
    stripe = track2_data(CARD, "3111", SECRET).strip(";?")
    card_reader_peer.send_raw(f"{stripe}\r".encode("ascii"))
    tracks = reader.read_swipe(timeout=2)
    assert tracks == Tracks(track2=stripe)
    assert classify_swipe(tracks.track1, tracks.track2, SECRET, ["13"]).card_number == CARD
