"""Dynamic member QR codes: short-lived payloads head office signs and tills verify offline."""

from __future__ import annotations

import base64
import binascii
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from domain import cards, forms
from domain.clock import Clock, require_aware
from domain.errors import DomainError, ValidationError

PREFIX = "KK2"
NONCE_BYTES = 6
_NUMBER_BYTES = 6  # 13 decimal digits < 2**44
_TIME_BYTES = 4  # unsigned Unix seconds, good until 2106
_SIG_BYTES = 64  # Ed25519: forging one needs head office's private key, not a till's data
_BODY_BYTES = _NUMBER_BYTES + _TIME_BYTES + NONCE_BYTES
_PAYLOAD_CHARS = len(PREFIX) + -(-(_BODY_BYTES + _SIG_BYTES) * 8 // 5)  # base32, no padding

# Signs the message with the merchant's private key (head office only; sync/qrkeys.py).
Sign = Callable[[bytes], bytes]
# True when the signature over the message was made by one of the merchant's keys: a till
# holds only the public halves (learnt at enrolment and with each allowance grant).
Verify = Callable[[bytes, bytes], bool]


@dataclass(frozen=True, slots=True)
class QrToken:
    """A verified payload: whose card, when the phone showed it, and its one-time nonce."""

    card_number: str
    issued_at: datetime
    nonce: bytes


def message(body: bytes) -> bytes:
    """What is signed: the prefix (so a signature is never reused by another format) + body."""
    return PREFIX.encode("ascii") + body


def make_payload(card_number: str, now: datetime, sign: Sign, nonce: bytes) -> str:
    """`KK2` + base32 of number | Unix time | nonce | Ed25519 signature; 131 ASCII chars.

    Upper-case letters and digits only, so a QR holds it in alphanumeric mode (version 6 at
    level M).
    """
    number = cards.parse_card_number(card_number).number
    if len(nonce) != NONCE_BYTES:
        raise ValueError(f"the nonce must be {NONCE_BYTES} bytes")
    seconds = int(require_aware(now).timestamp())
    body = (int(number).to_bytes(_NUMBER_BYTES, "big") + seconds.to_bytes(_TIME_BYTES, "big")
            + nonce)
    signature = sign(message(body))
    if len(signature) != _SIG_BYTES:
        raise ValueError(f"the signature must be {_SIG_BYTES} bytes")
    return PREFIX + base64.b32encode(body + signature).decode("ascii").rstrip("=")


def read_payload(payload: str, now: datetime, verify: Verify | None, ttl_s: int,
                 skew_s: int = 30) -> QrToken:
    """Check shape, signature and age, in that order, and return what the payload says.

    The payload is good from `skew_s` before its time (the phone's server clock may run ahead
    of the till's) to `ttl_s + skew_s` after it, so a screenshot goes stale within minutes.
    `verify` None: this till has not learnt its merchant's keys (never enrolled).
    """
    body = _decode(payload)
    data, signature = body[:_BODY_BYTES], body[_BODY_BYTES:]
    if verify is None:
        raise DomainError("card.qr_keys_missing")
    if not verify(message(data), signature):
        raise DomainError("card.qr_bad_signature")
    number = f"{int.from_bytes(data[:_NUMBER_BYTES], 'big'):013d}"
    seconds = int.from_bytes(data[_NUMBER_BYTES:_NUMBER_BYTES + _TIME_BYTES], "big")
    age = int(require_aware(now).timestamp()) - seconds
    if age < -skew_s:
        raise DomainError("card.qr_from_future", card_number=number, ahead_s=-age)
    if age > ttl_s + skew_s:
        raise DomainError("card.qr_expired", card_number=number, age_s=age, ttl_s=ttl_s)
    return QrToken(card_number=number, issued_at=datetime.fromtimestamp(seconds, UTC),
                   nonce=data[_NUMBER_BYTES + _TIME_BYTES:])


def claimed_number(payload: str) -> str:
    """The card number a well-formed payload claims, NOT verified: only to choose whose keys
    verify it (an alliance issuer's, by the number's brand); never to recognise a card."""
    data = _decode(payload)[:_BODY_BYTES]
    return f"{int.from_bytes(data[:_NUMBER_BYTES], 'big'):013d}"


def verify_payload(payload: str, now: datetime, verify: Verify | None, ttl_s: int,
                   skew_s: int = 30) -> str:
    """The card number of a valid payload (pure: replay protection is SeenNonces' job)."""
    return read_payload(payload, now, verify, ttl_s, skew_s).card_number


def is_dynamic(code: str) -> bool:
    """Whether a scanned code claims to be a dynamic payload (scanners may send lower case)."""
    return code.strip().upper().startswith(PREFIX)


def identify(code: str, now: datetime, verify: Verify | None, ttl_s: int) -> tuple[str, str]:
    """What a scanner read or a cashier typed, as (kind, value).

    ("dynamic", number) for a dynamic payload, ("card", number) for a printed 13-digit
    barcode or static QR, ("mobile", normalized) for a mobile number.
    """
    text = code.strip()
    if is_dynamic(text):
        return "dynamic", verify_payload(text, now, verify, ttl_s)
    compact = "".join(ch for ch in text if ch not in " -")
    if compact.isascii() and compact.isdigit():
        if len(compact) == cards.NUMBER_LENGTH:
            return "card", cards.parse_card_number(compact).number
        if len(compact) in range(15, 20) and cards.luhn_valid(compact):
            # A bank card number typed or scanned: refused without repeating it anywhere.
            raise DomainError("card.bank_card")
    try:
        return "mobile", forms.normalize_mobile(text)
    except ValidationError:
        raise ValidationError("scan.unrecognized", field="code") from None


def _decode(payload: str) -> bytes:
    text = payload.strip().upper()
    if not text.startswith(PREFIX) or len(text) != _PAYLOAD_CHARS:
        raise DomainError("card.qr_malformed")
    encoded = text[len(PREFIX):]
    try:
        body = base64.b32decode(encoded + "=" * (-len(encoded) % 8))
    except (binascii.Error, ValueError):
        raise DomainError("card.qr_malformed") from None
    if len(body) != _BODY_BYTES + _SIG_BYTES:
        raise DomainError("card.qr_malformed")
    return body


class SeenNonces:
    """Recently accepted dynamic-QR nonces, so one payload admits one use per till.

    A nonce is remembered until its payload could no longer pass `read_payload`
    (issue time + ttl + skew), and at most `capacity` of them: under a flood the oldest
    are forgotten first, which only reopens the window for payloads that old.
    """

    def __init__(self, clock: Clock, ttl_s: int, skew_s: int = 30,
                 capacity: int = 10_000) -> None:
        self._clock = clock
        self._keep = timedelta(seconds=ttl_s + skew_s)
        self._capacity = capacity
        self._seen: OrderedDict[tuple[str, bytes], datetime] = OrderedDict()

    def __len__(self) -> int:
        return len(self._seen)

    def admit(self, token: QrToken) -> None:
        """Record the token; DomainError card.qr_replayed if it was seen before."""
        self._forget_stale()
        key = (token.card_number, token.nonce)
        if key in self._seen:
            raise DomainError("card.qr_replayed", card_number=token.card_number)
        self._seen[key] = token.issued_at + self._keep
        while len(self._seen) > self._capacity:
            self._seen.popitem(last=False)

    def _forget_stale(self) -> None:
        # Oldest first; stopping at the first live entry may keep a few stale ones a little
        # longer (tokens arrive roughly in issue order), which only errs on the safe side.
        now = self._clock.now()
        while self._seen:
            key, until = next(iter(self._seen.items()))
            if until >= now:
                break
            del self._seen[key]
