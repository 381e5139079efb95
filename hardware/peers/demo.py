"""Every device peer at once, and the settings that point Kaika's drivers at them.

Demo mode (and `kaika hardware peers`) runs a till with no hardware: the printer is a TCP
peer, the encoder, scanner, card reader and display sit on ptys (socket:// on Windows),
and the camera plays a video of codes (when the camera part, OpenCV, is installed).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Self

from hardware.camera import camera_installed
from hardware.peers.display_peer import DisplayPeer
from hardware.peers.line_peers import CardReaderPeer, ScannerPeer
from hardware.peers.msr605_peer import Msr605Peer
from hardware.peers.printer_peer import PrinterPeer

DEMO_CODES = (("QRCODE", "KAIKA:1300440100012"), ("EAN13", "6901234567892"),
              ("EAN13", "2100123012503"))


class DemoRig:
    def __init__(self, folder: Path | None = None) -> None:
        self._tmp = None if folder else tempfile.TemporaryDirectory(prefix="kaika-demo-")
        self.folder = folder or Path(self._tmp.name if self._tmp else ".")
        self.printer = PrinterPeer("tcp")
        self.encoder = Msr605Peer()
        self.scanner = ScannerPeer()
        self.card_reader = CardReaderPeer()
        self.display = DisplayPeer()
        self.video = self.folder / "demo-codes.avi"

    def start(self) -> Self:
        for peer in self._peers():
            peer.start()
        if camera_installed():
            from hardware.peers.video_peer import write_code_video

            write_code_video(self.video, DEMO_CODES)
        return self

    def stop(self) -> None:
        for peer in self._peers():
            peer.stop()
        if self._tmp is not None:
            self._tmp.cleanup()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _peers(self) -> list[Any]:
        return [self.printer, self.encoder, self.scanner, self.card_reader, self.display]

    def settings(self) -> dict[str, dict[str, Any]]:
        """Device settings for a DeviceRegistry, as a store would write them."""
        settings: dict[str, dict[str, Any]] = {
            "printer": {"url": self.printer.address, "width": 80, "encoding": "gb18030"},
            "drawer": {"pin": 2, "on_ms": 100, "off_ms": 100},
            "scanner": {"url": self.scanner.address},
            "card_reader": {"url": self.card_reader.address, "brands": ["13"]},
            "encoder": {"url": self.encoder.address, "swipe_timeout": 5},
            "display": {"url": self.display.address, "encoding": "gb18030"},
        }
        if self.video.exists():  # no camera part, no camera: the scanner peer still scans
            settings["camera"] = {"url": str(self.video)}
        return settings
