"""Serial barcode scanners (RS-232 or USB virtual COM): one code per line."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from hardware.addresses import Address
from hardware.errors import DeviceError
from hardware.scan_codes import DEFAULT_LAYOUTS, ScannedCode, WeighedLayout, interpret
from hardware.transports import FrameReader, ReconnectGate, SerialLink

FAMILY = "scanner"


class SerialScanner:
    """Reads codes ended by CR or LF. A bad frame raises once; the next read starts clean."""

    def __init__(self, address: Address,
                 layouts: Sequence[WeighedLayout] = DEFAULT_LAYOUTS, *,
                 frame_timeout: float = 0.5, retry_after: float = 1.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        """`clock` (seconds, monotonic) times the frame deadline and the reconnect gap; a test
        injects its own."""
        self.address = address
        self.layouts = tuple(layouts)
        self.link = SerialLink(address, FAMILY, gate=ReconnectGate(retry_after, clock))
        self._frames = FrameReader(self.link, frame_timeout=frame_timeout, clock=clock)

    def read(self, timeout: float) -> ScannedCode | None:
        """The next code, or None when nothing was scanned within `timeout` seconds."""
        frame = self._frames.read_frame(timeout)
        if frame is None:
            return None
        try:
            text = frame.decode("ascii")
        except UnicodeDecodeError:
            raise DeviceError("scanner.garbage", address=str(self.address)) from None
        if not text.isprintable():
            raise DeviceError("scanner.garbage", address=str(self.address))
        return interpret(text, self.layouts)

    def open(self) -> None:
        """Open the port now (it opens by itself on the first read otherwise)."""
        self.link.open()

    def close(self) -> None:
        self.link.close()
