"""Seals: HMACs keyed by the store key over ledger, balance and lot rows and the audit chain.

A row written by Kaika carries `seal` = HMAC-SHA256 (first 128 bits, hex) over its table name
and its columns, made by a trigger in the same statement as the row (migration 0008), through
the SQL function `kaika_seal` that only Kaika's own connections have. A row written with a
SQLite editor therefore has no valid seal: the editor lacks the function (the triggers fail
there until dropped), and whoever drops them still lacks the key. `kaika verify` recomputes
every seal. The audit chain's links are HMACs with the same key (db/audit.py).

The key is derived from the store key file (db/crypto.py), so it is as safe as that file: an
attacker who holds the key file can seal anything, and is outside what this defends.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from domain.errors import DomainError

FUNCTION = "kaika_seal"
_DERIVE = b"kaika tamper evidence v1"
SEAL_HEX = 32  # 128 bits: plenty for an HMAC tag, half the bytes of the whole digest
_BLOCK = 64  # SHA-256's block size, which HMAC pads the key to
# What json.dumps(values, ensure_ascii=False, separators=(",", ":")) gives, without making an
# encoder per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

# Sealed tables: the columns a seal covers, in order (the key column first). Migration 0008
# writes the triggers from a frozen copy of this; change both together.
SEALED: dict[str, tuple[str, ...]] = {
    "points_ledger": ("id", "member_id", "kind", "points", "at", "business_date", "reason",
                      "sale_id", "staff_id", "last_day"),
    "wallet_ledger": ("id", "member_id", "kind", "principal_fen", "bonus_fen", "at",
                      "business_date", "sale_id", "staff_id", "reference", "tender_kind"),
    "member_balances": ("member_id", "points", "wallet_principal_fen", "wallet_bonus_fen"),
    "points_lots": ("id", "member_id", "earned_on", "expires_on", "points", "remaining",
                    "source", "sale_id"),
}


def derive(store_key: bytes) -> bytes:
    """The MAC key: HMAC-SHA256 of a fixed label under the store key (never the key itself,
    so the Fernet key and the MAC key are never used for each other's purpose)."""
    return hmac.new(store_key, _DERIVE, hashlib.sha256).digest()


class Sealer:
    """Makes seals and audit links with the key derived from the store key file.

    `key_source` returns the store key, or None when there is none to use (a store whose key
    file is missing): seals are then NULL and `kaika verify` says the key is missing, while
    the till keeps trading.
    """

    def __init__(self, key_source: Callable[[], bytes | None]) -> None:
        self._source = key_source
        self._key: bytes | None = None
        self._pads: tuple[Any, Any] | None = None

    def key(self) -> bytes | None:
        if self._key is None:
            try:
                found = self._source()
            except DomainError:
                return None
            self._key = None if found is None else derive(found)
        return self._key

    def seal(self, *values: Any) -> str | None:
        """The seal of a row: its table name first, then its columns as stored."""
        # One encoder instead of json.dumps building its own: this runs a few times per sale
        # and for every row 0008 seals.
        return self.seal_json(_ENCODE(values))

    def seal_json(self, text: str) -> str | None:
        """The seal of a row given as the JSON list `seal` would encode (0008 has SQLite's
        json_array make it, which writes the same text for integers, text and NULL)."""
        pads = self.pads()
        if pads is None:
            return None
        # HMAC-SHA256 (RFC 2104) from the key's two padded hash states, made once: a copy of
        # each per row instead of keying OpenSSL anew.
        inner, outer = pads[0].copy(), pads[1].copy()
        inner.update(text.encode("utf-8"))
        outer.update(inner.digest())
        seal: str = outer.hexdigest()[:SEAL_HEX]
        return seal

    def pads(self) -> tuple[Any, Any] | None:
        """The SHA-256 states of the key's inner and outer HMAC pads (copy them, never
        update them), or None without a key: what `seal_json` and verify's bulk check
        start every row's HMAC from."""
        if self._pads is not None:
            return self._pads
        key = self.key()
        if key is None:
            return None
        if len(key) > _BLOCK:
            key = hashlib.sha256(key).digest()
        key = key.ljust(_BLOCK, b"\0")
        self._pads = (hashlib.sha256(bytes(b ^ 0x36 for b in key)),
                      hashlib.sha256(bytes(b ^ 0x5C for b in key)))
        return self._pads

    def mac(self, text: str) -> str | None:
        """A whole HMAC-SHA256 (hex) of `text`: an audit link."""
        key = self.key()
        if key is None:
            return None
        return hmac.digest(key, text.encode("utf-8"), "sha256").hex()


def for_key_file(path: Path) -> Sealer:
    """A sealer for tools that open the file with plain sqlite3 (the benchmark's loader and
    baseline): the triggers need `kaika_seal` on every connection that writes sealed rows."""
    return Sealer(lambda: path.read_bytes().strip() if path.exists() else None)


def install(conn: sqlite3.Connection, sealer: Sealer | None) -> None:
    """Give a connection `kaika_seal(table, col, ...)`; without a sealer it returns NULL, so
    the triggers never block a write (verify reports the rows instead)."""
    if sealer is None:
        conn.create_function(FUNCTION, -1, _no_seal, deterministic=True)
    else:
        conn.create_function(FUNCTION, -1, sealer.seal, deterministic=True)


def _no_seal(*_values: Any) -> None:
    return None


def seal_sql(table: str, prefix: str = "") -> str:
    """`kaika_seal('table', col, ...)` over a sealed table's columns (`prefix` as in NEW.)."""
    cols = ", ".join(prefix + c for c in SEALED[table])
    return f"{FUNCTION}('{table}', {cols})"
