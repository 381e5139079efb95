"""What a scanned code is: a product GTIN, a weighed-item label, or text for the till.

Scales print store-internal EAN-13 labels whose first digits are a flag (GS1 prefix 20–29),
then the item's PLU and the price in fen or the weight in grams, then a check digit. The
layout differs by scale brand, so it is store configuration; the default is the common
Chinese 13-digit one, `2F PPPPP AAAAA C`: flag 2x, 5-digit PLU, 5-digit amount in fen.
Everything that is neither a GTIN nor a label — member card numbers, dynamic-QR payloads,
coupon codes — is text for the till to look up; member codes are always ASCII.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from hardware.barcodes import GTIN_LENGTHS, has_valid_check_digit
from hardware.errors import DeviceError


class CodeKind(StrEnum):
    GTIN = "gtin"  # EAN-13, EAN-8, UPC-A or GTIN-14 with a good check digit
    WEIGHED = "weighed"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class WeighedLayout:
    """flag: what the label starts with; flag_length: digits before the PLU (the flag and
    any department digit); then PLU, price (fen) and/or weight (grams) digits, check digit."""

    flag: str = "2"
    flag_length: int = 2
    plu_digits: int = 5
    price_digits: int = 5
    weight_digits: int = 0

    @property
    def length(self) -> int:
        return self.flag_length + self.plu_digits + self.price_digits + self.weight_digits + 1

    def matches(self, code: str) -> bool:
        return len(code) == self.length and code.isdigit() and code.startswith(self.flag)

    @classmethod
    def from_settings(cls, raw: Mapping[str, Any]) -> WeighedLayout:
        try:
            layout = cls(str(raw.get("flag", "2")), int(raw.get("flag_length", 2)),
                         int(raw.get("plu_digits", 5)), int(raw.get("price_digits", 5)),
                         int(raw.get("weight_digits", 0)))
        except (TypeError, ValueError):
            raise DeviceError("device.setting_invalid", setting="weighed") from None
        if not layout.flag.isdigit() or len(layout.flag) > layout.flag_length:
            raise DeviceError("device.setting_invalid", setting="weighed.flag")
        if layout.plu_digits < 1 or layout.price_digits + layout.weight_digits < 1:
            raise DeviceError("device.setting_invalid", setting="weighed.digits")
        return layout


DEFAULT_LAYOUTS = (WeighedLayout(),)
# The 18-digit variant `26 PPPPP AAAAA WWWWW C`: amount in fen and weight in grams.
LAYOUT_18 = WeighedLayout("26", 2, 5, 5, 5)


@dataclass(frozen=True, slots=True)
class WeighedItem:
    plu: str
    price_fen: int | None
    weight_g: int | None


@dataclass(frozen=True, slots=True)
class ScannedCode:
    text: str
    kind: CodeKind
    weighed: WeighedItem | None = None


def interpret(code: str, layouts: Sequence[WeighedLayout] = DEFAULT_LAYOUTS) -> ScannedCode:
    """Sort a scanned code; scanner.not_ascii / scanner.check_digit / scanner.empty.

    A code shaped like a weighed label with a wrong check digit is refused: EAN symbols
    are checked by the scanner, so such a code was typed or garbled on the line.
    """
    text = code.strip()
    if not text:
        raise DeviceError("scanner.empty")
    if not text.isascii() or not text.isprintable():
        raise DeviceError("scanner.not_ascii")
    for layout in layouts:
        if layout.matches(text):
            if not has_valid_check_digit(text):
                raise DeviceError("scanner.check_digit", scanned=text)
            return ScannedCode(text, CodeKind.WEIGHED, _weighed(text, layout))
    if text.isdigit() and len(text) in GTIN_LENGTHS and has_valid_check_digit(text):
        return ScannedCode(text, CodeKind.GTIN)
    return ScannedCode(text, CodeKind.TEXT)


def _weighed(code: str, layout: WeighedLayout) -> WeighedItem:
    at = layout.flag_length
    plu = code[at:at + layout.plu_digits]
    at += layout.plu_digits
    price = int(code[at:at + layout.price_digits]) if layout.price_digits else None
    at += layout.price_digits
    weight = int(code[at:at + layout.weight_digits]) if layout.weight_digits else None
    return WeighedItem(plu, price, weight)


def layouts_from_settings(raw: Sequence[Mapping[str, Any]] | None) -> tuple[WeighedLayout, ...]:
    if raw is None:
        return DEFAULT_LAYOUTS
    return tuple(WeighedLayout.from_settings(item) for item in raw)
