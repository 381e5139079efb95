"""The printer test page: Chinese text, ￥ amounts, 〇, a ruler, a QR code and a barcode."""

from __future__ import annotations

from datetime import datetime

from hardware.layout import Align
from hardware.profiles import PrinterProfile
from hardware.receipt import Receipt, Symbology

TEST_BARCODE = "6901234567892"


def test_page_qr(profile: PrinterProfile) -> str:
    """The QR payload: ASCII, naming the layout, so a scan shows what was configured."""
    return f"KAIKA-TEST:{profile.name}:{profile.encoding}"


def test_page(store_name: str, profile: PrinterProfile, address: str,
              printed_at: datetime) -> Receipt:
    ruler = "".join(str(i % 10) for i in range(1, profile.columns + 1))
    return (
        Receipt()
        .text("测试页", Align.CENTER, width=2, height=2)
        .text(store_name, Align.CENTER, bold=True)
        .text(printed_at.strftime("%Y-%m-%d %H:%M"), Align.CENTER)
        .rule()
        .columns("打印机", address)
        .columns("纸宽/编码", f"{profile.name} {profile.encoding}")
        .rule()
        .columns("羊毛围巾 ×1", "￥128.00")
        .columns("会员折扣 8.5折", "-￥19.20")
        .amount("合计", 10880, bold=True)
        .amount("现金", 20000)
        .amount("找零", 9120)
        .rule()
        .text("〇一二三四五六七八九十 ￥¥")
        .text(ruler)
        .qr(test_page_qr(profile))
        .barcode(TEST_BARCODE, Symbology.EAN13)
        .text("以上内容清晰即设置正确", Align.CENTER)
        .cut()
    )
