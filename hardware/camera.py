"""Camera scanning: frames from a webcam (by index) or a video file, codes read from them.

OpenCV grabs the frames (DirectShow on Windows, where the default MSMF backend can take
minutes to open a camera); QR codes are read by OpenCV and 1-D barcodes by zbar. A camera
sees the same code in many frames, so a code is reported again only after `repeat_after`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from hardware.addresses import Address, is_video_path
from hardware.errors import DeviceError
from hardware.scan_codes import DEFAULT_LAYOUTS, ScannedCode, WeighedLayout, interpret

FAMILY = "camera"


def camera_installed() -> bool:
    """OpenCV is there: the bundle's base install leaves it out (the optional camera part)."""
    try:
        import cv2  # noqa: F401
    except ImportError:
        return False
    return True


class CameraScanner:
    def __init__(self, address: Address, layouts: Sequence[WeighedLayout] = DEFAULT_LAYOUTS,
                 *, repeat_after: float = 2.0, open_timeout: float = 5.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if address.kind != "camera" and not is_video_path(address):
            raise DeviceError("device.address_unsupported", address=str(address), family=FAMILY)
        self.address = address
        self.layouts = tuple(layouts)
        self.repeat_after = repeat_after
        self.open_timeout = open_timeout
        self._clock = clock
        self._capture: Any = None
        self._seen: dict[str, float] = {}
        self._waiting: list[str] = []
        self._linear: bool | None = None  # zbar is there: known at the first frame
        self.ended = False  # a video file has no more frames

    def open(self) -> None:
        if self._capture is not None:
            return
        capture = self._open_capture()
        if not capture.isOpened():
            capture.release()
            raise DeviceError(f"{FAMILY}.offline", address=str(self.address))
        self._capture = capture
        self.ended = False

    def _open_capture(self) -> Any:
        try:
            import cv2  # OpenCV and numpy load with the first camera, not with every till
        except ImportError as exc:  # a bundle installed without its camera part
            raise DeviceError(f"{FAMILY}.not_installed", address=str(self.address)) from exc

        params = [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, int(self.open_timeout * 1000),
                  cv2.CAP_PROP_READ_TIMEOUT_MSEC, int(self.open_timeout * 1000)]
        if self.address.kind == "camera":
            backend = cv2.CAP_DSHOW if sys.platform == "win32" else cv2.CAP_ANY
            return cv2.VideoCapture(int(self.address.target), backend, params)
        return cv2.VideoCapture(self.address.target, cv2.CAP_ANY, params)

    def read(self, timeout: float) -> ScannedCode | None:
        """The next new code within `timeout` seconds; None if none (or the video ended)."""
        self.open()
        deadline = self._clock() + timeout
        while not self._waiting and self._clock() < deadline:
            gray = self._next_frame()
            if gray is None:
                break
            self._waiting.extend(self._new_codes(gray))
        if not self._waiting:
            return None
        # one frame may hold two codes (a product and a coupon): the second waits its turn
        return interpret(self._waiting.pop(0), self.layouts)

    def _next_frame(self) -> Any:
        ok, frame = self._capture.read()
        if not ok:
            if self.address.kind == "camera":
                self.close()  # unplugged: the next scan reopens it
                raise DeviceError(f"{FAMILY}.disconnected", address=str(self.address))
            self.ended = True
            return None
        import cv2

        return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY) if frame.ndim == 3 else frame

    def _new_codes(self, gray: Any) -> list[str]:
        now = self._clock()
        fresh = []
        from hardware.decode import decode_gray, linear_decoder_available

        if self._linear is None:
            self._linear = linear_decoder_available()
        for found in decode_gray(gray, linear=self._linear):
            last = self._seen.get(found.text)
            if last is None or now - last >= self.repeat_after:
                fresh.append(found.text)
            self._seen[found.text] = now
        return fresh

    def close(self) -> None:
        capture, self._capture = self._capture, None
        if capture is not None:
            capture.release()
