"""Field encryption with a key file beside the database: ID numbers, the card secret."""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from db.filemodes import owner_only, private_mode
from domain.errors import DomainError

KEY_SUFFIX = ".key"


def default_key_path(db_path: Path) -> Path:
    """`store.db` keeps its key in `store.db.key`, so a backup of the folder restores both."""
    return db_path.with_name(db_path.name + KEY_SUFFIX)


class FieldCipher:
    """Encrypts and decrypts single text fields with Fernet (AES-128-CBC + HMAC-SHA256).

    The key file is created (mode 0600) the first time something is encrypted. Decrypting
    never creates one: a missing key then means the data cannot be read, and saying so beats
    silently minting a new key that can read nothing.
    """

    def __init__(self, key_path: Path) -> None:
        self.key_path = key_path
        self._fernet: Fernet | None = None
        self._last: tuple[str, str] | None = None

    def __reduce__(self) -> tuple[type[FieldCipher], tuple[Path]]:
        """Pickled as its key file's path (to an import's worker process): the key itself
        never goes into a pipe, and the worker reads the same file."""
        return (FieldCipher, (self.key_path,))

    def encrypt(self, clear: str) -> str:
        return self._cipher(create=True).encrypt(clear.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        try:
            return self._cipher(create=False).decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise DomainError("store.key_mismatch", path=str(self.key_path)) from None

    def decrypt_remembered(self, token: str) -> str:
        """`decrypt`, remembering the last token and its text: the card secret is read with
        the settings several times a sale and decrypting costs far more than a comparison."""
        last = self._last
        if last is not None and last[0] == token:
            return last[1]
        clear = self.decrypt(token)
        self._last = (token, clear)
        return clear

    def store_key(self, *, create: bool) -> bytes | None:
        """The key file's key itself (the seals derive theirs from it, db/seals.py); None when
        there is no file and `create` is False."""
        if not create and not self.key_path.exists():
            return None
        return self._load_key(create=create)

    def _cipher(self, *, create: bool) -> Fernet:
        if self._fernet is None:
            key = self._load_key(create=create)
            try:
                self._fernet = Fernet(key)
            except ValueError:
                raise DomainError("store.key_invalid", path=str(self.key_path)) from None
        return self._fernet

    def _load_key(self, *, create: bool) -> bytes:
        if self.key_path.exists():
            return self.key_path.read_bytes().strip()
        if not create:
            raise DomainError("store.key_missing", path=str(self.key_path))
        return _create_key_file(self.key_path)


def _create_key_file(path: Path) -> bytes:
    """Write a fresh key readable by the owner only; O_EXCL so two processes cannot race."""
    key = Fernet.generate_key()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, private_mode(path))
    except FileExistsError:
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as handle:
        handle.write(key + b"\n")
        handle.flush()
        os.fsync(handle.fileno())
    owner_only(path)  # the umask may have taken the group's bits off in a shared folder
    return key
