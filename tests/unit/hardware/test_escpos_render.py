"""Receipt -> ESC/POS bytes: golden bytes, python-escpos's Dummy, and each printer profile."""

from __future__ import annotations

from dataclasses import replace

import pytest
from escpos.printer import Dummy

from hardware.errors import DeviceError
from hardware.escpos_render import render
from hardware.layout import Align
from hardware.profiles import BUILTIN, profile_from_settings
from hardware.receipt import Receipt, Symbology

PROFILE_80 = BUILTIN["80"]
PROFILE_58 = BUILTIN["58"]


def small_receipt() -> Receipt:
    return (Receipt().text("会员小票", Align.CENTER, width=2, height=2)
            .text("合计：￥12.50").kick_drawer().cut())


def test_small_receipt_golden_bytes() -> None:
    expected = bytes.fromhex(
        "1b40 1c26 1d2111 1b6101 bbe1 d4b1 d0a1 c6b1 0a"  # ESC @, FS &, GS ! x2, centre
        "1d2100 1b6100 bacf bcc6 a3ba a3a4 31322e3530 0a"  # back to 1x, left, 合计：￥12.50
        "1b70003232 1b6406 1d5600"  # drawer pin 2 100 ms, feed 6, full cut
    )
    assert render(small_receipt(), PROFILE_80) == expected


def test_small_receipt_equals_the_same_calls_on_python_escpos() -> None:
    d = Dummy()
    d.hw("INIT")
    d._raw(b"\x1c&")
    d.set(custom_size=True, width=2, height=2, align="center")
    d._raw("会员小票\n".encode("gb18030"))
    d.set(custom_size=True, width=1, height=1, align="left")
    d._raw("合计：￥12.50\n".encode("gb18030"))
    d.cashdraw(2)
    d.cut()
    assert render(small_receipt(), PROFILE_80) == d.output


def test_native_codes_on_80mm_match_python_escpos() -> None:
    receipt = (Receipt().qr("KAIKA:1300440100012")
               .barcode("690123456789", Symbology.EAN13).amount("应付", 41200, bold=True))
    d = Dummy()
    d.hw("INIT")
    d._raw(b"\x1c&")
    d.set(align="center")
    d.qr("KAIKA:1300440100012", native=True, size=6)
    d.barcode("6901234567892", "EAN13", width=2, align_ct=False)
    d.set(align="left", bold=True)
    d._raw(("应付" + " " * 36 + "￥412.00\n").encode("gb18030"))
    assert render(receipt, PROFILE_80) == d.output


def test_yuan_sign_and_ling_survive_in_both_encodings() -> None:
    receipt = Receipt().text("¥〇")
    for encoding in ("gb18030", "gbk"):
        out = render(receipt, replace(PROFILE_80, encoding=encoding))
        assert out.endswith(b"\xa3\xa4\xa9\x96\n")


def test_gbk_printer_gets_a_question_mark_for_characters_gbk_lacks() -> None:
    receipt = Receipt().text("𠮷野家")
    assert render(receipt, replace(PROFILE_80, encoding="gbk")).endswith(b"?\xd2\xb0\xbc\xd2\n")
    assert render(receipt, PROFILE_80).endswith("𠮷野家\n".encode("gb18030"))


def test_double_width_text_wraps_at_half_the_columns_on_58mm() -> None:
    out = render(Receipt().text("一二三四五六七八九十", width=2), PROFILE_58)
    body = out.split(b"\x1d!\x10", 1)[1]
    assert body == "一二三四五六七八\n九十\n".encode("gb18030")


def test_58mm_prints_codes_as_pictures() -> None:
    out = render(Receipt().qr("KAIKA").barcode("1300440100012"), PROFILE_58)
    assert b"\x1d(k" not in out and b"\x1dk" not in out
    assert out.count(b"\x1dv0") == 1  # QR and barcode are one strip of paper
    assert out[:4] == b"\x1b@\x1c&"


def test_printer_without_chinese_font_gets_chinese_lines_as_pictures() -> None:
    profile = replace(PROFILE_58, chinese_font=False)
    receipt = Receipt().text("Kaika").text("测试页").amount("合计", 1250).columns("Total", "12.50")
    out = render(receipt, profile)
    assert out.startswith(b"\x1b@Kaika\n\x1dv0\x00")
    header = out[len(b"\x1b@Kaika\n"):][:8]
    # one picture of 384 dots (48 bytes) by two 30-dot lines: 测试页 and 合计 ￥12.50
    assert header[4:8] == bytes([48, 0, 60, 0])
    assert out.endswith(b"Total" + b" " * 22 + b"12.50\n")
    assert b"\x1c&" not in out


def test_no_cjk_font_on_the_system_is_a_device_error() -> None:
    profile = replace(PROFILE_58, chinese_font=False, font_path="/nonexistent/cjk.ttc")
    with pytest.raises(DeviceError) as info:
        render(Receipt().text("测试页"), profile)
    assert info.value.code == "printer.font_missing"
    assert info.value.params == {"tried": "/nonexistent/cjk.ttc"}


def test_profiles_from_settings() -> None:
    assert profile_from_settings({"width": 58}).columns == 32
    assert profile_from_settings({"width": 80, "columns": 42}).dots == 512
    gbk = profile_from_settings({"width": "80", "encoding": "GBK", "native_qr": False})
    assert (gbk.encoding, gbk.native_qr, gbk.columns) == ("gbk", False, 48)
    with pytest.raises(DeviceError) as info:
        profile_from_settings({"width": 76})
    assert info.value.code == "device.setting_invalid"
