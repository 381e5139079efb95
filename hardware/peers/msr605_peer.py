"""An MSR605 encoder peer: answers the MSR206/605 serial protocol with a simulated card.

The card in the slot is `card` (tracks without sentinels). A write replaces it; a read
returns it with sentinels. Every swipe happens at once unless `card_present` is False,
in which case reads and writes wait, like a device whose operator walked away. Faults:
`fail_next_write` (status 0x31), `corrupt_writes` (the stripe comes out different),
`silent` (no answers at all).
"""

from __future__ import annotations

import threading

from hardware.peers.serial_peer import SerialPeer
from hardware.tracks import Tracks

ESC, FS = 0x1B, 0x1C
_OK, _RW_ERROR, _INVALID = b"\x1b0", b"\x1b1", b"\x1b4"
_SIMPLE = {ord(c) for c in "aerxydtv"}
_SENTINELS = {1: ("%", "?"), 2: (";", "?"), 3: (";", "?")}


class Msr605Peer(SerialPeer):
    def __init__(self, channel: str | None = None, card: Tracks | None = None) -> None:
        super().__init__(channel)
        self.card = card or Tracks()
        self.coercivity = "H"
        self.card_present = True
        self.fail_next_write = False
        self.corrupt_writes = False
        self.silent = False
        self.written: list[Tracks] = []  # every track set written, in order
        self.commands: list[str] = []
        self._buffer = bytearray()
        self._lock = threading.Lock()

    def handle(self, data: bytes) -> bytes:
        with self._lock:
            self._buffer += data
            replies = bytearray()
            while True:
                command = self._next_command()
                if command is None:
                    break
                if not self.silent:
                    replies += self._answer(command)
            return bytes(replies)

    def _next_command(self) -> bytes | None:
        buf = self._buffer
        while buf and buf[0] != ESC:
            del buf[0]  # noise between commands is ignored, as the device does
        if len(buf) < 2:
            return None
        op = buf[1]
        if op == ord("w"):
            end = buf.find(bytes([ord("?"), FS]))
            if end < 0:
                return None
            length = end + 2
        elif op == ord("c"):
            length = 3
        else:
            length = 2
        if len(buf) < length:
            return None
        command = bytes(buf[:length])
        del buf[:length]
        return command

    def _answer(self, command: bytes) -> bytes:
        op = chr(command[1])
        self.commands.append(op)
        if op == "w":
            return self._write(command)
        if op == "r":
            return self._read() if self.card_present else b""
        if op == "c":
            return self._erase(command[2]) if self.card_present else b""
        return self._simple(op)

    def _simple(self, op: str) -> bytes:
        if op == "a":
            return b""
        if op == "e":
            return b"\x1by"
        if op in "xy":
            self.coercivity = "H" if op == "x" else "L"
            return _OK
        if op == "d":
            return b"\x1b" + self.coercivity.encode()
        if op == "t":
            return b"\x1b3S"  # model 3: MSR605 with three heads
        if op == "v":
            return b"\x1bREV0A1.0"
        return _INVALID

    def _write(self, command: bytes) -> bytes:
        if not self.card_present:
            return b""
        tracks = _parse_write_block(command[2:-2])
        if tracks is None:
            return b"\x1b2"
        if self.fail_next_write:
            self.fail_next_write = False
            return _RW_ERROR
        if self.corrupt_writes and tracks.track2:
            # One digit comes out wrong, always a different one (a "0" would stay a "0").
            flipped = "1" if tracks.track2.endswith("0") else "0"
            tracks = Tracks(tracks.track1, tracks.track2[:-1] + flipped, tracks.track3)
        self.written.append(tracks)
        merged = [tracks.get(n) or self.card.get(n) for n in (1, 2, 3)]
        self.card = Tracks(merged[0], merged[1], merged[2])
        return _OK

    def _read(self) -> bytes:
        body = b"\x1bs"
        for number in (1, 2, 3):
            data = self.card.get(number)
            start, end = _SENTINELS[number]
            body += bytes([ESC, number]) + (f"{start}{data}{end}".encode() if data else b"")
        return body + b"?\x1c" + _OK

    def _erase(self, select: int) -> bytes:
        keep = [self.card.get(n) for n in (1, 2, 3)]
        for number, bit in ((1, None), (2, 2), (3, 4)):
            erased = (select in (0, 3, 5, 7)) if bit is None else bool(select & bit)
            if erased:
                keep[number - 1] = None
        self.card = Tracks(keep[0], keep[1], keep[2])
        return _OK


def _parse_write_block(block: bytes) -> Tracks | None:
    """ESC s ESC 1 <t1> ESC 2 <t2> ESC 3 <t3> (the ? FS already removed)."""
    if block[:2] != b"\x1bs":
        return None
    found: dict[int, str | None] = {}
    for raw in block[2:].split(bytes([ESC]))[1:]:
        if not raw or raw[0] not in (1, 2, 3):
            return None
        found[raw[0]] = raw[1:].decode("ascii", errors="replace") or None
    return Tracks(found.get(1), found.get(2), found.get(3))
