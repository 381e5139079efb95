"""File modes of a store's files: owner-only, or the group's too in a shared PC's folder
(standard library only: the sync client and the store lock use them before any database)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

# The database holds members' personal data; SQLite gives its -wal, -shm and -journal files
# the database file's own mode, so making that file owner-only covers them as they are made.
OWNER_ONLY = 0o600
# In a shared folder (setgid: its group is the PC's cashier accounts, docs/installing.md) the
# files are the group's too, or a second cashier's account could not open the store.
GROUP_SHARED = 0o660


def owner_only(path: Path) -> None:
    """Take group and other permissions off `path` if it exists (and has any); in a shared
    folder, make it exactly read-write for its owner and group."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if private_mode(path) == GROUP_SHARED:
        if mode & 0o777 != GROUP_SHARED:
            os.chmod(path, (mode & ~0o777) | GROUP_SHARED)
    elif mode & 0o077:
        os.chmod(path, mode & ~0o077 & 0o7777)


def private_mode(path: Path) -> int:
    """0600 for a store's file, 0660 when its folder is a shared one (setgid)."""
    try:
        folder = path.parent.stat().st_mode
    except OSError:
        return OWNER_ONLY
    return GROUP_SHARED if folder & stat.S_ISGID and os.name == "posix" else OWNER_ONLY
