"""Magnetic-stripe readers: a keyboard-wedge burst or a serial reader, bank cards refused.

The bank-card decision is the domain's (`domain.cards.is_bank_card`); it is made right
after parsing, before anything is stored, shown or logged, and the refusal carries no data.
A reader set up without start/end sentinels sends a track's bare body; that is still taken
for a swipe (`domain.cards.bare_swipe`), so a bank card never passes for a scanned code.
"""

from __future__ import annotations

from collections.abc import Sequence

from domain.cards import bare_swipe, is_bank_card
from hardware.addresses import Address
from hardware.errors import DeviceError
from hardware.tracks import LRC_MODES, Tracks, parse_tracks
from hardware.transports import FrameReader, SerialLink

FAMILY = "card"


class SwipeParser:
    """Raw reader output -> tracks of a card that is not a bank card."""

    def __init__(self, brands: Sequence[str], lrc_mode: str = "auto") -> None:
        if lrc_mode not in LRC_MODES:
            raise DeviceError("device.setting_invalid", setting="lrc", value=lrc_mode)
        self.brands = tuple(brands)
        self.lrc_mode = lrc_mode

    def parse(self, raw: str) -> Tracks:
        bare = bare_swipe(raw)
        tracks = Tracks(*bare) if bare is not None else parse_tracks(raw, self.lrc_mode)
        if is_bank_card(tracks.track1, tracks.track2, self.brands):
            raise DeviceError("card.bank_card")
        return tracks


def looks_like_swipe(burst: str) -> bool:
    """A wedge burst from a stripe reader rather than a barcode scanner, sentinels or not."""
    return burst[:1] in ("%", ";", "+") or bare_swipe(burst) is not None


class SerialCardReader:
    """A reader on a COM port (or a USB virtual COM) that sends each swipe as one line."""

    def __init__(self, address: Address, brands: Sequence[str], *, lrc_mode: str = "auto",
                 frame_timeout: float = 0.5) -> None:
        self.address = address
        self.parser = SwipeParser(brands, lrc_mode)
        self.link = SerialLink(address, FAMILY)
        self._frames = FrameReader(self.link, frame_timeout=frame_timeout)

    def read_swipe(self, timeout: float) -> Tracks | None:
        """The next swipe, or None when no card was swiped within `timeout` seconds."""
        frame = self._frames.read_frame(timeout)
        if frame is None:
            return None
        try:
            text = frame.decode("ascii")
        except UnicodeDecodeError:
            raise DeviceError("card.garbage", address=str(self.address)) from None
        return self.parser.parse(text)

    def open(self) -> None:
        """Open the port now (it opens by itself on the first read otherwise)."""
        self.link.open()

    def close(self) -> None:
        self.link.close()
