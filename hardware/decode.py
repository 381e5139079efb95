"""Reading codes from pictures: OpenCV for QR codes, zbar (pyzbar) for 1-D barcodes.

zbar guesses Shift-JIS for QR content and garbles UTF-8, so QR codes are left to OpenCV's
detector; zbar only looks for linear symbols.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from hardware.errors import DeviceError

LINEAR_SYMBOLS = ("EAN13", "EAN8", "UPCA", "UPCE", "CODE128", "CODE39", "I25")
_MARGIN = 24  # white border added around a picture: QR detection needs a quiet zone


@dataclass(frozen=True, slots=True)
class DecodedCode:
    symbology: str  # "QRCODE", "EAN13", "CODE128", ...
    text: str


def _zbar() -> Any:
    try:
        from pyzbar import pyzbar
    except (ImportError, OSError) as exc:  # the shared library libzbar0 is missing
        raise DeviceError("device.dependency_missing", library="libzbar0") from exc
    return pyzbar


def linear_decoder_available() -> bool:
    try:
        _zbar()
    except DeviceError:
        return False
    return True


def decode_gray(gray: np.ndarray, *, linear: bool = True) -> list[DecodedCode]:
    """Every QR code and (when `linear`) 1-D barcode found in an 8-bit grey picture."""
    padded = cv2.copyMakeBorder(gray, _MARGIN, _MARGIN, _MARGIN, _MARGIN,
                                cv2.BORDER_CONSTANT, value=255)
    codes = _qr_codes(padded)
    if linear:
        codes += _linear_codes(padded)
    return codes


def _qr_codes(gray: np.ndarray) -> list[DecodedCode]:
    detector = cv2.QRCodeDetector()
    found, texts, _, _ = detector.detectAndDecodeMulti(gray)
    if not found:
        return []
    return [DecodedCode("QRCODE", text) for text in texts if text]


def _linear_codes(gray: np.ndarray) -> list[DecodedCode]:
    pyzbar = _zbar()
    symbols = [pyzbar.ZBarSymbol[name] for name in LINEAR_SYMBOLS]
    results = pyzbar.decode(gray, symbols=symbols)
    # zbar reports a UPC-A as a 13-digit EAN-13 starting with 0 unless asked for UPCA only
    return [DecodedCode(r.type, r.data.decode("ascii", errors="replace")) for r in results]


def bits_to_gray(bits: bytes, width: int, height: int) -> np.ndarray:
    """ESC/POS raster data (1 = black dot, MSB first) as an 8-bit grey picture."""
    packed = np.frombuffer(bits, dtype=np.uint8).reshape(height, width // 8)
    dots = np.unpackbits(packed, axis=1)
    return np.where(dots == 1, 0, 255).astype(np.uint8)
