"""An ESC/POS byte-stream reader: what a printer would print, as events a test can check.

It reads the commands Kaika and python-escpos send (text in GB18030/GBK, styles, QR and
barcode commands, raster pictures, cut, drawer pulse, status queries) from a stream that
may arrive in pieces. Anything it does not know is reported, never fatal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

_ESC_ARGS = {  # ESC command byte -> number of fixed argument bytes
    b"@": 0, b"a": 1, b"E": 1, b"!": 1, b"d": 1, b"J": 1, b"p": 3, b"t": 1, b"-": 1,
    b"M": 1, b"{": 1, b"G": 1, b"V": 1, b"R": 1, b" ": 1, b"2": 0, b"3": 1, b"=": 1,
    b"c": 2, b"r": 1, b"U": 1, b"%": 1, b"B": 2, b"L": 0, b"S": 0, b"T": 1, b"i": 0,
    b"m": 0, b"$": 2, b"\\": 2,
}
_GS_ARGS = {
    b"!": 1, b"h": 1, b"w": 1, b"H": 1, b"f": 1, b"B": 1, b"L": 2, b"W": 2, b"a": 1,
    b"b": 1, b"r": 1, b"I": 1, b"$": 2, b"P": 2, b"/": 1, b"E": 1,
}
_FS_ARGS = {b"&": 0, b".": 0, b"!": 1, b"-": 1, b"W": 1, b"C": 1, b"S": 2, b"p": 2}
_BARCODE_NAMES = {0: "UPCA", 1: "UPCE", 2: "EAN13", 3: "EAN8", 4: "CODE39", 5: "ITF",
                  6: "CODABAR", 72: "CODE93", 73: "CODE128"}
_MAX_COMMAND = 4 * 1024 * 1024  # a raster header asking for more is garbage


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    align: int = 0
    bold: bool = False
    width: int = 1
    height: int = 1


@dataclass(frozen=True, slots=True)
class QR:
    payload: str
    native: bool = True


@dataclass(frozen=True, slots=True)
class BarcodeEvent:
    symbology: str
    data: str
    native: bool = True


@dataclass(frozen=True, slots=True)
class Picture:
    width: int
    height: int
    bits: bytes  # GS v 0 data: rows of width/8 bytes, black = 1


@dataclass(frozen=True, slots=True)
class CutEvent:
    partial: bool


@dataclass(frozen=True, slots=True)
class DrawerPulse:
    pin: int
    on_ms: int
    off_ms: int


@dataclass(frozen=True, slots=True)
class StatusQuery:
    command: str  # "DLE EOT" or "GS r"
    kind: int


@dataclass(frozen=True, slots=True)
class Unknown:
    data: bytes


Event = Line | QR | BarcodeEvent | Picture | CutEvent | DrawerPulse | StatusQuery | Unknown


class _NeedMore(Exception):
    """The command at the end of the buffer is not complete yet."""


class _TooLong(Exception):
    """A command header announces more data than any printer would take: garbage."""


@dataclass
class _Style:
    align: int = 0
    bold: bool = False
    width: int = 1
    height: int = 1
    chinese: bool = True  # Chinese-market printers start in Chinese mode


@dataclass
class EscposStream:
    """Feed bytes in any pieces; get events in order."""

    encoding: str = "gb18030"
    style: _Style = field(default_factory=_Style)
    _buffer: bytearray = field(default_factory=bytearray)
    _line: bytearray = field(default_factory=bytearray)
    _qr_data: bytes = b""

    def feed(self, data: bytes) -> list[Event]:
        self._buffer += data
        events: list[Event] = []
        pos = 0
        while pos < len(self._buffer):
            try:
                pos = self._step(pos, events)
            except _NeedMore:
                break
            except _TooLong:
                events.append(Unknown(bytes(self._buffer[pos:pos + 2])))
                pos += 2
        del self._buffer[:pos]
        return events

    def _step(self, pos: int, events: list[Event]) -> int:
        byte = self._buffer[pos]
        handler = _CONTROL.get(byte)
        if handler is None:
            if byte >= 0x20:
                self._line.append(byte)
            return pos + 1
        return handler(self, pos, events)

    def _need(self, end: int) -> None:
        if end > len(self._buffer):
            if end - len(self._buffer) > _MAX_COMMAND:
                raise _TooLong
            raise _NeedMore

    def _flush_line(self, events: list[Event], force: bool = False) -> None:
        if not self._line and not force:
            return
        encoding = self.encoding if self.style.chinese else "latin-1"
        text = bytes(self._line).decode(encoding, errors="replace")
        s = self.style
        events.append(Line(text, s.align, s.bold, s.width, s.height))
        self._line.clear()

    # -- control bytes -------------------------------------------------------------------

    def _lf(self, pos: int, events: list[Event]) -> int:
        self._flush_line(events, force=True)
        return pos + 1

    def _skip(self, pos: int, events: list[Event]) -> int:
        return pos + 1

    def _esc(self, pos: int, events: list[Event]) -> int:
        self._need(pos + 2)
        op = bytes(self._buffer[pos + 1:pos + 2])
        count = _ESC_ARGS.get(op)
        if count is None:
            events.append(Unknown(bytes(self._buffer[pos:pos + 2])))
            return pos + 2
        self._need(pos + 2 + count)
        args = self._buffer[pos + 2:pos + 2 + count]
        self._esc_effect(op, bytes(args), events)
        return pos + 2 + count

    def _esc_effect(self, op: bytes, args: bytes, events: list[Event]) -> None:
        s = self.style
        if op == b"@":
            self._line.clear()
            self.style = _Style(chinese=s.chinese)
        elif op == b"a":
            s.align = args[0] % 48 if args[0] >= 48 else args[0]
        elif op == b"E":
            s.bold = bool(args[0] & 1)
        elif op == b"d":
            self._flush_line(events)
        elif op == b"p":
            events.append(DrawerPulse(2 if args[0] in (0, 48) else 5, args[1] * 2, args[2] * 2))

    def _gs(self, pos: int, events: list[Event]) -> int:
        self._need(pos + 2)
        op = bytes(self._buffer[pos + 1:pos + 2])
        special = _GS_SPECIAL.get(op)
        if special is not None:
            return special(self, pos, events)
        count = _GS_ARGS.get(op)
        if count is None:
            events.append(Unknown(bytes(self._buffer[pos:pos + 2])))
            return pos + 2
        self._need(pos + 2 + count)
        arg = self._buffer[pos + 2] if count else 0
        if op == b"!":
            self.style.width, self.style.height = (arg >> 4) + 1, (arg & 0x0F) + 1
        elif op == b"r":
            events.append(StatusQuery("GS r", arg % 48 if arg >= 48 else arg))
        return pos + 2 + count

    def _gs_cut(self, pos: int, events: list[Event]) -> int:
        self._need(pos + 3)
        mode = self._buffer[pos + 2]
        length = 4 if mode in (65, 66, 97, 98, 103, 104) else 3
        self._need(pos + length)
        self._flush_line(events)
        events.append(CutEvent(partial=mode in (1, 49, 66, 98, 104)))
        return pos + length

    def _gs_barcode(self, pos: int, events: list[Event]) -> int:
        self._need(pos + 3)
        m = self._buffer[pos + 2]
        if m <= 6:
            end = self._buffer.find(b"\x00", pos + 3)
            if end < 0:
                self._need(len(self._buffer) + 1)
            data, after = bytes(self._buffer[pos + 3:end]), end + 1
        else:
            self._need(pos + 4)
            n = self._buffer[pos + 3]
            self._need(pos + 4 + n)
            data, after = bytes(self._buffer[pos + 4:pos + 4 + n]), pos + 4 + n
            m -= 65
        name = _BARCODE_NAMES.get(m if m <= 6 else m + 65, f"type{m}")
        text = code128_text(data) if name == "CODE128" else data.decode("ascii", "replace")
        self._flush_line(events)
        events.append(BarcodeEvent(name, text))
        return after

    def _gs_paren(self, pos: int, events: list[Event]) -> int:
        self._need(pos + 5)
        length = self._buffer[pos + 3] | self._buffer[pos + 4] << 8
        self._need(pos + 5 + length)
        body = bytes(self._buffer[pos + 5:pos + 5 + length])
        if self._buffer[pos + 2:pos + 3] == b"k" and body[:1] == b"1" and len(body) >= 2:
            self._qr_function(body[1], body[2:], events)
        return pos + 5 + length

    def _qr_function(self, fn: int, rest: bytes, events: list[Event]) -> None:
        if fn == 80:
            self._qr_data = rest[1:]  # after m = '0'
        elif fn == 81:
            self._flush_line(events)
            events.append(QR(self._qr_data.decode("utf-8", errors="replace")))

    def _gs_raster(self, pos: int, events: list[Event]) -> int:
        self._need(pos + 8)
        header = self._buffer[pos + 4:pos + 8]
        row_bytes, rows = header[0] | header[1] << 8, header[2] | header[3] << 8
        end = pos + 8 + row_bytes * rows
        self._need(end)
        self._flush_line(events)
        events.append(Picture(row_bytes * 8, rows, bytes(self._buffer[pos + 8:end])))
        return end

    def _fs(self, pos: int, events: list[Event]) -> int:
        self._need(pos + 2)
        op = bytes(self._buffer[pos + 1:pos + 2])
        count = _FS_ARGS.get(op)
        if count is None:
            events.append(Unknown(bytes(self._buffer[pos:pos + 2])))
            return pos + 2
        self._need(pos + 2 + count)
        if op in (b"&", b"."):
            self._flush_line(events)
            self.style.chinese = op == b"&"
        return pos + 2 + count

    def _dle(self, pos: int, events: list[Event]) -> int:
        self._need(pos + 3)
        op = self._buffer[pos + 1]
        if op == 0x04:
            events.append(StatusQuery("DLE EOT", self._buffer[pos + 2]))
            return pos + 3
        if op == 0x14:  # DLE DC4 1 m t: a real-time drawer pulse
            self._need(pos + 5)
            m, t = self._buffer[pos + 3], self._buffer[pos + 4]
            events.append(DrawerPulse(2 if m == 0 else 5, t * 100, t * 100))
            return pos + 5
        return pos + 3


def code128_text(data: bytes) -> str:
    """ESC/POS Code 128 data: "{A"/"{B"/"{C" switch code sets; set C bytes are digit pairs."""
    out, code_set, i = [], "B", 0
    while i < len(data):
        if data[i:i + 1] == b"{" and i + 1 < len(data) and chr(data[i + 1]) in "ABC":
            code_set, i = chr(data[i + 1]), i + 2
            continue
        out.append(f"{data[i]:02d}" if code_set == "C" else chr(data[i]))
        i += 1
    return "".join(out)


_Handler = Callable[[EscposStream, int, list[Event]], int]
_CONTROL: dict[int, _Handler] = {
    0x0A: EscposStream._lf, 0x0D: EscposStream._skip, 0x1B: EscposStream._esc,
    0x1D: EscposStream._gs, 0x1C: EscposStream._fs, 0x10: EscposStream._dle,
}
_CONTROL.update({b: EscposStream._skip for b in range(0x20) if b not in _CONTROL})
_GS_SPECIAL: dict[bytes, _Handler] = {
    b"V": EscposStream._gs_cut, b"k": EscposStream._gs_barcode,
    b"(": EscposStream._gs_paren, b"v": EscposStream._gs_raster,
}
