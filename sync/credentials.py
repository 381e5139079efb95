"""A till's credentials: head office's address and answer keys, its terminal id and its private
signing key.

Kept in `<database>.sync.json` beside the store database, readable by its owner only (0600),
never inside the database: a copied or backed-up database cannot sign as the till, and whoever
can write the file could as well replace head office's keys. A file written before answers were
signed has no `server_keys`: such a till must enrol again (`sync.reenrol_needed`), it never
falls back to trusting unsigned answers.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.filemodes import private_mode
from domain.errors import DomainError

if TYPE_CHECKING:  # cryptography loads when the keys are used: a till that is not enrolled
    from sync.signing import KeyPair  # only asks whether the file exists (desktop/launch.py)


@dataclass(frozen=True, slots=True)
class Credentials:
    server: str
    terminal_id: str
    private_key: str
    server_keys: tuple[str, ...] = ()  # head office's answer keys (public, base64url)
    # The merchant's dynamic-QR keys (public, base64url; sync/qrkeys.py): the till verifies
    # member QR codes with them and could not sign one.
    qr_keys: tuple[str, ...] = ()
    # Alliance issuers' public QR keys by card brand, for the issuers an agreement here
    # honours (docs/alliance.md): their members' codes verify here, none can be made.
    alliance_qr_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def keys(self) -> KeyPair:
        from sync.signing import KeyPair

        return KeyPair.from_private_text(self.private_key)


def path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".sync.json")


def save(path: Path, creds: Credentials) -> None:
    """Write atomically with mode 0600 from the first byte (no window where others can read)."""
    tmp = path.with_name(path.name + ".tmp")
    mode = private_mode(path)  # 0600; the group's too in a shared PC's folder (db/engine.py)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(asdict(creds), out, indent=2)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(tmp, mode)
    os.replace(tmp, path)


def load(path: Path) -> Credentials:
    """The till's credentials; `sync.not_enrolled` when there are none."""
    if not path.exists():
        raise DomainError("sync.not_enrolled", path=str(path))
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077 & ~private_mode(path):
        # Readable by others (beyond a shared PC's group): refuse rather than keep using a
        # key that may have leaked.
        raise DomainError("sync.credentials_exposed", path=str(path),
                          mode=oct(stat.S_IMODE(path.stat().st_mode)))
    data = json.loads(path.read_text(encoding="utf-8"))
    return Credentials(server=data["server"], terminal_id=data["terminal_id"],
                       private_key=data["private_key"],
                       server_keys=tuple(str(k) for k in data.get("server_keys", ())),
                       qr_keys=tuple(str(k) for k in data.get("qr_keys", ())),
                       alliance_qr_keys=_issuer_keys(data.get("alliance_qr_keys")))


def _issuer_keys(data: Any) -> dict[str, tuple[str, ...]]:
    """Issuers' keys by brand as saved; anything else (an older file) is none."""
    if not isinstance(data, dict):
        return {}
    return {str(brand): tuple(str(k) for k in keys) for brand, keys in data.items()
            if isinstance(keys, list)}


# What a renewed grant (verified: signed by head office) changes in the file.

def keep_server_keys(path: Path, server_keys: list[str]) -> None:
    """Head office's keys as its grant lists them: a key added for a rotation is trusted
    before head office signs with it alone, a retired one no longer."""
    save(path, replace(load(path), server_keys=tuple(server_keys)))


def keep_qr_keys(path: Path, qr_keys: list[str]) -> None:
    """The merchant's QR keys as the grant lists them: a rotation's new key is learnt before
    head office signs with it, a retired one is dropped."""
    saved = load(path)
    if saved.qr_keys != tuple(qr_keys):
        save(path, replace(saved, qr_keys=tuple(qr_keys)))


def keep_issuer_keys(path: Path, by_brand: dict[str, list[str]]) -> None:
    """Honoured issuers' QR keys as the grant lists them: an issuer whose agreements ended is
    dropped, a rotated key learnt (docs/alliance.md)."""
    saved = load(path)
    wanted = {brand: tuple(keys) for brand, keys in by_brand.items()}
    if saved.alliance_qr_keys != wanted:
        save(path, replace(saved, alliance_qr_keys=wanted))
