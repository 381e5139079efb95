"""The customer display: a serial 2 x 20 pole display (VFD/LCD) facing the customer.

Two command sets cover the Chinese market's displays: CD5220 (`ESC Q A` / `ESC Q B` +
line + CR), the usual default, and Epson's (`US $ x y` moves the cursor). Most displays
have no Chinese font, so with the default "ascii" encoding Chinese names are left out and
amounts carry no currency sign; a display with a GB font gets encoding "gb18030".
"""

from __future__ import annotations

from domain.money import format_yuan
from hardware.addresses import Address
from hardware.errors import DeviceError
from hardware.layout import Align, char_width, normalize, pad, text_width
from hardware.transports import SerialLink

FAMILY = "display"
ESC, US, CLEAR = b"\x1b", b"\x1f", b"\x0c"
PROTOCOLS = ("cd5220", "epson")
ENCODINGS = ("ascii", "gb18030", "gbk")


class PoleDisplay:
    def __init__(self, address: Address, *, encoding: str = "ascii", protocol: str = "cd5220",
                 columns: int = 20, labels: tuple[str, str] = ("TOTAL", "合计")) -> None:
        if protocol not in PROTOCOLS:
            raise DeviceError("device.setting_invalid", setting="protocol", value=protocol)
        if encoding not in ENCODINGS:
            raise DeviceError("device.setting_invalid", setting="encoding", value=encoding)
        self.address = address
        self.encoding = encoding
        self.protocol = protocol
        self.columns = columns
        self.labels = labels
        self.link = SerialLink(address, FAMILY)

    def show(self, upper: str, lower: str = "") -> None:
        """Replace both lines (cut or padded to the display's width)."""
        data = ESC + b"@" + CLEAR
        for row, text in ((1, upper), (2, lower)):
            data += self._line(row, self._fit(text))
        self.link.write(data)

    def show_item(self, name: str, price_fen: int, total_fen: int) -> None:
        """The line just scanned on top, the running total below."""
        self.show(self._columns(name, self._money(price_fen)),
                  self._columns(self._total_label(), self._money(total_fen)))

    def show_total(self, total_fen: int) -> None:
        self.show(self._total_label(), pad(self._money(total_fen), self.columns, Align.RIGHT))

    def clear(self) -> None:
        self.link.write(ESC + b"@" + CLEAR)

    def close(self) -> None:
        self.link.close()

    def _line(self, row: int, text: str) -> bytes:
        body = text.encode("ascii" if self.encoding == "ascii" else self.encoding, "replace")
        if self.protocol == "cd5220":
            return ESC + b"Q" + (b"A" if row == 1 else b"B") + body + b"\r"
        return US + b"$" + bytes([1, row]) + body

    def _fit(self, text: str) -> str:
        return pad(_cut(self._printable(text), self.columns), self.columns)

    def _columns(self, left: str, right: str) -> str:
        right = self._printable(right)
        shown = _cut(self._printable(left), self.columns - text_width(right) - 1).rstrip()
        return shown + " " * (self.columns - text_width(shown) - text_width(right)) + right

    def _printable(self, text: str) -> str:
        text = normalize(text)
        if self.encoding == "ascii":
            text = "".join(ch for ch in text if ch.isascii()).strip()
        return text

    def _money(self, fen: int) -> str:
        text = format_yuan(fen)
        return text.replace("￥", "") if self.encoding == "ascii" else text

    def _total_label(self) -> str:
        return self.labels[0] if self.encoding == "ascii" else self.labels[1]


def _cut(text: str, columns: int) -> str:
    """The longest start of `text` that fits in `columns` (a CJK character takes two)."""
    out = ""
    for ch in text:
        if text_width(out) + char_width(ch) > columns:
            break
        out += ch
    return out
