"""Scanned codes: GTINs, store-configurable weighed-item labels, ASCII member codes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hardware.barcodes import gtin_check_digit
from hardware.errors import DeviceError
from hardware.scan_codes import (
    LAYOUT_18,
    CodeKind,
    WeighedItem,
    WeighedLayout,
    interpret,
    layouts_from_settings,
)


def test_gtins() -> None:
    assert interpret("6901234567892").kind is CodeKind.GTIN
    assert interpret("96385074").kind is CodeKind.GTIN
    assert interpret("036000291452").kind is CodeKind.GTIN


def test_default_weighed_label_price_in_fen() -> None:
    code = interpret("2100123012503")
    assert code.kind is CodeKind.WEIGHED
    assert code.weighed == WeighedItem(plu="00123", price_fen=1250, weight_g=None)


def test_eighteen_digit_label_with_price_and_weight() -> None:
    body = "26" + "00123" + "01250" + "00500"
    code = interpret(body + str(gtin_check_digit(body)), [LAYOUT_18])
    assert code.weighed == WeighedItem(plu="00123", price_fen=1250, weight_g=500)


def test_weight_only_layout_from_settings() -> None:
    layouts = layouts_from_settings([{"flag": "22", "flag_length": 2, "plu_digits": 5,
                                      "price_digits": 0, "weight_digits": 5}])
    body = "22" + "04567" + "01234"
    code = interpret(body + str(gtin_check_digit(body)), layouts)
    assert code.weighed == WeighedItem(plu="04567", price_fen=None, weight_g=1234)


def test_weighed_label_with_a_bad_check_digit_is_refused() -> None:
    with pytest.raises(DeviceError) as info:
        interpret("2100123012504")
    assert info.value.code == "scanner.check_digit"


def test_member_codes_and_bad_gtins_are_text_for_the_till() -> None:
    assert interpret("1304401000125").kind is CodeKind.TEXT  # a card number, Luhn not GS1
    assert interpret("KAIKA:1304401000125").kind is CodeKind.TEXT
    assert interpret("  6901234567892\r\n").text == "6901234567892"


@pytest.mark.parametrize(("raw", "code"), [("会员123", "scanner.not_ascii"),
                                           ("12\x0034", "scanner.not_ascii"),
                                           ("   ", "scanner.empty")])
def test_unusable_codes(raw: str, code: str) -> None:
    with pytest.raises(DeviceError) as info:
        interpret(raw)
    assert info.value.code == code


def test_bad_layout_settings() -> None:
    with pytest.raises(DeviceError) as info:
        WeighedLayout.from_settings({"flag": "2x"})
    assert info.value.code == "device.setting_invalid"


@given(st.text(alphabet="0123456789", min_size=5, max_size=5),
       st.integers(min_value=0, max_value=99999), st.sampled_from("0123456789"))
def test_any_default_label_round_trips(plu: str, fen: int, department: str) -> None:
    body = "2" + department + plu + f"{fen:05d}"
    code = interpret(body + str(gtin_check_digit(body)))
    assert code.weighed == WeighedItem(plu, fen, None)
