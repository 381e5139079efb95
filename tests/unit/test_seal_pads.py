"""A seal made from the key's precomputed HMAC pads is the HMAC-SHA256 seal as first defined."""

from __future__ import annotations

import hmac
import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from db.seals import SEAL_HEX, Sealer, derive

_value = st.none() | st.integers() | st.text() | st.booleans()


def _first_seal(key: bytes, *values: Any) -> str:
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
    return hmac.digest(key, text.encode("utf-8"), "sha256").hex()[:SEAL_HEX]


@given(st.binary(min_size=1, max_size=100), st.lists(_value, max_size=12))
def test_the_seal_is_the_hmac_of_the_row(store_key: bytes, values: list[Any]) -> None:
    sealer = Sealer(lambda: store_key)
    for _ in range(2):  # the second time from the kept pads
        assert sealer.seal("points_ledger", *values) == _first_seal(
            derive(store_key), "points_ledger", *values)


def test_without_a_key_there_is_no_seal_until_there_is_one() -> None:
    key: list[bytes | None] = [None]
    sealer = Sealer(lambda: key[0])
    assert sealer.seal("member_balances", "m1", 5, 0, 0) is None
    key[0] = b"k" * 44
    assert sealer.seal("member_balances", "m1", 5, 0, 0) == _first_seal(
        derive(b"k" * 44), "member_balances", "m1", 5, 0, 0)
