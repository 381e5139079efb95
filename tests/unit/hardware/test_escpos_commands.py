"""Each ESC/POS command builder sends exactly what python-escpos's Dummy printer records."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from escpos.printer import Dummy
from PIL import Image

from hardware import escpos_commands as cmd
from hardware.layout import Align
from hardware.receipt import Symbology


def dummy(calls: Callable[[Dummy], object]) -> bytes:
    printer = Dummy()
    calls(printer)
    return bytes(printer.output)


@pytest.mark.parametrize(("ours", "theirs"), [
    (cmd.align(Align.CENTER), lambda d: d.set(align="center")),
    (cmd.align(Align.RIGHT), lambda d: d.set(align="right")),
    (cmd.bold(True), lambda d: d.set(bold=True)),
    (cmd.bold(False), lambda d: d.set(bold=False)),
    (cmd.size(2, 2), lambda d: d.set(custom_size=True, width=2, height=2)),
    (cmd.size(1, 3), lambda d: d.set(custom_size=True, width=1, height=3)),
    (cmd.size(1, 1), lambda d: d.set(custom_size=True, width=1, height=1)),
    (cmd.feed(3), lambda d: d.print_and_feed(3)),
    (cmd.cut(), lambda d: d.cut()),
    (cmd.cut(partial=True), lambda d: d.cut("PART")),
    (cmd.drawer_kick(2, 100, 100), lambda d: d.cashdraw(2)),
    (cmd.drawer_kick(5, 100, 100), lambda d: d.cashdraw(5)),
    (cmd.drawer_kick(2, 50, 510), lambda d: d.cashdraw([27, 112, 0, 25, 255])),
    (cmd.INIT, lambda d: d.hw("INIT")),
    (cmd.qr_native("https://kaika.example/m/1300440100012", 6),
     lambda d: d.qr("https://kaika.example/m/1300440100012", native=True, size=6)),
    (cmd.barcode_native("6901234567892", Symbology.EAN13, 64, 3, True),
     lambda d: d.barcode("6901234567892", "EAN13", align_ct=False)),
    (cmd.barcode_native("96385074", Symbology.EAN8, 80, 2, True),
     lambda d: d.barcode("96385074", "EAN8", height=80, width=2, align_ct=False)),
    (cmd.barcode_native("M:1300440100012", Symbology.CODE128, 64, 3, True),
     lambda d: d.barcode("{BM:1300440100012", "CODE128", function_type="B", align_ct=False)),
])
def test_command_matches_python_escpos(ours: bytes, theirs: Callable[[Dummy], object]) -> None:
    assert ours == dummy(theirs)


def test_known_bytes_of_the_everyday_commands() -> None:
    assert cmd.CHINESE_ON == b"\x1c\x26"
    assert cmd.size(2, 2) == b"\x1d\x21\x11"
    assert cmd.drawer_kick(2, 100, 100) == b"\x1bp\x00\x32\x32"
    assert cmd.cut() == b"\x1bd\x06\x1dV\x00"
    assert cmd.status_query(4) == b"\x10\x04\x04"


@pytest.mark.parametrize(("width", "height"), [(16, 2), (20, 30), (384, 1000)])
def test_raster_matches_python_escpos_including_tall_pictures(width: int, height: int) -> None:
    rng = random.Random(width * height)
    picture = Image.new("1", (width, height), 1)
    for _ in range(width * height // 4):
        picture.putpixel((rng.randrange(width), rng.randrange(height)), 0)
    assert cmd.raster(picture) == dummy(lambda d: d.image(picture, impl="bitImageRaster"))


def test_raster_header_counts_bytes_per_row_and_rows() -> None:
    picture = Image.new("1", (16, 2), 1)
    picture.putpixel((0, 0), 0)
    picture.putpixel((15, 1), 0)
    assert cmd.raster(picture) == b"\x1dv0\x00\x02\x00\x02\x00\x80\x00\x00\x01"
