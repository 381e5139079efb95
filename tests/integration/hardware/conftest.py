"""Peers for the hardware tests: each runs in a background thread and is stopped after use."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from hardware.peers.display_peer import DisplayPeer
from hardware.peers.line_peers import CardReaderPeer, ScannerPeer
from hardware.peers.msr605_peer import Msr605Peer
from hardware.peers.printer_peer import PrinterPeer
from hardware.peers.video_peer import write_code_video

VIDEO_CODES = (("QRCODE", "KAIKA:1304401000125"), ("EAN13", "6901234567892"),
               ("CODE128", "1304401000125"), ("EAN13", "2100123012503"))


@pytest.fixture
def printer_peer() -> Iterator[PrinterPeer]:
    """A network printer on 127.0.0.1:<ephemeral port>."""
    with PrinterPeer("tcp") as peer:
        yield peer


@pytest.fixture
def serial_printer_peer() -> Iterator[PrinterPeer]:
    """A serial printer on the far side of a pty."""
    with PrinterPeer("pty") as peer:
        yield peer


@pytest.fixture
def msr605_peer() -> Iterator[Msr605Peer]:
    with Msr605Peer() as peer:
        yield peer


@pytest.fixture
def scanner_peer() -> Iterator[ScannerPeer]:
    with ScannerPeer() as peer:
        yield peer


@pytest.fixture
def card_reader_peer() -> Iterator[CardReaderPeer]:
    with CardReaderPeer() as peer:
        yield peer


@pytest.fixture
def display_peer() -> Iterator[DisplayPeer]:
    with DisplayPeer() as peer:
        yield peer


@pytest.fixture(scope="session")
def code_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The camera's peer: a video showing a QR member code, an EAN-13, a card number in
    Code 128 and a weighed-item label, in that order."""
    folder = tmp_path_factory.mktemp("media")
    return write_code_video(folder / "codes.avi", VIDEO_CODES)


class Repeater:
    """Sends something every few ms from a thread until stopped: a device that keeps
    scanning, so a driver opened at any moment still sees it."""

    def __init__(self, action: Callable[[], None], every: float = 0.05) -> None:
        self._action = action
        self._every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Repeater:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=2)

    def _run(self) -> None:
        while not self._stop.wait(self._every):
            self._action()


@pytest.fixture
def repeater() -> type[Repeater]:
    return Repeater


@pytest.fixture
def video_codes() -> tuple[tuple[str, str], ...]:
    return VIDEO_CODES
