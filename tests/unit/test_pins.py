"""PIN hashing with scrypt: round trip, wrong PIN, tampered strings, PIN choice rules."""

from __future__ import annotations

import hashlib

import pytest

from domain import pins
from domain.errors import ValidationError

SALT = bytes(range(16))
HASHED = pins.hash_pin("2580", SALT)


def test_format_is_self_describing() -> None:
    scheme, n, r, p, salt, digest = HASHED.split("$")
    assert (scheme, n, r, p, salt) == ("scrypt", "16384", "8", "1", SALT.hex())
    expected = hashlib.scrypt(b"2580", salt=SALT, n=2**14, r=8, p=1, dklen=32)
    assert digest == expected.hex()


def test_round_trip_and_wrong_pin() -> None:
    assert pins.verify_pin("2580", HASHED)
    assert not pins.verify_pin("2581", HASHED)
    assert not pins.verify_pin("", HASHED)
    assert not pins.verify_pin("02580", HASHED)


def test_fresh_salts_differ_but_both_verify() -> None:
    first, second = pins.hash_pin("2580"), pins.hash_pin("2580")
    assert first != second
    assert pins.verify_pin("2580", first) and pins.verify_pin("2580", second)


def swap(field: int, value: str) -> str:
    parts = HASHED.split("$")
    parts[field] = value
    return "$".join(parts)


def flip_last_hex(text: str) -> str:
    return text[:-1] + ("0" if text[-1] != "0" else "1")


@pytest.mark.parametrize("tampered", [
    flip_last_hex(HASHED),  # the hash changed
    swap(4, bytes(range(1, 17)).hex()),  # the salt changed
    swap(1, str(2**13)),  # a cheaper n
    swap(1, str(2**30)),  # an n that would take minutes: refused before hashing
    swap(1, "1000"),  # not a power of two
    swap(2, "0"),
    swap(3, "99"),
    swap(0, "bcrypt"),
    swap(5, "zz"),
    swap(5, HASHED.split("$")[5][:16]),  # truncated below 16 bytes
    swap(4, ""),
    HASHED + "$extra",
    "2580",
    "",
])
def test_tampered_strings_never_verify(tampered: str) -> None:
    assert not pins.verify_pin("2580", tampered)


def test_needs_rehash() -> None:
    assert not pins.needs_rehash(HASHED)
    assert pins.needs_rehash(swap(1, str(2**13)))
    assert pins.needs_rehash("garbage")


@pytest.mark.parametrize("pin", ["2580", "86420", "135791", "0427"])
def test_acceptable_pins(pin: str) -> None:
    pins.check_new_pin(pin)


@pytest.mark.parametrize(("pin", "code"), [
    ("258", "pin.bad_format"),
    ("2580135", "pin.bad_format"),
    ("25a0", "pin.bad_format"),
    ("２５８０", "pin.bad_format"),  # full-width digits
    ("0000", "pin.too_simple"),
    ("123456", "pin.too_simple"),
    ("6543", "pin.too_simple"),
    ("8901", "pin.too_simple"),
])
def test_refused_pins(pin: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        pins.check_new_pin(pin)
    assert (caught.value.code, caught.value.params["field"]) == (code, "pin")
