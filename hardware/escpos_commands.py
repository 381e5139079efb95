"""ESC/POS command bytes, one small builder per command (byte-for-byte as python-escpos)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hardware.layout import Align
from hardware.receipt import Symbology

if TYPE_CHECKING:  # Pillow loads with the first picture printed, not with every till
    from PIL import Image

ESC, GS, FS, DLE = b"\x1b", b"\x1d", b"\x1c", b"\x10"
LF = b"\n"
INIT = ESC + b"@"
CHINESE_ON = FS + b"&"  # FS &: two-byte (GB) characters from here on
CHINESE_OFF = FS + b"."
STATUS_PRINTER, STATUS_OFFLINE_CAUSE, STATUS_PAPER = 1, 2, 4
_ALIGN = {Align.LEFT: 0, Align.CENTER: 1, Align.RIGHT: 2}
_QR_EC = {"L": 48, "M": 49, "Q": 50, "H": 51}
# GS k function A (NUL-terminated) numbers for the GTIN symbologies; Code 128 is function B.
_GTIN_FUNCTION = {Symbology.UPCA: 0, Symbology.EAN13: 2, Symbology.EAN8: 3}
CODE128_FUNCTION = 73
RASTER_FRAGMENT_ROWS = 960  # python-escpos splits tall images the same way


def align(where: Align) -> bytes:
    return ESC + b"a" + bytes([_ALIGN[where]])


def bold(on: bool) -> bytes:
    return ESC + b"E" + bytes([int(on)])


def size(width: int, height: int) -> bytes:
    """GS ! : magnifies Chinese and Latin alike (ESC ! only enlarges Latin on most models)."""
    return GS + b"!" + bytes([(width - 1) << 4 | (height - 1)])


def feed(lines: int) -> bytes:
    return ESC + b"d" + bytes([lines])


def cut(partial: bool = False, feed_lines: int = 6) -> bytes:
    return feed(feed_lines) + GS + b"V" + bytes([1 if partial else 0])


def drawer_kick(pin: int, on_ms: int, off_ms: int) -> bytes:
    """ESC p m t1 t2 with times in 2 ms units (pin 2 -> m = 0, pin 5 -> m = 1)."""
    return ESC + b"p" + bytes([0 if pin == 2 else 1, on_ms // 2, off_ms // 2])


def status_query(kind: int) -> bytes:
    """DLE EOT n, a real-time query the printer answers with one byte even when busy."""
    return DLE + b"\x04" + bytes([kind])


def _qr_function(fn: int, data: bytes, m: bytes = b"") -> bytes:
    length = len(data) + len(m) + 2
    return GS + b"(k" + bytes([length & 0xFF, length >> 8]) + b"1" + bytes([fn]) + m + data


def qr_native(payload: str, module_size: int, ec: str = "L") -> bytes:
    """GS ( k: model 2, module size, error correction, store data, print."""
    return (_qr_function(65, b"2\x00") + _qr_function(67, bytes([module_size]))
            + _qr_function(69, bytes([_QR_EC[ec]]))
            + _qr_function(80, payload.encode("utf-8"), b"0") + _qr_function(81, b"", b"0"))


def barcode_native(data: str, symbology: Symbology, height: int, module_width: int,
                   show_text: bool) -> bytes:
    """GS h, GS w, GS f, GS H then GS k; Code 128 data carries its {B code-set prefix."""
    setup = (GS + b"h" + bytes([height]) + GS + b"w" + bytes([module_width]) + GS + b"f\x00"
             + GS + b"H" + bytes([2 if show_text else 0]))
    if symbology is Symbology.CODE128:
        body = b"{B" + data.encode("ascii")
        return setup + GS + b"k" + bytes([CODE128_FUNCTION, len(body)]) + body
    return setup + GS + b"k" + bytes([_GTIN_FUNCTION[symbology]]) + data.encode("ascii") + b"\x00"


def raster(image: Image.Image) -> bytes:
    """GS v 0 raster bit image(s): black dots are 1 bits, rows padded to whole bytes."""
    mono = image.convert("1")
    out = b""
    for top in range(0, mono.height, RASTER_FRAGMENT_ROWS):
        part = mono.crop((0, top, mono.width, min(top + RASTER_FRAGMENT_ROWS, mono.height)))
        out += _raster_fragment(part)
    return out


def _raster_fragment(image: Image.Image) -> bytes:
    row_bytes = (image.width + 7) // 8
    from PIL import Image

    padded = Image.new("1", (row_bytes * 8, image.height), 1)
    padded.paste(image, (0, 0))
    # Pillow packs mode-1 pixels MSB first with white = 1; the printer wants black = 1.
    data = bytes(b ^ 0xFF for b in padded.tobytes())
    header = GS + b"v0\x00" + bytes([row_bytes & 0xFF, row_bytes >> 8,
                                      image.height & 0xFF, image.height >> 8])
    return header + data
