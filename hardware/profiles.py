"""Printer profiles: paper width in columns and dots, and what the firmware can do natively."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from hardware.errors import DeviceError

ENCODINGS = ("gb18030", "gbk")


@dataclass(frozen=True, slots=True)
class PrinterProfile:
    """What the renderer needs to know about a printer model.

    columns: font-A characters per line (a Chinese character takes two);
    dots: printable width in dots for pictures; native_qr / native_barcode: the firmware
    prints QR codes and barcodes from GS ( k / GS k, otherwise they are sent as pictures;
    chinese_font: the firmware has a GB font (FS &), otherwise Chinese lines are pictures.
    """

    name: str
    columns: int
    dots: int
    native_qr: bool = True
    native_barcode: bool = True
    chinese_font: bool = True
    encoding: str = "gb18030"
    font_path: str | None = None  # a CJK font file for pictures; found on the system if None


# 58 mm clones (POS-5890, Xprinter XP-58) lack GS ( k and their GS k is unreliable, so
# they get pictures; 80 mm models (TM-T20II-class, 576 dots) do both natively; the
# TM-T88 family prints 42 columns on 512 dots.
BUILTIN = {
    "58": PrinterProfile("58mm", columns=32, dots=384, native_qr=False, native_barcode=False),
    "80": PrinterProfile("80mm", columns=48, dots=576),
    "80-42": PrinterProfile("80mm-42", columns=42, dots=512),
}


def profile_from_settings(settings: Mapping[str, Any]) -> PrinterProfile:
    """Build a profile from a printer's settings: width 58|80, columns 48|42, overrides."""
    width = str(settings.get("width", 80))
    key = "80-42" if width == "80" and int(settings.get("columns", 48)) == 42 else width
    base = BUILTIN.get(key)
    if base is None:
        raise DeviceError("device.setting_invalid", setting="width", value=width)
    encoding = str(settings.get("encoding", base.encoding)).lower()
    if encoding not in ENCODINGS:
        raise DeviceError("device.setting_invalid", setting="encoding", value=encoding)
    overrides: dict[str, Any] = {"encoding": encoding}
    for flag in ("native_qr", "native_barcode", "chinese_font"):
        if flag in settings:
            overrides[flag] = bool(settings[flag])
    if settings.get("font_path"):
        overrides["font_path"] = str(settings["font_path"])
    return replace(base, **overrides)
