"""A receipt printer peer: reads ESC/POS like a Chinese thermal printer and answers status.

It listens on 127.0.0.1 (raw port-9100 style) or on a pty (a serial printer), records what
it would have printed — GB18030 text lines, QR payloads, barcode data (read back from
pictures too), cuts and drawer pulses — and can run out of paper, open its cover, drop the
connection or hang, for the tests and for demo mode.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Self

from hardware.peers.channels import Channel, PtyChannel, TcpChannel
from hardware.peers.escpos_stream import (
    QR,
    BarcodeEvent,
    CutEvent,
    DrawerPulse,
    EscposStream,
    Event,
    Line,
    Picture,
    StatusQuery,
    Unknown,
)

# Status bytes (Epson ESC/POS): bits 1 and 4 are always set.
_FIXED = 0x12
_OFFLINE, _COVER_OPEN, _PAPER_STOP, _NEAR_END, _PAPER_END = 0x08, 0x04, 0x20, 0x0C, 0x60


@dataclass
class PrinterLog:
    """What the printer did, in order; `pages` holds the text lines between cuts."""

    lines: list[str] = field(default_factory=list)
    styled: list[Line] = field(default_factory=list)
    qr: list[str] = field(default_factory=list)
    barcodes: list[tuple[str, str]] = field(default_factory=list)
    pictures: list[tuple[int, int]] = field(default_factory=list)
    cuts: int = 0
    pages: list[list[str]] = field(default_factory=list)
    drawer_pulses: list[DrawerPulse] = field(default_factory=list)
    status_queries: int = 0
    unknown: list[bytes] = field(default_factory=list)
    bytes_received: int = 0
    # Per page, the codes printed on it: (lines printed before it, "QRCODE" or the barcode's
    # symbology, data) — where a receipt viewer draws them among the text lines.
    page_codes: list[list[tuple[int, str, str]]] = field(default_factory=list)

    def copy(self) -> PrinterLog:
        return PrinterLog(list(self.lines), list(self.styled), list(self.qr),
                          list(self.barcodes), list(self.pictures), self.cuts,
                          [list(p) for p in self.pages], list(self.drawer_pulses),
                          self.status_queries, list(self.unknown), self.bytes_received,
                          [list(c) for c in self.page_codes])


class PrinterEmulator:
    """The printer itself, whatever the line: bytes in, status replies out."""

    def __init__(self, encoding: str = "gb18030", decode_pictures: bool = True) -> None:
        self.encoding = encoding
        self.paper_out = False
        self.paper_near_end = False
        self.cover_open = False
        self._decode = decode_pictures
        self._lock = threading.Lock()
        self._log = PrinterLog()
        self._page: list[str] = []
        self._codes: list[tuple[int, str, str]] = []  # on the page being printed
        self._pending: list[Picture] = []
        self._stream = EscposStream(encoding)

    def new_connection(self) -> None:
        """A new job: half a command left by a dropped connection is thrown away."""
        with self._lock:
            self._stream = EscposStream(self.encoding)

    def receive(self, data: bytes) -> bytes:
        with self._lock:
            self._log.bytes_received += len(data)
            replies = bytearray()
            for event in self._stream.feed(data):
                replies += self._record(event)
            return bytes(replies)

    def snapshot(self) -> PrinterLog:
        with self._lock:
            self._flush_pictures()
            return self._log.copy()

    def wait_for(self, condition: Callable[[PrinterLog], bool], timeout: float = 2.0) -> PrinterLog:
        """Poll until `condition(log)` holds or the time is up; returns the last log."""
        deadline = time.monotonic() + timeout
        log = self.snapshot()
        while not condition(log) and time.monotonic() < deadline:
            time.sleep(0.01)
            log = self.snapshot()
        return log

    def _record(self, event: Event) -> bytes:
        if isinstance(event, Picture):
            self._pending.append(event)
            return b""
        self._flush_pictures()
        if isinstance(event, StatusQuery):
            self._log.status_queries += 1
            return bytes([self.status_byte(event)])
        self._record_print(event)
        return b""

    def _record_print(self, event: Event) -> None:
        log = self._log
        if isinstance(event, Line):
            log.lines.append(event.text)
            log.styled.append(event)
            self._page.append(event.text)
        elif isinstance(event, QR):
            log.qr.append(event.payload)
            self._codes.append((len(self._page), "QRCODE", event.payload))
        elif isinstance(event, BarcodeEvent):
            log.barcodes.append((event.symbology, event.data))
            self._codes.append((len(self._page), event.symbology, event.data))
        elif isinstance(event, CutEvent):
            log.cuts += 1
            log.pages.append(self._page)
            log.page_codes.append(self._codes)
            self._page, self._codes = [], []
        elif isinstance(event, DrawerPulse):
            log.drawer_pulses.append(event)
        elif isinstance(event, Unknown):
            log.unknown.append(event.data)

    def status_byte(self, query: StatusQuery) -> int:
        kind = query.kind
        if query.command == "GS r":  # paper sensor: near end bits 0-1, end bits 2-3
            return (0x03 if self.paper_near_end else 0) | (0x0C if self.paper_out else 0)
        if kind == 1:
            return _FIXED | (_OFFLINE if self.paper_out or self.cover_open else 0)
        if kind == 2:
            return (_FIXED | (_COVER_OPEN if self.cover_open else 0)
                    | (_PAPER_STOP if self.paper_out else 0))
        if kind == 4:
            return (_FIXED | (_NEAR_END if self.paper_near_end else 0)
                    | (_PAPER_END if self.paper_out else 0))
        return _FIXED

    def _flush_pictures(self) -> None:
        # Consecutive pictures are one strip of paper: a QR may span two raster commands.
        if not self._pending:
            return
        pictures, self._pending = self._pending, []
        width = max(p.width for p in pictures)
        height = sum(p.height for p in pictures)
        self._log.pictures.append((width, height))
        if self._decode:
            self._read_codes(pictures)

    def _read_codes(self, pictures: list[Picture]) -> None:
        # OpenCV reads codes in pictures; a bundle without the camera part logs the picture's
        # size only (receipts print their QR codes as ESC/POS QR commands, not as pictures)
        try:
            import numpy as np

            from hardware.decode import bits_to_gray, decode_gray, linear_decoder_available
        except ImportError:
            return

        width = max(p.width for p in pictures)
        rows = [np.pad(bits_to_gray(p.bits, p.width, p.height), ((0, 0), (0, width - p.width)),
                       constant_values=255) for p in pictures]
        for code in decode_gray(np.vstack(rows), linear=linear_decoder_available()):
            if code.symbology == "QRCODE":
                self._log.qr.append(code.text)
            else:
                self._log.barcodes.append((code.symbology, code.text))
            self._codes.append((len(self._page), code.symbology, code.text))


class PrinterPeer:
    """A printer on a channel: `tcp` (default, tcp://127.0.0.1:port) or `pty` (serial)."""

    def __init__(self, channel: str = "tcp", *, encoding: str = "gb18030",
                 decode_pictures: bool = True) -> None:
        self.emulator = PrinterEmulator(encoding, decode_pictures)
        self.channel: Channel = TcpChannel() if channel == "tcp" else PtyChannel()
        self.channel.on_connect = self.emulator.new_connection

    def start(self) -> Self:
        self.channel.start(self._handle)
        return self

    def stop(self) -> None:
        self.channel.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def address(self) -> str:
        if isinstance(self.channel, TcpChannel):
            return f"tcp://{self.channel.address}"
        return self.channel.address

    @property
    def received(self) -> PrinterLog:
        return self.emulator.snapshot()

    def wait_for(self, condition: Callable[[PrinterLog], bool], timeout: float = 2.0) -> PrinterLog:
        return self.emulator.wait_for(condition, timeout)

    def drop_after(self, count: int | None) -> None:
        """Cut the TCP connection once `count` bytes of a job arrived (None: never)."""
        self._tcp().drop_after = count

    def stall_after(self, count: int | None) -> None:
        """Stop reading and answering after `count` bytes of a job (None: never)."""
        self._tcp().stall_after = count

    def _tcp(self) -> TcpChannel:
        if not isinstance(self.channel, TcpChannel):
            raise TypeError("connection faults need the tcp channel")
        return self.channel

    def _handle(self, data: bytes) -> bytes:
        return self.emulator.receive(data)
