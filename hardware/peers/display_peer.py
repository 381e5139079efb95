"""A 2 x 20 pole display peer: keeps the two lines it was told to show (CD5220 or Epson)."""

from __future__ import annotations

import threading
import time

from hardware.peers.serial_peer import SerialPeer


class DisplayPeer(SerialPeer):
    def __init__(self, channel: str | None = None, encoding: str = "gb18030",
                 columns: int = 20) -> None:
        super().__init__(channel)
        self.encoding = encoding
        self.columns = columns
        self._rows = [bytearray(), bytearray()]
        self._row = 0
        self._buffer = bytearray()
        self._lock = threading.Lock()
        self.shown: list[tuple[str, str]] = []  # every full update, oldest first

    @property
    def lines(self) -> tuple[str, str]:
        with self._lock:
            return self._text(0), self._text(1)

    def wait_for(self, upper_contains: str, timeout: float = 2.0) -> tuple[str, str]:
        deadline = time.monotonic() + timeout
        while upper_contains not in self.lines[0] and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.lines

    def handle(self, data: bytes) -> bytes:
        with self._lock:
            self._buffer += data
            while self._buffer and self._step():
                pass
        return b""

    def _text(self, row: int) -> str:
        return bytes(self._rows[row]).decode(self.encoding, errors="replace").rstrip()

    def _step(self) -> bool:
        buf = self._buffer
        if buf[:2] == b"\x1b@" or buf[:1] == b"\x0c":
            del buf[:2 if buf[0] == 0x1B else 1]
            self._rows, self._row = [bytearray(), bytearray()], 0
            return True
        if buf[:2] == b"\x1bQ":
            end = buf.find(b"\r")
            if end < 0 or len(buf) < 3:
                return False
            row = 0 if buf[2:3] == b"A" else 1
            self._rows[row] = bytearray(buf[3:end])
            del buf[:end + 1]
            self._record(row)
            return True
        if buf[:2] == b"\x1f$":
            if len(buf) < 4:
                return False
            self._row = max(min(buf[3], 2), 1) - 1
            self._rows[self._row] = bytearray()
            del buf[:4]
            return True
        if buf[0] in (0x1B, 0x1F):
            del buf[:1]  # an unknown command: skip its first byte and read on
            return True
        self._rows[self._row].append(buf[0])
        del buf[:1]
        if len(self._rows[self._row]) >= self.columns:
            self._record(self._row)
        return True

    def _record(self, row: int) -> None:
        if row == 1:
            self.shown.append((self._text(0), self._text(1)))
