"""The card secret at rest: sealed with the store's key file, clear ones converted on open.

The secret keys the verification code on every member card's stripe and the signature of the
dynamic QR (domain/cards.py, domain/dynamicqr.py). Anyone holding it can mint cards that pass,
so a copied database alone must not give it away: the column `store_settings.card_secret_hex`
holds a Fernet token made with the key file beside the database (db/crypto.py), and
`StoreSettings.card_secret_hex` is the clear hex only in memory.
"""

from __future__ import annotations

import string

from sqlalchemy import Engine, text

from db.crypto import FieldCipher
from db.engine import read_only
from domain.errors import DomainError

_HEX = frozenset(string.hexdigits)
_READ = text("SELECT card_secret_hex FROM store_settings WHERE id = 1")
# Guarded by the old value, so a writer that got there first is never overwritten.
_SEAL = text("UPDATE store_settings SET card_secret_hex = :sealed "
             "WHERE id = 1 AND card_secret_hex = :clear")
_HAS_SEALED_IDS = text("SELECT 1 FROM members WHERE id_number_enc IS NOT NULL LIMIT 1")
_HAS_KEYED_CHAIN = text("SELECT 1 FROM chain_marks LIMIT 1")


def is_clear(stored: str) -> bool:
    """A secret stored before it was sealed is plain hex; a Fernet token never is (it starts
    with "gAAAAA" and uses the URL-safe base64 alphabet)."""
    return bool(stored) and all(c in _HEX for c in stored)


def seal(cipher: FieldCipher, secret_hex: str) -> str:
    """What to store for a secret: its token (a store without a secret stores nothing)."""
    return cipher.encrypt(secret_hex) if secret_hex else ""


def unseal(cipher: FieldCipher, stored: str) -> str:
    """The clear hex of a stored secret; one still in clear (not converted yet) as it is."""
    if not stored or is_clear(stored):
        return stored
    return cipher.decrypt_remembered(stored)


def seal_in_place(engine: Engine, cipher: FieldCipher) -> bool:
    """Convert a secret stored in clear by an older Kaika; True when one was converted.

    Only reads unless there is something to convert, so opening a converted store takes no
    write lock. A key that cannot be used leaves the secret as it is: reading the settings
    or `kaika verify` then names the key problem, which is where it must be seen.
    """
    with read_only(engine).connect() as conn, conn.begin():
        clear = conn.execute(_READ).scalar()
        if not isinstance(clear, str) or not is_clear(clear):
            return False
        if not cipher.key_path.exists() and (
                conn.execute(_HAS_SEALED_IDS).first() is not None
                or conn.execute(_HAS_KEYED_CHAIN).first() is not None):
            # ID numbers, rows or the audit chain were sealed with a key that is not here:
            # minting a new one now would leave two keys, each opening only half of the store.
            return False
    try:
        sealed = cipher.encrypt(clear)
    except DomainError:
        return False
    with engine.begin() as conn:
        return conn.execute(_SEAL, {"sealed": sealed, "clear": clear}).rowcount == 1
