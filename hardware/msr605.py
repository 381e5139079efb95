"""The MSR206/MSR605 stripe encoder (front desk) over its serial protocol.

Commands are ESC sequences (MSR605 Programmer's Manual §6–8): reset `ESC a`, test
`ESC e` -> `ESC y`, read ISO `ESC r`, write ISO `ESC w` + data block, erase `ESC c`,
Hi-Co `ESC x` / Lo-Co `ESC y`, coercivity `ESC d`, model `ESC t`, firmware `ESC v`.
Reads and writes wait for the operator to swipe a card, so they have their own, longer
timeout; when it runs out the encoder is reset so it does not write the next card swiped.
The HID MSR605X speaks the same bytes in 64-byte reports: give `Msr605` a link with the
same write/read_some/discard_input methods to drive it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from enum import StrEnum
from typing import Protocol

from hardware.errors import DeviceError
from hardware.tracks import Tracks, is_valid_body

ESC, FS = b"\x1b", b"\x1c"
FAMILY = "encoder"
_STATUS = {
    0x30: None,
    0x31: "encoder.write_failed",  # read/write error: a bad card or a bad swipe
    0x32: "encoder.command_format",
    0x34: "encoder.invalid_command",
    0x39: "encoder.bad_swipe",  # swiped the wrong way or too fast while writing
    0x41: "encoder.failed",
}
_ERASE_SELECT = {frozenset({1}): 0, frozenset({2}): 2, frozenset({3}): 4,
                 frozenset({1, 2}): 3, frozenset({1, 3}): 5, frozenset({2, 3}): 6,
                 frozenset({1, 2, 3}): 7}
_SENTINELS = {1: ("%", "?"), 2: (";", "?"), 3: (";", "?")}


class Coercivity(StrEnum):
    HI = "hi"
    LO = "lo"


class EncoderLink(Protocol):
    """What the encoder needs from a port (SerialLink, or an HID adapter)."""

    def write(self, data: bytes) -> None: ...
    def read_some(self, timeout: float) -> bytes: ...
    def discard_input(self) -> None: ...
    def close(self) -> None: ...


class Msr605:
    def __init__(self, link: EncoderLink, *, reply_timeout: float = 1.0,
                 swipe_timeout: float = 20.0, clock: Callable[[], float] = time.monotonic):
        self.link = link
        self.reply_timeout = reply_timeout
        self.swipe_timeout = swipe_timeout
        self._clock = clock

    def reset(self) -> None:
        self.link.write(ESC + b"a")
        self.link.discard_input()

    def test_communication(self) -> None:
        self._command(b"e", expect=ESC + b"y")

    def model(self) -> str:
        reply = self._command(b"t", length=3)  # ESC <model> S
        return chr(reply[1])

    def firmware(self) -> str:
        reply = self._command(b"v", length=9)
        return reply[1:].decode("ascii", errors="replace")

    def set_coercivity(self, level: Coercivity) -> None:
        self._command(b"x" if level is Coercivity.HI else b"y", expect=ESC + b"0")

    def coercivity(self) -> Coercivity:
        reply = self._command(b"d", length=2)
        if reply == ESC + b"H":
            return Coercivity.HI
        if reply == ESC + b"L":
            return Coercivity.LO
        raise DeviceError("encoder.bad_reply", command="ESC d")

    def read(self) -> Tracks:
        """Read ISO (ESC r): waits for a swipe, returns the tracks without sentinels."""
        self.link.discard_input()
        self.link.write(ESC + b"r")
        reply = self._await_swipe(self._read_reply_complete)
        return _parse_read_reply(reply)

    def write(self, tracks: Tracks) -> None:
        """Write ISO (ESC w): waits for a swipe; track data goes without sentinels."""
        block = ESC + b"s"
        for number in (1, 2, 3):
            block += ESC + bytes([number]) + _write_data(number, tracks.get(number))
        self.link.discard_input()
        self.link.write(ESC + b"w" + block + b"?" + FS)
        _check_status(self._await_swipe(lambda buf: len(buf) >= 2)[-2:])

    def erase(self, numbers: set[int]) -> None:
        select = _ERASE_SELECT.get(frozenset(numbers))
        if select is None:
            raise DeviceError("encoder.command_format", command="ESC c")
        self.link.discard_input()
        self.link.write(ESC + b"c" + bytes([select]))
        _check_status(self._await_swipe(lambda buf: len(buf) >= 2)[-2:])

    def write_verified(self, tracks: Tracks) -> Tracks:
        """Write, then read the card back (a second swipe) and compare every written track."""
        self.write(tracks)
        back = self.read()
        check_written(tracks, back)
        return back

    def close(self) -> None:
        self.link.close()

    # -- framing --------------------------------------------------------------------------

    def _command(self, op: bytes, *, expect: bytes | None = None, length: int = 0) -> bytes:
        self.link.discard_input()
        self.link.write(ESC + op)
        size = len(expect) if expect else length
        reply = self._collect(lambda buf: len(buf) >= size, self.reply_timeout, "encoder.timeout")
        if expect is not None and reply != expect:
            raise DeviceError("encoder.bad_reply", command=f"ESC {op.decode()}")
        return reply

    def _await_swipe(self, done: Callable[[bytes], bool]) -> bytes:
        try:
            return self._collect(done, self.swipe_timeout, "encoder.no_swipe")
        except DeviceError as exc:
            if exc.code == "encoder.no_swipe":
                self.reset()  # leave write mode: the next card swiped must not be written
            raise

    def _collect(self, done: Callable[[bytes], bool], timeout: float, code: str) -> bytes:
        deadline = self._clock() + timeout
        buf = b""
        while not (buf and done(buf)):
            left = deadline - self._clock()
            if left <= 0:
                raise DeviceError(code if not buf else "encoder.bad_reply", received=len(buf))
            buf += self.link.read_some(min(left, 0.1))
            if len(buf) > 1024:
                raise DeviceError("encoder.bad_reply", received=len(buf))
        return buf

    @staticmethod
    def _read_reply_complete(buf: bytes) -> bool:
        # ... ? FS ESC <status>; a bare ESC <status> is a failed read
        if len(buf) >= 2 and buf[0] == 0x1B and buf[1] != ord("s"):
            return True
        end = buf.find(b"?" + FS + ESC)
        return end >= 0 and len(buf) >= end + 4


def check_written(wanted: Tracks, back: Tracks) -> None:
    """encoder.verify_mismatch unless every track written reads back the same."""
    for number in (1, 2, 3):
        expected = wanted.get(number)
        if expected is not None and back.get(number) != expected:
            raise DeviceError("encoder.verify_mismatch", track=number)


def _write_data(number: int, body: str | None) -> bytes:
    if body is None:
        return b""
    if not body or not is_valid_body(number, body):
        raise DeviceError("encoder.data_invalid", track=number)
    return body.encode("ascii")


def _check_status(reply: bytes) -> None:
    if len(reply) != 2 or reply[0] != 0x1B:
        raise DeviceError("encoder.bad_reply", received=len(reply))
    code = _STATUS.get(reply[1], "encoder.bad_reply")
    if code is not None:
        raise DeviceError(code)


def _parse_read_reply(reply: bytes) -> Tracks:
    if reply[:2] != ESC + b"s":
        _check_status(reply[:2])
        raise DeviceError("encoder.bad_reply", received=len(reply))
    end = reply.find(b"?" + FS + ESC)
    _check_status(reply[end + 2:end + 4])
    fields = reply[2:end].split(ESC)[1:]
    found: dict[int, str | None] = {}
    for raw in fields:
        if not raw or raw[0] not in (1, 2, 3):
            raise DeviceError("encoder.bad_reply", received=len(reply))
        found[raw[0]] = _strip_sentinels(raw[0], raw[1:])
    return Tracks(found.get(1), found.get(2), found.get(3))


def _strip_sentinels(number: int, data: bytes) -> str | None:
    if not data:
        return None
    text = data.decode("ascii", errors="replace")
    start, end = _SENTINELS[number]
    if not (text.startswith(start) and text.endswith(end)):
        raise DeviceError("encoder.bad_reply", track=number)
    body = text[1:-1]
    if not is_valid_body(number, body):
        raise DeviceError("encoder.bad_reply", track=number)
    return body
