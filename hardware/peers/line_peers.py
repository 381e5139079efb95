"""Peers that only talk: a serial barcode scanner and a serial stripe reader.

Each sends what the real device sends when something is scanned or swiped — the code or
the tracks, then a terminator — and records it, so demo mode can "scan" on a timer.
"""

from __future__ import annotations

from hardware.peers.serial_peer import SerialPeer
from hardware.tracks import Tracks, swipe_text


class ScannerPeer(SerialPeer):
    """A scanner in USB-CDC / RS-232 mode: each code as ASCII followed by CR (or CR LF)."""

    def __init__(self, channel: str | None = None, terminator: bytes = b"\r") -> None:
        super().__init__(channel)
        self.terminator = terminator
        self.sent: list[str] = []

    def scan(self, code: str) -> None:
        self.sent.append(code)
        self.send(code.encode("ascii") + self.terminator)

    def send_raw(self, data: bytes) -> None:
        self.send(data)


class CardReaderPeer(SerialPeer):
    """A serial stripe reader: `%t1?;t2?;t3?` (LRC optional) then CR for each swipe."""

    def __init__(self, channel: str | None = None, with_lrc: bool = False) -> None:
        super().__init__(channel)
        self.with_lrc = with_lrc
        self.swipes: list[Tracks] = []

    def swipe(self, tracks: Tracks) -> None:
        self.swipes.append(tracks)
        self.send(swipe_text(tracks, self.with_lrc).encode("ascii") + b"\r")

    def send_raw(self, data: bytes) -> None:
        self.send(data)
