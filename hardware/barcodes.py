"""Barcode symbols: GTIN check digits (EAN-13/EAN-8/UPC-A) and bar patterns for printing.

The patterns let a printer without native barcodes print them as an image, and let the
tests draw codes for the camera. Modules are strings of "1" (bar) and "0" (space).
"""

from __future__ import annotations

from domain.errors import ValidationError

_L_CODES = ("0001101", "0011001", "0010011", "0111101", "0100011",
            "0110001", "0101111", "0111011", "0110111", "0001011")
_R_CODES = tuple("".join("1" if b == "0" else "0" for b in code) for code in _L_CODES)
_G_CODES = tuple(code[::-1] for code in _R_CODES)
# Which of the left six digits of an EAN-13 use the G set encodes the first digit.
_EAN13_PARITY = ("LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
                 "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL")
GTIN_LENGTHS = (8, 12, 13, 14)

# Code 128 bar/space widths for values 0..106 (ISO/IEC 15417 table 1); 106 is STOP.
_CODE128 = (
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
)
START_B, START_C, CODE_B, STOP = 104, 105, 100, 106


def gtin_check_digit(digits: str) -> int:
    """The GS1 mod-10 check digit for the digits before it (weights 3,1,3,… from the right).

    690123456789 -> 2 (EAN-13 6901234567892); the same rule serves EAN-8, UPC-A, GTIN-14
    and the 18-digit scale labels.
    """
    if not digits.isascii() or not digits.isdigit():
        raise ValidationError("barcode.not_digits", field="digits")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - total % 10) % 10


def has_valid_check_digit(code: str) -> bool:
    """True when the last digit is the GS1 check digit of the ones before it."""
    if len(code) < 2 or not code.isascii() or not code.isdigit():
        return False
    return gtin_check_digit(code[:-1]) == int(code[-1])


def is_valid_gtin(code: str) -> bool:
    """An EAN-8, UPC-A, EAN-13 or GTIN-14 with a correct check digit."""
    return len(code) in GTIN_LENGTHS and has_valid_check_digit(code)


def ean13_modules(code: str) -> str:
    """The 95 modules of an EAN-13 (13 digits, check digit included and correct)."""
    _require_gtin(code, 13)
    parity = _EAN13_PARITY[int(code[0])]
    left = "".join((_L_CODES if p == "L" else _G_CODES)[int(d)]
                   for p, d in zip(parity, code[1:7], strict=True))
    right = "".join(_R_CODES[int(d)] for d in code[7:])
    return "101" + left + "01010" + right + "101"


def ean8_modules(code: str) -> str:
    _require_gtin(code, 8)
    left = "".join(_L_CODES[int(d)] for d in code[:4])
    right = "".join(_R_CODES[int(d)] for d in code[4:])
    return "101" + left + "01010" + right + "101"


def upca_modules(code: str) -> str:
    """UPC-A is an EAN-13 whose first digit is 0."""
    _require_gtin(code, 12)
    return ean13_modules("0" + code)


def _require_gtin(code: str, length: int) -> None:
    if len(code) != length or not has_valid_check_digit(code):
        raise ValidationError("barcode.check_digit", field="code")


def code128_values(data: str) -> list[int]:
    """Symbol values from start to check character (without STOP).

    All-digit data uses code set C (two digits per symbol), with a last odd digit in set
    B; anything else is set B. Card numbers stay short enough for 58 mm paper that way.
    """
    if not data or not all(" " <= ch <= "~" for ch in data):
        raise ValidationError("barcode.code128_invalid", field="data")
    if data.isdigit() and len(data) >= 2:
        even = len(data) - len(data) % 2
        values = [START_C] + [int(data[i:i + 2]) for i in range(0, even, 2)]
        if even < len(data):
            values += [CODE_B, ord(data[-1]) - 32]
    else:
        values = [START_B] + [ord(ch) - 32 for ch in data]
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], start=1))) % 103
    return [*values, check]


def code128_modules(data: str) -> str:
    return "".join(_widths_to_modules(_CODE128[v]) for v in [*code128_values(data), STOP])


def _widths_to_modules(widths: str) -> str:
    return "".join(("1" if i % 2 == 0 else "0") * int(w) for i, w in enumerate(widths))
