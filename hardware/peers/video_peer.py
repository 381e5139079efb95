"""The camera's peer: a video file showing codes one after another, for tests and demos.

Frames are drawn with qrcode and our own EAN-13/Code 128 bar patterns (no python-barcode),
and written as Motion-JPEG in an .avi, which OpenCV reads back on every platform.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from hardware.barcodes import code128_modules, ean8_modules, ean13_modules
from hardware.raster import bars_image, qr_image

FRAME_SIZE = (640, 480)


def code_picture(symbology: str, text: str) -> Image.Image:
    """One code, large and sharp, as a black-on-white picture."""
    if symbology == "QRCODE":
        return qr_image(text, 8)
    modules = {"EAN13": ean13_modules, "EAN8": ean8_modules,
               "CODE128": code128_modules}[symbology](text)
    return bars_image(modules, 3, 160)


def frame_with(picture: Image.Image | None) -> np.ndarray:
    canvas = Image.new("L", FRAME_SIZE, 235)  # paper is not pure white on camera
    if picture is not None:
        gray = picture.convert("L")
        canvas.paste(gray, ((FRAME_SIZE[0] - gray.width) // 2, (FRAME_SIZE[1] - gray.height) // 2))
    rgb = np.array(canvas.convert("RGB"))
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)


def write_code_video(path: Path, codes: Sequence[tuple[str, str]], *, frames_per_code: int = 4,
                     blank_frames: int = 2, fps: float = 10.0) -> Path:
    """A video with blank frames, then each (symbology, text) code for a few frames."""
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, FRAME_SIZE)
    if not writer.isOpened():
        raise OSError(f"cannot write video {path}")
    try:
        for symbology, text in codes:
            for _ in range(blank_frames):
                writer.write(frame_with(None))
            for _ in range(frames_per_code):
                writer.write(frame_with(code_picture(symbology, text)))
        for _ in range(blank_frames):
            writer.write(frame_with(None))
    finally:
        writer.release()
    return path
