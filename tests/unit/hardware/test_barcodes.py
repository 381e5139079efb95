"""GS1 check digits and the bar patterns used for printed and test barcodes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import ValidationError
from hardware.barcodes import (
    code128_modules,
    code128_values,
    ean8_modules,
    ean13_modules,
    gtin_check_digit,
    has_valid_check_digit,
    is_valid_gtin,
    upca_modules,
)


def test_known_check_digits() -> None:
    assert gtin_check_digit("690123456789") == 2
    assert gtin_check_digit("400638133393") == 1
    assert gtin_check_digit("9638507") == 4  # EAN-8 96385074
    assert gtin_check_digit("03600029145") == 2  # UPC-A 036000291452


def test_valid_gtins_by_length() -> None:
    assert is_valid_gtin("6901234567892")
    assert is_valid_gtin("96385074")
    assert is_valid_gtin("036000291452")
    assert not is_valid_gtin("6901234567893")
    assert not is_valid_gtin("690123456789")  # 12 digits: a UPC-A whose check fails
    assert not is_valid_gtin("69012345678a")


@given(st.text(alphabet="0123456789", min_size=7, max_size=17))
def test_appending_the_check_digit_makes_a_valid_code(digits: str) -> None:
    assert has_valid_check_digit(digits + str(gtin_check_digit(digits)))


@given(st.text(alphabet="0123456789", min_size=12, max_size=12),
       st.integers(min_value=0, max_value=11), st.integers(min_value=1, max_value=9))
def test_any_single_wrong_digit_is_caught(digits: str, where: int, delta: int) -> None:
    code = digits + str(gtin_check_digit(digits))
    wrong = code[:where] + str((int(code[where]) + delta) % 10) + code[where + 1:]
    assert not has_valid_check_digit(wrong)


def test_ean13_layout() -> None:
    modules = ean13_modules("6901234567892")
    assert len(modules) == 95
    assert modules[:3] == "101" and modules[45:50] == "01010" and modules[-3:] == "101"
    # first digit 6 -> parity LGGGLL; digit 9 in set L is 0001011
    assert modules[3:10] == "0001011"
    assert len(ean8_modules("96385074")) == 67
    assert upca_modules("036000291452") == ean13_modules("0036000291452")


def test_ean_with_a_wrong_check_digit_is_refused() -> None:
    with pytest.raises(ValidationError) as info:
        ean13_modules("6901234567893")
    assert info.value.code == "barcode.check_digit"


def test_code128_picks_set_c_for_digits_and_set_b_otherwise() -> None:
    # 13 digits: START C, six pairs, CODE B, the last digit, check (1104 mod 103 = 74)
    assert code128_values("1300440100012") == [105, 13, 0, 44, 1, 0, 1, 100, 18, 74]
    assert code128_values("AB") == [104, 33, 34, (104 + 33 + 2 * 34) % 103]
    assert len(code128_modules("1300440100012")) == 11 * 10 + 13


def test_code128_refuses_non_ascii() -> None:
    with pytest.raises(ValidationError) as info:
        code128_values("会员")
    assert info.value.code == "barcode.code128_invalid"
