"""Dynamic member QR payloads: signature, lifetime, replay memory, and what a scan means."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain import cards, dynamicqr
from domain.clock import FixedClock
from domain.errors import DomainError, ValidationError
from sync import qrkeys
from sync.signing import KeyPair, b64

KEY = KeyPair.from_private_text(b64(bytes(range(32))))  # head office's, for this merchant
SIGN = KEY.private.sign


def VERIFY(message: bytes, signature: bytes) -> bool:
    return qrkeys.verifies([KEY.public_text()], message, signature)


NUMBER = "1303306000081"
T0 = datetime(2025, 5, 1, 8, 0, tzinfo=UTC)
TTL = 120
NONCE = bytes.fromhex("a1b2c3d4e5f6")
QR_ALPHANUMERIC = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def payload(at: datetime = T0, nonce: bytes = NONCE, number: str = NUMBER) -> str:
    return dynamicqr.make_payload(number, at, SIGN, nonce)


def test_payload_is_compact_ascii_in_qr_alphanumeric_mode() -> None:
    text = payload()
    assert text.startswith("KK2")
    assert len(text) == 131  # fits a version-6 QR (154 alphanumeric characters at level M)
    assert set(text) <= QR_ALPHANUMERIC


def test_round_trip_returns_the_card_number_and_the_nonce() -> None:
    assert dynamicqr.verify_payload(payload(), T0 + timedelta(seconds=60), VERIFY, TTL) == NUMBER
    token = dynamicqr.read_payload(payload(), T0, VERIFY, TTL)
    assert token == dynamicqr.QrToken(card_number=NUMBER, issued_at=T0, nonce=NONCE)


@given(st.integers(0, cards.MAX_SERIAL), st.binary(min_size=6, max_size=6),
       st.integers(0, 2**31))
def test_any_card_and_time_round_trip(serial: int, nonce: bytes, seconds: int) -> None:
    number = cards.make_card_number("13", "0", "3306", serial)
    at = datetime.fromtimestamp(seconds, UTC)
    text = dynamicqr.make_payload(number, at, SIGN, nonce)
    assert dynamicqr.read_payload(text, at, VERIFY, TTL) == dynamicqr.QrToken(number, at, nonce)


def test_scanners_sending_lower_case_are_accepted() -> None:
    assert dynamicqr.verify_payload(payload().lower(), T0, VERIFY, TTL) == NUMBER


def test_expired_after_ttl_plus_skew() -> None:
    assert dynamicqr.verify_payload(payload(), T0 + timedelta(seconds=150), VERIFY, TTL) == NUMBER
    with pytest.raises(DomainError) as caught:
        dynamicqr.verify_payload(payload(), T0 + timedelta(seconds=151), VERIFY, TTL)
    assert caught.value.code == "card.qr_expired"
    assert caught.value.params == {"card_number": NUMBER, "age_s": 151, "ttl_s": 120}


def test_a_screenshot_an_hour_old_is_refused() -> None:
    with pytest.raises(DomainError, match=r"card\.qr_expired"):
        dynamicqr.verify_payload(payload(), T0 + timedelta(hours=1), VERIFY, TTL, skew_s=0)


def test_from_the_future_beyond_the_skew() -> None:
    assert dynamicqr.verify_payload(payload(), T0 - timedelta(seconds=30), VERIFY, TTL) == NUMBER
    with pytest.raises(DomainError) as caught:
        dynamicqr.verify_payload(payload(), T0 - timedelta(seconds=31), VERIFY, TTL)
    assert (caught.value.code, caught.value.params["ahead_s"]) == ("card.qr_from_future", 31)


def tampered(text: str, index: int) -> str:
    char = "A" if text[index] != "A" else "B"
    return text[:index] + char + text[index + 1:]


@pytest.mark.parametrize("index", [3, 10, 20, 30, 40, 80, 130])
def test_tampered_payload_fails_the_signature(index: int) -> None:
    with pytest.raises(DomainError) as caught:
        dynamicqr.verify_payload(tampered(payload(), index), T0, VERIFY, TTL)
    assert (caught.value.code, caught.value.params) == ("card.qr_bad_signature", {})


def test_a_payload_signed_elsewhere_fails_the_signature() -> None:
    other_merchant = qrkeys.merchant_pairs([KEY], "another-merchant")[0]
    other = dynamicqr.make_payload(NUMBER, T0, other_merchant.private.sign, NONCE)
    with pytest.raises(DomainError, match=r"card\.qr_bad_signature"):
        dynamicqr.verify_payload(other, T0, VERIFY, TTL)


def test_an_old_signature_is_checked_before_age() -> None:
    # A forged payload is told as forged even when it is also stale.
    with pytest.raises(DomainError, match=r"card\.qr_bad_signature"):
        dynamicqr.verify_payload(tampered(payload(), 8), T0 + timedelta(days=1), VERIFY, TTL)


@pytest.mark.parametrize("text", [
    "", "KK2", "KK2ABC", "KK2" + "A" * 127, "KK2" + "1" * 128, "KK2" + "A" * 129, "1303306000081",
    "KK1" + "A" * 42,  # the old HMAC format: no till accepts it any more
])
def test_malformed_payloads(text: str) -> None:
    with pytest.raises(DomainError) as caught:
        dynamicqr.verify_payload(text, T0, VERIFY, TTL)
    assert caught.value.code == "card.qr_malformed"


def test_make_payload_checks_its_inputs() -> None:
    with pytest.raises(ValidationError, match=r"card\.bad_number"):
        payload(number="1303306000082")
    with pytest.raises(ValueError, match="6 bytes"):
        payload(nonce=b"short")
    with pytest.raises(ValueError, match="64 bytes"):
        dynamicqr.make_payload(NUMBER, T0, lambda message: message[:10], NONCE)


def test_a_till_without_keys_says_so() -> None:
    with pytest.raises(DomainError, match=r"card\.qr_keys_missing"):
        dynamicqr.verify_payload(payload(), T0, None, TTL)


def test_identify_each_kind_of_scan() -> None:
    now = T0 + timedelta(seconds=5)
    assert dynamicqr.identify(payload(), now, VERIFY, TTL) == ("dynamic", NUMBER)
    assert dynamicqr.identify(" 1303306000081\r\n", now, VERIFY, TTL) == ("card", NUMBER)
    assert dynamicqr.identify("138 0013 8000", now, VERIFY, TTL) == ("mobile", "13800138000")
    assert dynamicqr.identify("+86-138-0013-8000", now, VERIFY, TTL) == (
        "mobile", "13800138000")


def test_identify_refusals() -> None:
    with pytest.raises(ValidationError, match=r"card\.bad_number"):
        dynamicqr.identify("1303306000082", T0, VERIFY, TTL)
    with pytest.raises(DomainError) as caught:
        dynamicqr.identify("4111 1111 1111 1111", T0, VERIFY, TTL)
    assert (caught.value.code, caught.value.params) == ("card.bank_card", {})
    with pytest.raises(ValidationError) as unknown:
        dynamicqr.identify("hello", T0, VERIFY, TTL)
    assert (unknown.value.code, unknown.value.params) == ("scan.unrecognized", {"field": "code"})
    with pytest.raises(DomainError, match=r"card\.qr_expired"):
        dynamicqr.identify(payload(), T0 + timedelta(minutes=10), VERIFY, TTL)


def test_seen_nonces_refuse_a_replay_until_the_payload_is_stale_anyway() -> None:
    clock = FixedClock(T0)
    seen = dynamicqr.SeenNonces(clock, ttl_s=TTL, skew_s=30)
    token = dynamicqr.read_payload(payload(), T0, VERIFY, TTL)
    seen.admit(token)
    with pytest.raises(DomainError) as caught:
        seen.admit(token)
    assert (caught.value.code, caught.value.params) == ("card.qr_replayed",
                                                        {"card_number": NUMBER})
    seen.admit(dynamicqr.read_payload(payload(nonce=b"\x00" * 6), T0, VERIFY, TTL))
    assert len(seen) == 2
    clock.advance(timedelta(seconds=151))
    seen.admit(dynamicqr.read_payload(payload(T0 + timedelta(seconds=151)),
                                      clock.now(), VERIFY, TTL))
    assert len(seen) == 1  # both old nonces were forgotten: their payloads can no longer pass


def test_seen_nonces_memory_is_bounded() -> None:
    seen = dynamicqr.SeenNonces(FixedClock(T0), ttl_s=TTL, capacity=3)
    for i in range(5):
        seen.admit(dynamicqr.QrToken(NUMBER, T0, i.to_bytes(6, "big")))
    assert len(seen) == 3
    seen.admit(dynamicqr.QrToken(NUMBER, T0, (0).to_bytes(6, "big")))  # the oldest was dropped
    with pytest.raises(DomainError, match=r"card\.qr_replayed"):
        seen.admit(dynamicqr.QrToken(NUMBER, T0, (4).to_bytes(6, "big")))
