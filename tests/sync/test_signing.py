"""Request signatures: made by the till's key, refused when anything signed was changed."""

from __future__ import annotations

import pytest

from sync.signing import KeyPair, valid_public_key, verify

BODY = b'{"batch_id":"b1","events":[]}'


def test_a_signature_verifies_with_the_public_half_only() -> None:
    keys = KeyPair.generate()
    again = KeyPair.from_private_text(keys.private_text())
    signature = again.sign("POST", "/v1/sync/push", 1_700_000_000_000, "n1", BODY)
    assert verify(keys.public_text(), signature, "post", "/v1/sync/push", 1_700_000_000_000,
                  "n1", BODY)
    assert valid_public_key(keys.public_text()) and not valid_public_key("abc")


@pytest.mark.parametrize(("method", "target", "stamp", "nonce", "body"), [
    ("GET", "/v1/sync/push", 1_700_000_000_000, "n1", BODY),
    ("POST", "/v1/sync/pull", 1_700_000_000_000, "n1", BODY),
    ("POST", "/v1/sync/push", 1_700_000_000_001, "n1", BODY),
    ("POST", "/v1/sync/push", 1_700_000_000_000, "n2", BODY),
    ("POST", "/v1/sync/push", 1_700_000_000_000, "n1", BODY + b" "),
])
def test_changing_anything_signed_breaks_the_signature(
        method: str, target: str, stamp: int, nonce: str, body: bytes) -> None:
    keys = KeyPair.generate()
    signature = keys.sign("POST", "/v1/sync/push", 1_700_000_000_000, "n1", BODY)
    assert not verify(keys.public_text(), signature, method, target, stamp, nonce, body)


def test_another_tills_key_does_not_verify() -> None:
    mine, theirs = KeyPair.generate(), KeyPair.generate()
    signature = theirs.sign("POST", "/v1/sync/push", 1, "n", BODY)
    assert not verify(mine.public_text(), signature, "POST", "/v1/sync/push", 1, "n", BODY)
