"""The device-neutral receipt model: validation codes and the stored form for reprints."""

from __future__ import annotations

import json

import pytest

from domain.errors import ValidationError
from hardware.layout import Align
from hardware.receipt import Barcode, Columns, Cut, DrawerKick, QRCode, Receipt, Symbology, Text


def test_builder_keeps_blocks_in_order() -> None:
    receipt = (Receipt().text("店名", Align.CENTER, width=2).amount("合计", 21250)
               .qr("KAIKA:1").cut())
    assert receipt.blocks == [Text("店名", Align.CENTER, 2), Columns("合计", "￥212.50"),
                              QRCode("KAIKA:1"), Cut()]


def test_round_trip_through_json() -> None:
    receipt = (Receipt().text("会员小票", Align.CENTER, width=2, height=2, bold=True)
               .amount("合计", 123450).rule("=").qr("KAIKA:1300440100012", 5)
               .barcode("690123456789", Symbology.EAN13).feed(2).kick_drawer(5, 60, 240)
               .cut(partial=True))
    stored = json.dumps(receipt.to_dict(), ensure_ascii=False)
    assert Receipt.from_dict(json.loads(stored)) == receipt


def test_ean_check_digit_is_added_or_checked() -> None:
    assert Barcode("690123456789", Symbology.EAN13).full_data == "6901234567892"
    assert Barcode("6901234567892", Symbology.EAN13).full_data == "6901234567892"
    with pytest.raises(ValidationError) as info:
        Barcode("6901234567890", Symbology.EAN13)
    assert (info.value.code, info.value.params) == ("receipt.barcode_invalid", {"field": "data"})


@pytest.mark.parametrize(("build", "code", "field"), [
    (lambda: Text("x", width=9), "receipt.size_invalid", "width"),
    (lambda: QRCode(""), "receipt.qr_empty", "payload"),
    (lambda: QRCode("x", module_size=17), "receipt.size_invalid", "module_size"),
    (lambda: Barcode("会员"), "receipt.barcode_invalid", "data"),
    (lambda: DrawerKick(pin=3), "receipt.drawer_pin_invalid", "pin"),
    (lambda: DrawerKick(on_ms=600), "receipt.drawer_pulse_invalid", "on_ms"),
])
def test_invalid_blocks_are_refused_with_a_field(build, code: str, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as info:
        build()
    assert info.value.code == code
    assert info.value.params["field"] == field


def test_unknown_stored_block_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        Receipt.from_dict({"blocks": [{"kind": "hologram"}]})
    assert info.value.code == "receipt.block_unknown"
