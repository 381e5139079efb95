"""Request signing: each till signs every request with its own Ed25519 key.

The signed text is `METHOD \\n PATH?QUERY \\n TIMESTAMP_MS \\n NONCE \\n SHA256(BODY)`, then
`\\n TILL_TIME_MS` when the till reports its own clock (`X-Kaika-Till-Time`: every till of this
version does; head office records the difference as the till's clock skew). Head office checks
the signature with the public key registered at enrolment, refuses a timestamp more than five
minutes off its own clock and a nonce it has already seen. Signatures survive TLS-terminating
load balancers, unlike client certificates. Head office's answers are signed too
(`sync/answers.py`).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

HEADER_TERMINAL = "X-Kaika-Terminal"
HEADER_TIMESTAMP = "X-Kaika-Timestamp"
HEADER_NONCE = "X-Kaika-Nonce"
HEADER_SIGNATURE = "X-Kaika-Signature"
HEADER_SERVER_TIME = "X-Kaika-Server-Time"
HEADER_TILL_TIME = "X-Kaika-Till-Time"
MAX_SKEW_MS = 5 * 60 * 1000


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def signed_text(method: str, target: str, timestamp_ms: int, nonce: str, body: bytes,
                till_time_ms: int | None = None) -> bytes:
    """What is signed; `target` is the path with its query string, as sent."""
    digest = hashlib.sha256(body).hexdigest()
    text = f"{method.upper()}\n{target}\n{timestamp_ms}\n{nonce}\n{digest}"
    return (text if till_time_ms is None else f"{text}\n{till_time_ms}").encode()


@dataclass(frozen=True, slots=True)
class KeyPair:
    """A till's signing key; only the public half ever leaves the till."""

    private: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> KeyPair:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_private_text(cls, text: str) -> KeyPair:
        return cls(Ed25519PrivateKey.from_private_bytes(unb64(text)))

    def private_text(self) -> str:
        raw = self.private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return b64(raw)

    def public_text(self) -> str:
        return b64(self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))

    def sign(self, method: str, target: str, timestamp_ms: int, nonce: str,
             body: bytes, till_time_ms: int | None = None) -> str:
        return b64(self.private.sign(signed_text(method, target, timestamp_ms, nonce, body,
                                                 till_time_ms)))


def verify(public_text: str, signature: str, method: str, target: str, timestamp_ms: int,
           nonce: str, body: bytes, till_time_ms: int | None = None) -> bool:
    """True when `signature` was made by the key whose public half is `public_text`."""
    return verify_raw(public_text, signature,
                      signed_text(method, target, timestamp_ms, nonce, body, till_time_ms))


def verify_raw(public_text: str, signature: str, text: bytes) -> bool:
    """True when `signature` over `text` was made by the key whose public half is given."""
    try:
        key = Ed25519PublicKey.from_public_bytes(unb64(public_text))
        key.verify(unb64(signature), text)
    except (InvalidSignature, ValueError):
        return False
    return True


def valid_public_key(text: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(unb64(text))
    except ValueError:
        return False
    return True
