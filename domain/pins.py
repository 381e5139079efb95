"""PINs of staff and members: scrypt hashes in a self-describing string, and PIN choice rules."""

from __future__ import annotations

import hashlib
import hmac
import os
from itertools import pairwise

from domain.errors import ValidationError

SCHEME = "scrypt"
N, R, P = 2**14, 8, 1  # 16 MiB and about 50 ms per check: cheap at a till, slow for guessing
SALT_BYTES = 16
HASH_BYTES = 32
# Bounds on what a stored string may ask for, so a tampered one cannot make a check hang.
_MAX_N, _MAX_R, _MAX_P = 2**20, 32, 16
PIN_LENGTHS = range(4, 7)


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """`scrypt$n$r$p$salt_hex$hash_hex` for the PIN (a fresh random salt unless given)."""
    salt = os.urandom(SALT_BYTES) if salt is None else salt
    digest = _scrypt(pin, salt, N, R, P)
    return f"{SCHEME}${N}${R}${P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, hashed: str) -> bool:
    """True when `pin` matches; a malformed or tampered string never matches."""
    parsed = _parse(hashed)
    if parsed is None:
        return False
    n, r, p, salt, expected = parsed
    return hmac.compare_digest(_scrypt(pin, salt, n, r, p, len(expected)), expected)


def needs_rehash(hashed: str) -> bool:
    """True when a stored hash uses other parameters than today's (rehash at next login)."""
    parsed = _parse(hashed)
    return parsed is None or parsed[:3] != (N, R, P)


def check_new_pin(pin: str) -> None:
    """A PIN a member or staff member may choose: 4–6 digits, not one repeated digit nor a run.

    Raises:
        ValidationError: pin.bad_format or pin.too_simple, field "pin".
    """
    if not pin.isascii() or not pin.isdigit() or len(pin) not in PIN_LENGTHS:
        raise ValidationError("pin.bad_format", field="pin", min=PIN_LENGTHS.start,
                              max=PIN_LENGTHS.stop - 1)
    steps = {(int(b) - int(a)) % 10 for a, b in pairwise(pin)}
    if steps in ({0}, {1}, {9}):  # 1111, 1234, 6543 (wrapping: 8901)
        raise ValidationError("pin.too_simple", field="pin")


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int, size: int = HASH_BYTES) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=256 * n * r + 1024 * 1024, dklen=size)


def _parse(hashed: str) -> tuple[int, int, int, bytes, bytes] | None:
    parts = hashed.split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        return None
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt, digest = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
    except ValueError:
        return None
    is_power_of_two = n > 1 and n & (n - 1) == 0
    if not (is_power_of_two and n <= _MAX_N and 0 < r <= _MAX_R and 0 < p <= _MAX_P):
        return None
    if not salt or not 16 <= len(digest) <= 64:
        return None
    return n, r, p, salt, digest
