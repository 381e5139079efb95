"""Serial scanners against the scanner peer, and the camera against a video of codes."""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from hardware.addresses import parse_address
from hardware.camera import CameraScanner
from hardware.errors import DeviceError
from hardware.peers.channels import TcpChannel
from hardware.peers.line_peers import ScannerPeer
from hardware.peers.video_peer import code_picture
from hardware.scan_codes import CodeKind, WeighedItem
from hardware.scanner import SerialScanner

pytestmark = pytest.mark.timeout(30)


def scanner_for(peer: ScannerPeer) -> SerialScanner:
    scanner = SerialScanner(parse_address(peer.address), frame_timeout=0.2)
    scanner.open()
    return scanner


def test_codes_arrive_in_order_with_their_kind(scanner_peer: ScannerPeer) -> None:
    scanner = scanner_for(scanner_peer)
    for code in ("6901234567892", "2100123012503", "KAIKA:1304401000125"):
        scanner_peer.scan(code)
    found = [scanner.read(timeout=2) for _ in range(3)]
    assert [(c.kind, c.text) for c in found if c] == [
        (CodeKind.GTIN, "6901234567892"), (CodeKind.WEIGHED, "2100123012503"),
        (CodeKind.TEXT, "KAIKA:1304401000125")]
    assert found[1] is not None and found[1].weighed == WeighedItem("00123", 1250, None)


def test_cr_lf_terminators_give_one_code_each() -> None:
    with ScannerPeer(terminator=b"\r\n") as peer:
        scanner = scanner_for(peer)
        peer.scan("96385074")
        peer.scan("036000291452")
        found = [scanner.read(2) for _ in range(2)]
        assert [code.text for code in found if code] == ["96385074", "036000291452"]
        assert scanner.read(0.1) is None


@pytest.mark.parametrize(("raw", "code"), [(b"\xff\xfe\xfd\r", "scanner.garbage"),
                                           (b"69012\x0734567892\r", "scanner.garbage"),
                                           (b"2100123012504\r", "scanner.check_digit")])
def test_bad_frames_are_errors_and_the_next_code_reads(scanner_peer: ScannerPeer, raw: bytes,
                                                       code: str) -> None:
    scanner = scanner_for(scanner_peer)
    scanner_peer.send_raw(raw)
    with pytest.raises(DeviceError) as info:
        scanner.read(timeout=2)
    assert info.value.code == code
    scanner_peer.scan("6901234567892")
    found = scanner.read(timeout=2)
    assert found is not None and found.text == "6901234567892"


class SteppingClock:
    """Virtual seconds: every reading is `step` later than the last, whatever the wall says."""

    def __init__(self, step: float = 0.0) -> None:
        self.now, self.step = 0.0, step

    def __call__(self) -> float:
        self.now += self.step
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_code_without_terminator_is_truncated_at_the_frame_deadline(
        scanner_peer: ScannerPeer) -> None:
    clock = SteppingClock(step=0.05)
    scanner = SerialScanner(parse_address(scanner_peer.address), frame_timeout=0.2, clock=clock)
    scanner.open()
    scanner_peer.send_raw(b"690123")
    with pytest.raises(DeviceError) as info:
        scanner.read(timeout=5)
    assert (info.value.code, info.value.params["received"]) == ("scanner.truncated", 6)
    # Cut at the frame's own deadline (0.2 s after it began), not at the read's 5 s.
    assert clock.now < 1.0
    scanner_peer.scan("6901234567892")  # and the next code reads clean
    found = scanner.read(timeout=5)
    assert found is not None and found.text == "6901234567892"


def test_endless_stream_without_terminator_is_garbage_not_a_memory_leak(
        scanner_peer: ScannerPeer) -> None:
    scanner = scanner_for(scanner_peer)
    scanner_peer.send_raw(b"7" * 2000)
    with pytest.raises(DeviceError) as info:
        scanner.read(timeout=2)
    assert info.value.code == "scanner.garbage"


