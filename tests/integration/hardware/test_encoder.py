"""The MSR605 driver against the MSR605 peer on a pty (and on socket:// as on Windows)."""

from __future__ import annotations

import time

import pytest

from domain.cards import track2_data
from hardware.addresses import parse_address
from hardware.errors import DeviceError
from hardware.msr605 import Coercivity, Msr605
from hardware.peers.msr605_peer import Msr605Peer
from hardware.tracks import Tracks
from hardware.transports import SerialLink

pytestmark = pytest.mark.timeout(20)
STRIPE = track2_data("1304401000125", "3111", bytes.fromhex("00112233")).strip(";?")


def encoder_for(peer: Msr605Peer, swipe_timeout: float = 1.0) -> Msr605:
    link = SerialLink(parse_address(peer.address), "encoder")
    return Msr605(link, reply_timeout=0.3, swipe_timeout=swipe_timeout)


@pytest.mark.parametrize("channel", ["pty", "tcp"])
def test_write_then_read_back_verifies(channel: str) -> None:
    with Msr605Peer(channel) as peer:
        encoder = encoder_for(peer)
        encoder.test_communication()
        encoder.set_coercivity(Coercivity.HI)
        back = encoder.write_verified(Tracks(track2=STRIPE))
        encoder.close()
    assert back.track2 == STRIPE
    assert peer.written == [Tracks(track2=STRIPE)]
    assert peer.commands == ["e", "x", "w", "r"]


def test_identity_and_settings(msr605_peer: Msr605Peer) -> None:
    encoder = encoder_for(msr605_peer)
    assert (encoder.model(), encoder.firmware()) == ("3", "REV0A1.0")
    encoder.set_coercivity(Coercivity.LO)
    assert encoder.coercivity() is Coercivity.LO
    assert msr605_peer.coercivity == "L"


def test_read_returns_all_three_tracks(msr605_peer: Msr605Peer) -> None:
    msr605_peer.card = Tracks("KAIKA^MEMBER", STRIPE, "0123=45")
    assert encoder_for(msr605_peer).read() == Tracks("KAIKA^MEMBER", STRIPE, "0123=45")


def test_erase_track_2(msr605_peer: Msr605Peer) -> None:
    msr605_peer.card = Tracks("KAIKA", STRIPE)
    encoder_for(msr605_peer).erase({2})
    assert msr605_peer.card == Tracks("KAIKA")


def test_write_error_status(msr605_peer: Msr605Peer) -> None:
    msr605_peer.fail_next_write = True
    with pytest.raises(DeviceError) as info:
        encoder_for(msr605_peer).write(Tracks(track2=STRIPE))
    assert info.value.code == "encoder.write_failed"
    assert msr605_peer.written == []


def test_card_that_reads_back_differently(msr605_peer: Msr605Peer) -> None:
    msr605_peer.corrupt_writes = True
    with pytest.raises(DeviceError) as info:
        encoder_for(msr605_peer).write_verified(Tracks(track2=STRIPE))
    assert (info.value.code, info.value.params) == ("encoder.verify_mismatch", {"track": 2})


def test_no_swipe_times_out_and_resets_the_encoder(msr605_peer: Msr605Peer) -> None:
    msr605_peer.card_present = False
    started = time.monotonic()
    with pytest.raises(DeviceError) as info:
        encoder_for(msr605_peer, swipe_timeout=0.3).write(Tracks(track2=STRIPE))
    assert info.value.code == "encoder.no_swipe"
    assert time.monotonic() - started < 1.0
    time.sleep(0.05)
    assert msr605_peer.commands[-1] == "a"  # reset: the next card swiped is not written


def test_silent_encoder_is_a_timeout(msr605_peer: Msr605Peer) -> None:
    msr605_peer.silent = True
    with pytest.raises(DeviceError) as info:
        encoder_for(msr605_peer).test_communication()
    assert info.value.code == "encoder.timeout"


def test_track_data_a_stripe_cannot_hold_is_refused_before_writing(
        msr605_peer: Msr605Peer) -> None:
    with pytest.raises(DeviceError) as info:
        encoder_for(msr605_peer).write(Tracks(track2="1304A"))
    assert (info.value.code, info.value.params) == ("encoder.data_invalid", {"track": 2})
    assert msr605_peer.commands == []


class GarbageLink:
    """A port with a device at the wrong baud rate: every answer is noise."""

    def write(self, data: bytes) -> None:
        self.sent = data

    def read_some(self, timeout: float) -> bytes:
        return b"\xf0\x0f\xaa"

    def discard_input(self) -> None:
        pass

    def close(self) -> None:
        pass


def test_garbage_answers_are_a_bad_reply() -> None:
    encoder = Msr605(GarbageLink(), reply_timeout=0.3, swipe_timeout=0.3)
    with pytest.raises(DeviceError) as info:
        encoder.test_communication()
    assert info.value.code == "encoder.bad_reply"
    with pytest.raises(DeviceError) as info:
        encoder.write(Tracks(track2=STRIPE))
    assert info.value.code == "encoder.bad_reply"
    with pytest.raises(DeviceError) as info:
        encoder.read()
    assert info.value.code == "encoder.bad_reply"
