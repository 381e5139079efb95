"""The dynamic member QR's keys: head office derives one Ed25519 key per merchant and signs;
a till verifies with the public halves of its own merchant's keys, learnt through sync.

Why not the card secret: it also makes the stripes' verification codes, and every till holds
it, so whatever could sign a QR could mint cards. With a key pair, a till (or a stolen till's
database) can check a code but never make one, and a merchant's key says nothing about
another merchant's codes (docs/web.md, "Where the QR key lives").
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from db.filemodes import private_mode
from domain.errors import DomainError
from sync import credentials
from sync.signing import KeyPair, b64, unb64, verify_raw

_INFO = b"kaika dynamic member QR v2 "


def merchant_pairs(master: Sequence[KeyPair], merchant_id: str) -> tuple[KeyPair, ...]:
    """One QR key per head-office answer key, derived for this merchant (HKDF-SHA256 over the
    answer key's private bytes): nothing new to store or back up, a rotation of the answer
    keys rotates the QR keys with it, and no derived key reveals the master or a sibling."""
    return tuple(_derive(pair, merchant_id) for pair in master)


def _derive(pair: KeyPair, merchant_id: str) -> KeyPair:
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=_INFO + merchant_id.encode("utf-8")).derive(unb64(pair.private_text()))
    return KeyPair(Ed25519PrivateKey.from_private_bytes(seed))


def verifies(public_keys: Sequence[str], message: bytes, signature: bytes) -> bool:
    """Whether one of `public_keys` made `signature` over `message`."""
    text = b64(signature)
    return any(verify_raw(key, text, message) for key in public_keys)


def demo_key_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".demo-qr-key")


def demo_pair(db_path: Path) -> KeyPair:
    """The demo store's stand-in for head office's QR key (`kaika demo` only): made on first
    use beside the demo database (0600), trusted by that till alone, so the demo panel can show
    a working phone QR with no head office running."""
    path = demo_key_path(db_path)
    if path.exists():
        return KeyPair.from_private_text(path.read_text(encoding="utf-8").strip())
    pair = KeyPair.generate()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, private_mode(path))
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(pair.private_text() + "\n")
    return pair


class TillQrKeys:
    """A till's QR verifier: its merchant's public keys as head office last listed them (in
    the till's credentials), plus the demo key when the demo made one. Read at each scan, so
    keys a grant brought are used at once, with no restart."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path

    def public_keys(self) -> list[str]:
        keys: list[str] = []
        path = credentials.path_for(self.db_path)
        if path.exists():
            keys.extend(credentials.load(path).qr_keys)
        if demo_key_path(self.db_path).exists():
            keys.append(demo_pair(self.db_path).public_text())
        return keys

    def issuer_keys(self, brand: str) -> tuple[str, ...]:
        """An honoured alliance issuer's public keys (by its card brand) as the last grant
        listed them; none when no agreement here honours that brand's cards."""
        path = credentials.path_for(self.db_path)
        if not path.exists():
            return ()
        return credentials.load(path).alliance_qr_keys.get(brand, ())

    def verify_issuer(self, brand: str, message: bytes, signature: bytes) -> bool:
        """Whether the issuer of `brand`'s cards signed the code (alliance.qr_not_honoured
        when this till holds no key of that issuer)."""
        keys = self.issuer_keys(brand)
        if not keys:
            raise DomainError("alliance.qr_not_honoured", brand=brand)
        return verifies(keys, message, signature)

    def verify(self, message: bytes, signature: bytes) -> bool:
        keys = self.public_keys()
        if not keys:
            raise DomainError("card.qr_keys_missing")
        return verifies(keys, message, signature)