def test_scanner_unplugged_is_offline_without_retrying_at_once() -> None:
    peer = ScannerPeer("tcp").start()
    assert isinstance(peer.channel, TcpChannel)
    port = peer.channel.port
    peer.stop()
    clock = SteppingClock(step=0.05)  # virtual: 1 s is 20 readings, however long they take
    scanner = SerialScanner(parse_address(peer.address), retry_after=1.0, clock=clock)
    with pytest.raises(DeviceError) as info:
        scanner.read(timeout=0.2)
    first = info.value.code
    back = ScannerPeer("tcp")
    back.channel = TcpChannel(port=port)
    with back:
        # The scanner is back, but within the retry gap no new attempt is made: the same
        # answer at once, and the port stays closed.
        with pytest.raises(DeviceError) as again:
            scanner.read(timeout=0.2)
        assert (first, again.value.code) == ("scanner.offline", "scanner.offline")
        assert not scanner.link.is_open
        clock.advance(1.0)  # the gap has passed: the next read reconnects
        assert scanner.read(timeout=0.2) is None
        assert scanner.link.is_open
        back.scan("96385074")
        found = scanner.read(timeout=2)
    assert found is not None and found.text == "96385074"


def test_scanner_reconnects_by_itself_when_it_comes_back() -> None:
    peer = ScannerPeer("tcp").start()
    assert isinstance(peer.channel, TcpChannel)
    port = peer.channel.port
    # No gap between reopening attempts (ReconnectGate's spacing has its own tests): the test
    # waits for nothing but the peer, so a busy machine cannot make it miss the reopening.
    scanner = SerialScanner(parse_address(peer.address), retry_after=0)
    scanner.open()
    peer.stop()
    with pytest.raises(DeviceError) as info:
        scanner.read(timeout=0.3)
    assert info.value.code == "scanner.disconnected"
    back = ScannerPeer("tcp")
    back.channel = TcpChannel(port=port)
    with back:
        assert scanner.read(timeout=0.2) is None  # reopened, nothing scanned yet
        back.scan("96385074")
        found = scanner.read(timeout=2)
    assert found is not None and found.text == "96385074"


def test_camera_reads_every_code_of_the_video_once(
        code_video: Path, video_codes: tuple[tuple[str, str], ...]) -> None:
    camera = CameraScanner(parse_address(f"file://{code_video}"))
    found = []
    while not camera.ended:
        code = camera.read(timeout=2)
        if code is not None:
            found.append((code.kind, code.text))
    camera.close()
    assert [text for _, text in found] == [text for _, text in video_codes]
    assert [kind for kind, _ in found] == [CodeKind.TEXT, CodeKind.GTIN, CodeKind.TEXT,
                                           CodeKind.WEIGHED]


def test_missing_video_or_camera_is_offline(tmp_path: Path) -> None:
    camera = CameraScanner(parse_address(str(tmp_path / "none.avi")))
    with pytest.raises(DeviceError) as info:
        camera.read(timeout=0.2)
    assert info.value.code == "camera.offline"


def test_camera_refuses_a_serial_address() -> None:
    with pytest.raises(DeviceError) as info:
        CameraScanner(parse_address("COM3"))
    assert info.value.code == "device.address_unsupported"


def test_two_codes_in_one_frame_are_both_reported(tmp_path: Path) -> None:
    frame = Image.new("L", (640, 480), 235)
    frame.paste(code_picture("QRCODE", "COUPON:8H3K2M"), (20, 40))
    frame.paste(code_picture("EAN13", "6901234567892").convert("L"), (300, 160))
    path = tmp_path / "two.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 10.0, (640, 480))
    for _ in range(3):
        writer.write(cv2.cvtColor(np.array(frame.convert("RGB")), cv2.COLOR_RGB2BGR))
    writer.release()
    camera = CameraScanner(parse_address(str(path)))
    found = {camera.read(2), camera.read(2)}
    assert {code.text for code in found if code} == {"COUPON:8H3K2M", "6901234567892"}
    assert camera.read(1) is None and camera.ended


def test_without_the_camera_part_a_camera_says_it_is_not_installed(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from hardware.camera import camera_installed
    from hardware.hints import hint
    from hardware.peers.demo import DemoRig

    monkeypatch.setitem(sys.modules, "cv2", None)  # `import cv2` raises ImportError, as in a bundle
    assert not camera_installed()
    scanner = CameraScanner(parse_address(str(tmp_path / "codes.avi")))
    with pytest.raises(DeviceError) as info:
        scanner.read(0.1)
    assert info.value.code == "camera.not_installed"
    assert "camera scanning is not installed" in hint(info.value.code)
    with DemoRig(tmp_path) as rig:  # the demo store runs with no camera, every other device
        settings = rig.settings()
    assert "camera" not in settings and "printer" in settings
