"""The device-neutral receipt: a list of blocks the till builds and a renderer prints."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from domain.errors import ValidationError
from domain.money import format_yuan
from hardware.barcodes import gtin_check_digit, is_valid_gtin
from hardware.layout import Align


class Symbology(StrEnum):
    EAN13 = "EAN13"
    EAN8 = "EAN8"
    UPCA = "UPCA"
    CODE128 = "CODE128"


_GTIN_LENGTHS = {Symbology.EAN13: 13, Symbology.EAN8: 8, Symbology.UPCA: 12}


@dataclass(frozen=True, slots=True)
class Text:
    """One or more lines (wrapped to the paper) with alignment, magnification and bold."""

    text: str
    align: Align = Align.LEFT
    width: int = 1  # 1..8, GS ! magnification; a 2-wide line holds half the columns
    height: int = 1
    bold: bool = False

    def __post_init__(self) -> None:
        for name in ("width", "height"):
            if not 1 <= getattr(self, name) <= 8:
                raise ValidationError("receipt.size_invalid", field=name)


@dataclass(frozen=True, slots=True)
class Columns:
    """A label on the left and a value (usually an amount) flush right."""

    left: str
    right: str
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Rule:
    char: str = "-"

    def __post_init__(self) -> None:
        if len(self.char) != 1:
            raise ValidationError("receipt.rule_invalid", field="char")


@dataclass(frozen=True, slots=True)
class QRCode:
    """A QR code; keep payloads ASCII (scanners mangle UTF-8 QR content)."""

    payload: str
    module_size: int = 6  # printer dots per QR module, 1..16
    align: Align = Align.CENTER

    def __post_init__(self) -> None:
        if not self.payload:
            raise ValidationError("receipt.qr_empty", field="payload")
        if not 1 <= self.module_size <= 16:
            raise ValidationError("receipt.size_invalid", field="module_size")


@dataclass(frozen=True, slots=True)
class Barcode:
    """A 1-D barcode; EAN/UPC data is checked here (with or without its check digit)."""

    data: str
    symbology: Symbology = Symbology.CODE128
    height: int = 64  # dots
    module_width: int = 2  # dots per narrow bar, 2..6
    show_text: bool = True

    def __post_init__(self) -> None:
        if not 1 <= self.height <= 255 or not 2 <= self.module_width <= 6:
            raise ValidationError("receipt.size_invalid", field="height")
        if not _barcode_data_ok(self.data, self.symbology):
            raise ValidationError("receipt.barcode_invalid", field="data")

    @property
    def full_data(self) -> str:
        """EAN/UPC data with its check digit (computed when the caller left it out)."""
        length = _GTIN_LENGTHS.get(self.symbology)
        if length is None or len(self.data) == length:
            return self.data
        return self.data + str(gtin_check_digit(self.data))


def _barcode_data_ok(data: str, symbology: Symbology) -> bool:
    length = _GTIN_LENGTHS.get(symbology)
    if length is None:
        return 0 < len(data) <= 80 and all(" " <= ch <= "~" for ch in data)
    if not data.isascii() or not data.isdigit():
        return False
    if len(data) == length - 1:
        return True
    return len(data) == length and is_valid_gtin(data)


@dataclass(frozen=True, slots=True)
class Feed:
    lines: int = 1

    def __post_init__(self) -> None:
        if not 0 <= self.lines <= 255:
            raise ValidationError("receipt.size_invalid", field="lines")


@dataclass(frozen=True, slots=True)
class Cut:
    """Feed the last line past the cutter, then cut (partial leaves a hinge)."""

    partial: bool = False
    feed_lines: int = 6


@dataclass(frozen=True, slots=True)
class DrawerKick:
    """The printer's drawer pulse: pin 2 or 5, on/off times in ms (2 ms steps, ≤ 510)."""

    pin: int = 2
    on_ms: int = 100
    off_ms: int = 100

    def __post_init__(self) -> None:
        if self.pin not in (2, 5):
            raise ValidationError("receipt.drawer_pin_invalid", field="pin")
        if not 2 <= self.on_ms <= 510 or not 2 <= self.off_ms <= 510:
            raise ValidationError("receipt.drawer_pulse_invalid", field="on_ms")


Block = Text | Columns | Rule | QRCode | Barcode | Feed | Cut | DrawerKick
_KINDS: dict[str, type[Block]] = {
    "text": Text, "columns": Columns, "rule": Rule, "qr": QRCode, "barcode": Barcode,
    "feed": Feed, "cut": Cut, "drawer": DrawerKick,
}
_KIND_OF = {cls: kind for kind, cls in _KINDS.items()}


@dataclass(slots=True)
class Receipt:
    """Blocks in printing order; the builder methods return the receipt for chaining."""

    blocks: list[Block] = field(default_factory=list)

    def add(self, block: Block) -> Receipt:
        self.blocks.append(block)
        return self

    def text(self, text: str, align: Align = Align.LEFT, *, width: int = 1, height: int = 1,
             bold: bool = False) -> Receipt:
        return self.add(Text(text, align, width, height, bold))

    def columns(self, left: str, right: str, *, bold: bool = False) -> Receipt:
        return self.add(Columns(left, right, bold))

    def amount(self, label: str, fen: int, *, bold: bool = False) -> Receipt:
        """A label and an amount in the receipt's ￥1,234.50 form."""
        return self.add(Columns(label, format_yuan(fen), bold))

    def rule(self, char: str = "-") -> Receipt:
        return self.add(Rule(char))

    def qr(self, payload: str, module_size: int = 6) -> Receipt:
        return self.add(QRCode(payload, module_size))

    def barcode(self, data: str, symbology: Symbology = Symbology.CODE128) -> Receipt:
        return self.add(Barcode(data, symbology))

    def feed(self, lines: int = 1) -> Receipt:
        return self.add(Feed(lines))

    def cut(self, partial: bool = False) -> Receipt:
        return self.add(Cut(partial))

    def kick_drawer(self, pin: int = 2, on_ms: int = 100, off_ms: int = 100) -> Receipt:
        return self.add(DrawerKick(pin, on_ms, off_ms))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, so a receipt queued for reprint can be stored."""
        return {"blocks": [{"kind": _KIND_OF[type(b)], **asdict(b)} for b in self.blocks]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Receipt:
        blocks: list[Block] = []
        for raw in data.get("blocks", []):
            fields = dict(raw)
            kind = _KINDS.get(str(fields.pop("kind", "")))
            if kind is None:
                raise ValidationError("receipt.block_unknown", field="kind")
            blocks.append(_block_from_fields(kind, fields))
        return cls(blocks)


def _block_from_fields(kind: type[Block], fields: dict[str, Any]) -> Block:
    if "align" in fields:
        fields["align"] = Align(fields["align"])
    if "symbology" in fields:
        fields["symbology"] = Symbology(fields["symbology"])
    try:
        return kind(**fields)
    except TypeError:
        raise ValidationError("receipt.block_invalid", field=kind.__name__) from None
