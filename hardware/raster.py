"""Pictures for printers: QR codes, bar patterns and Chinese text drawn with Pillow.

Used when a printer has no native QR/barcode command or no Chinese font: the picture is
sent as an ESC/POS raster image. Images are mode "1" with black = 0, white = 1 (Pillow).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache

import qrcode
from PIL import Image, ImageDraw, ImageFont

from hardware.errors import DeviceError
from hardware.layout import Align, text_width

# Places a CJK font is found on the systems stores run: Debian/Ubuntu (fonts-wqy-microhei,
# installed by dev.sh; Noto CJK), Windows (Microsoft YaHei, SimHei, SimSun), macOS.
CJK_FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "C:\\Windows\\Fonts\\msyh.ttc",
    "C:\\Windows\\Fonts\\simhei.ttf",
    "C:\\Windows\\Fonts\\simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc",
)
DOTS_PER_COLUMN = 12  # ESC/POS font A is 12 x 24 dots; a CJK glyph is 24 x 24
LINE_DOTS = 24
LINE_GAP = 6  # the printer's default line spacing adds about this much below a line


def find_cjk_font(configured: str | None = None) -> str:
    """Path of a font that draws Chinese, or printer.font_missing naming what was tried."""
    candidates = (configured,) if configured else CJK_FONT_PATHS
    for path in candidates:
        if path and os.path.isfile(path):
            return path
    raise DeviceError("printer.font_missing", tried=", ".join(p for p in candidates if p))


@lru_cache(maxsize=8)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def blank(width: int, height: int) -> Image.Image:
    return Image.new("1", (width, height), 1)


def text_line_image(line: str, dots: int, font_path: str, *, align: Align = Align.LEFT,
                    width: int = 1, height: int = 1, bold: bool = False) -> Image.Image:
    """One printed line as a picture, laid out on the same column grid as text mode."""
    cell_w, cell_h = DOTS_PER_COLUMN * width, LINE_DOTS * height
    image = blank(dots, cell_h + LINE_GAP)
    used = text_width(line) * cell_w
    x = {Align.LEFT: 0, Align.CENTER: (dots - used) // 2, Align.RIGHT: dots - used}[align]
    _draw_cells(image, line, max(x, 0), (cell_w, cell_h), font_path, bold)
    return image


def _draw_cells(image: Image.Image, text: str, x: int, cell: tuple[int, int], font_path: str,
                bold: bool) -> None:
    # Each character sits in its own 1- or 2-column cell, so columns line up as on paper.
    cell_w, cell_h = cell
    font = _font(font_path, cell_h - 2)
    draw = ImageDraw.Draw(image)
    for ch in text:
        columns = text_width(ch)
        if columns:
            stretch = (cell_w * columns) / max(font.getlength(ch), 1)
            glyph = _glyph(ch, font, cell_w * columns, cell_h, min(stretch, 1.0), bold)
            image.paste(glyph, (x, 0), _mask(glyph))
            x += cell_w * columns
    del draw


def _glyph(ch: str, font: ImageFont.FreeTypeFont, w: int, h: int, stretch: float,
           bold: bool) -> Image.Image:
    glyph = blank(w, h)
    draw = ImageDraw.Draw(glyph)
    # Latin glyphs of a proportional font are wider than a half cell: squeeze them in.
    natural = max(int(font.getlength(ch)), 1)
    if stretch < 1.0:
        wide = blank(natural, h)
        ImageDraw.Draw(wide).text((0, 0), ch, font=font, fill=0,
                                  stroke_width=1 if bold else 0, stroke_fill=0)
        glyph.paste(wide.resize((w, h)), (0, 0))
        return glyph
    draw.text(((w - natural) // 2, 0), ch, font=font, fill=0,
              stroke_width=1 if bold else 0, stroke_fill=0)
    return glyph


def _mask(glyph: Image.Image) -> Image.Image:
    # Paste only the black dots, so neighbouring cells are not whitened.
    return glyph.point(lambda v: 255 if v == 0 else 0, mode="1")


def qr_image(payload: str, module_size: int) -> Image.Image:
    qr = qrcode.QRCode(box_size=module_size, border=2,
                       error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(payload)
    qr.make(fit=True)
    picture: Image.Image = qr.make_image().get_image()
    return picture.convert("1")


def bars_image(modules: str, module_width: int, height: int,
               caption: str = "", font_path: str | None = None) -> Image.Image:
    """Bars from a module string, with a 10-module quiet zone and an optional caption."""
    quiet = 10 * module_width
    width = quiet * 2 + len(modules) * module_width
    caption_h = LINE_DOTS if caption else 0
    image = blank(width, height + caption_h)
    draw = ImageDraw.Draw(image)
    for i, module in enumerate(modules):
        if module == "1":
            x = quiet + i * module_width
            draw.rectangle((x, 0, x + module_width - 1, height - 1), fill=0)
    if caption:
        font = _font(font_path, LINE_DOTS - 6) if font_path else ImageFont.load_default()
        left = (width - int(draw.textlength(caption, font=font))) // 2
        draw.text((max(left, 0), height + 1), caption, font=font, fill=0)
    return image


def place(image: Image.Image, dots: int, align: Align = Align.CENTER) -> Image.Image:
    """Put a picture on a full paper-width strip (scaled down if wider than the paper)."""
    if image.width > dots:
        image = image.resize((dots, max(image.height * dots // image.width, 1)))
    strip = blank(dots, image.height)
    x = {Align.LEFT: 0, Align.CENTER: (dots - image.width) // 2,
         Align.RIGHT: dots - image.width}[align]
    strip.paste(image, (x, 0))
    return strip


def stack(images: Sequence[Image.Image]) -> Image.Image:
    """Pictures one below the other, as one raster block."""
    width = max(image.width for image in images)
    sheet = blank(width, sum(image.height for image in images))
    y = 0
    for image in images:
        sheet.paste(image, (0, y))
        y += image.height
    return sheet
