"""One Kaika per store database: an OS lock on `<db>.lock` beside it.

The operating system drops the lock when the process ends, however it ends (closed, crashed,
killed), so a lock file left behind never keeps the next till out. The file itself says who
holds it, for the message the second till shows."""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from pathlib import Path
from typing import IO, Any

from db.filemodes import owner_only, private_mode
from domain.errors import DomainError

LOCK_SUFFIX = ".lock"
# One sync round at a time per store: the till's loop and `kaika sync` (a service, or IT
# staff at a prompt) would otherwise push the same batch twice and apply one pull page twice.
SYNC_SUFFIX = ".sync.lock"


def lock_path(db_path: Path, suffix: str = LOCK_SUFFIX) -> Path:
    return db_path.with_name(db_path.name + suffix)


class StoreLock:
    """Held while this process uses the store database; `release` or process exit frees it."""

    def __init__(self, path: Path, handle: IO[bytes]) -> None:
        self.path = path
        self._handle: IO[bytes] | None = handle

    @classmethod
    def take(cls, db_path: Path, suffix: str = LOCK_SUFFIX, code: str = "store.in_use",
             ) -> StoreLock:
        """Lock the store at `db_path` for this process (`suffix` names which lock: the
        store's, or `SYNC_SUFFIX` for a sync round).

        Raises:
            DomainError: `code` (``store.in_use``) with the holder's process, account and
            machine.
        """
        path = lock_path(Path(db_path).expanduser().resolve(), suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, private_mode(path))
        handle = os.fdopen(fd, "r+b", buffering=0)
        if not _try_lock(handle):
            holder = _holder(handle)
            handle.close()
            raise DomainError(code, path=str(db_path), pid=str(holder.get("pid", "?")),
                              user=holder.get("user", "?"), host=holder.get("host", "?"))
        owner_only(path)
        _write_holder(handle)
        return cls(path, handle)

    def release(self) -> None:
        if self._handle is not None:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None

    def __enter__(self) -> StoreLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


# Byte 0 is the one locked (Windows refuses reads of a locked range); who holds it follows.
def _try_lock(handle: IO[bytes]) -> bool:
    handle.seek(0)
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    handle.seek(0)
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _write_holder(handle: IO[bytes]) -> None:
    holder = {"pid": os.getpid(), "user": _user(), "host": socket.gethostname()}
    handle.seek(1)
    handle.truncate(1)
    handle.write(json.dumps(holder).encode() + b"\n")


def _holder(handle: IO[bytes]) -> dict[str, Any]:
    try:
        handle.seek(1)
        found = json.loads(handle.read(4096).decode("utf-8", "replace") or "{}")
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no name for this account (a container's bare uid)
        return str(os.getuid()) if hasattr(os, "getuid") else "?"
