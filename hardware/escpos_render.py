"""Render a Receipt to ESC/POS bytes for a printer profile.

Chinese text goes out as `FS &` then GB18030 (or GBK) bytes written directly, never
through python-escpos's automatic encoding, which loses ￥ and 〇. Only the settings that
change between lines are sent, so the bytes stay short and predictable.
"""

from __future__ import annotations

from PIL import Image

from hardware import escpos_commands as cmd
from hardware import raster
from hardware.barcodes import code128_modules, ean8_modules, ean13_modules, upca_modules
from hardware.errors import DeviceError
from hardware.layout import Align, rule, two_columns, wrap
from hardware.profiles import PrinterProfile
from hardware.receipt import (
    Barcode,
    Block,
    Columns,
    Cut,
    DrawerKick,
    Feed,
    QRCode,
    Receipt,
    Rule,
    Symbology,
    Text,
)

_MODULES = {Symbology.EAN13: ean13_modules, Symbology.EAN8: ean8_modules,
            Symbology.UPCA: upca_modules, Symbology.CODE128: code128_modules}


def render(receipt: Receipt, profile: PrinterProfile) -> bytes:
    """The whole receipt as bytes, starting with ESC @ (and FS & when the font has Chinese)."""
    writer = _Writer(profile)
    for block in receipt.blocks:
        writer.block(block)
    return writer.finish()


class _Writer:
    def __init__(self, profile: PrinterProfile) -> None:
        self.profile = profile
        self.out = bytearray(cmd.INIT)
        if profile.chinese_font:
            self.out += cmd.CHINESE_ON
        self.align, self.bold, self.size = Align.LEFT, False, (1, 1)
        self.pictures: list[Image.Image] = []
        self._font_path: str | None = None

    def finish(self) -> bytes:
        self._flush_pictures()
        return bytes(self.out)

    def block(self, block: Block) -> None:
        if isinstance(block, Text):
            self._text(block)
        elif isinstance(block, Columns):
            self._columns(block)
        elif isinstance(block, Rule):
            self._line(rule(block.char, self.profile.columns), Align.LEFT, (1, 1), False)
        elif isinstance(block, QRCode):
            self._qr(block)
        elif isinstance(block, Barcode):
            self._barcode(block)
        else:
            self._command(block)

    def _command(self, block: Feed | Cut | DrawerKick) -> None:
        self._flush_pictures()
        if isinstance(block, Feed):
            self.out += cmd.feed(block.lines)
        elif isinstance(block, Cut):
            self.out += cmd.cut(block.partial, block.feed_lines)
        else:
            self.out += cmd.drawer_kick(block.pin, block.on_ms, block.off_ms)

    def _text(self, block: Text) -> None:
        columns = max(self.profile.columns // block.width, 2)
        for line in wrap(block.text, columns):
            self._line(line, block.align, (block.width, block.height), block.bold)

    def _columns(self, block: Columns) -> None:
        for line in two_columns(block.left, block.right, self.profile.columns):
            self._line(line, Align.LEFT, (1, 1), block.bold)

    def _line(self, line: str, align: Align, size: tuple[int, int], bold: bool) -> None:
        if not self.profile.chinese_font and not line.isascii():
            self.pictures.append(raster.text_line_image(
                line, self.profile.dots, self.font_path(), align=align, width=size[0],
                height=size[1], bold=bold))
            return
        self._flush_pictures()
        self._set(align, size, bold)
        self.out += line.encode(self.profile.encoding, errors="replace") + cmd.LF

    def _set(self, align: Align, size: tuple[int, int], bold: bool) -> None:
        if size != self.size:
            self.out += cmd.size(*size)
            self.size = size
        # python-escpos's set() order (size, bold, align): the same receipt, the same bytes
        if bold != self.bold:
            self.out += cmd.bold(bold)
            self.bold = bold
        if align is not self.align:
            self.out += cmd.align(align)
            self.align = align

    def _qr(self, block: QRCode) -> None:
        if self.profile.native_qr:
            self._flush_pictures()
            self._set(block.align, self.size, self.bold)
            self.out += cmd.qr_native(block.payload, block.module_size)
            return
        image = raster.qr_image(block.payload, block.module_size)
        self.pictures.append(raster.place(image, self.profile.dots, block.align))

    def _barcode(self, block: Barcode) -> None:
        data = block.full_data
        if self.profile.native_barcode:
            self._flush_pictures()
            self._set(Align.CENTER, self.size, self.bold)
            self.out += cmd.barcode_native(data, block.symbology, block.height,
                                           block.module_width, block.show_text)
            return
        caption = data if block.show_text else ""
        image = raster.bars_image(_MODULES[block.symbology](data), block.module_width,
                                  block.height, caption, self._caption_font() if caption else None)
        self.pictures.append(raster.place(image, self.profile.dots))

    def _caption_font(self) -> str | None:
        # Digits under the bars need no Chinese font: fall back to Pillow's own.
        try:
            return self.font_path()
        except DeviceError:
            return None

    def font_path(self) -> str:
        if self._font_path is None:
            self._font_path = raster.find_cjk_font(self.profile.font_path)
        return self._font_path

    def _flush_pictures(self) -> None:
        if self.pictures:
            self.out += cmd.raster(raster.stack(self.pictures))
            self.pictures = []
