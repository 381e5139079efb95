"""Backups of a store database: a consistent copy taken while the till runs, with its key.

SQLite's online backup API copies one snapshot page by page while the till keeps selling
(WAL: the till's writers do not wait). The key file (`<copy>.key`, the store's naming) and the
till's sync credentials (`<copy>.sync.json`) go beside the copy: without the key the members'
ID numbers and the card secret cannot be read, without the credentials a restored till must
be enrolled again. A copy is written under a temporary name and renamed when complete, so a
folder never holds half a backup under a backup's name."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db.crypto import default_key_path
from db.filemodes import owner_only, private_mode

CREDENTIALS_SUFFIX = ".sync.json"  # sync/credentials.py's path_for
AUTO_REASONS = ("dayclose", "upgrade")  # the backups the till takes itself, kept to the last N
# store-20261207-145000-dayclose.sqlite3 (UTC time: it sorts, and a zone change cannot clash)
_NAME = re.compile(r"^(?P<stem>.+)-(?P<at>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<why>[a-z]+)"
                   r"(?P<suffix>\.sqlite3|\.db)$")
PAGES_PER_STEP = 1024  # the till gets the database back between steps of 4 MB


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    key: Path | None  # None: the store had no key file (nothing sealed yet)


def side_files(copy: Path) -> tuple[Path, Path]:
    """The key file and the sync credentials that belong to a database file."""
    return default_key_path(copy), copy.with_name(copy.name + CREDENTIALS_SUFFIX)


def take_backup(db_path: Path, folder: Path, at: datetime, reason: str = "manual") -> Backup:
    """Copy the store at `db_path` into `folder` while it may be in use; returns the copy."""
    folder.mkdir(parents=True, exist_ok=True)
    target = _free_name(folder, db_path, at, reason)
    partial = target.with_name(target.name + ".partial")
    create_private(partial)
    try:
        with closing(sqlite3.connect(db_path, timeout=30)) as source, \
                closing(sqlite3.connect(partial)) as copy:
            source.backup(copy, pages=PAGES_PER_STEP)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        _fsync(partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    key = _copy_side_files(db_path, target)
    return Backup(target, key)


def copy_backup(backup: Backup, folder: Path) -> Backup:
    """A finished backup copied to a second place (a USB stick, a share), key beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / backup.path.name
    partial = target.with_name(target.name + ".partial")
    shutil.copyfile(backup.path, partial)
    _fsync(partial)
    os.replace(partial, target)
    owner_only(target)
    key = _copy_side_files(backup.path, target)
    return Backup(target, key)


def prune(folder: Path, db_path: Path, keep: int) -> list[Path]:
    """Delete the till's own backups of `db_path` in `folder` beyond the newest `keep`."""
    own = sorted((p for p in folder.glob("*") if _is_auto(p, db_path)),
                 key=lambda p: p.name, reverse=True)
    gone = own[max(keep, 1):]
    for path in gone:
        for each in (path, *side_files(path)):
            each.unlink(missing_ok=True)
    return gone


def _is_auto(path: Path, db_path: Path) -> bool:
    found = _NAME.match(path.name)
    return (found is not None and found["stem"] == db_path.stem
            and found["why"] in AUTO_REASONS)


def _free_name(folder: Path, db_path: Path, at: datetime, reason: str) -> Path:
    stamp = at.strftime("%Y%m%d-%H%M%S")
    target = folder / f"{db_path.stem}-{stamp}-{reason}{db_path.suffix or '.sqlite3'}"
    n = 1
    while target.exists():  # two backups in one second (a close right after an upgrade)
        n += 1
        target = folder / f"{db_path.stem}-{stamp}-{n}-{reason}{db_path.suffix or '.sqlite3'}"
    return target


def _copy_side_files(source_db: Path, target_db: Path) -> Path | None:
    copied_key = None
    for source, target in zip(side_files(source_db), side_files(target_db), strict=True):
        if source.exists():
            create_private(target)
            shutil.copyfile(source, target)
            _fsync(target)
            copied_key = copied_key or (target if target.suffix == ".key" else None)
    return copied_key


def create_private(path: Path) -> None:
    """Made owner-only (group too in a shared folder) before a byte of the store is in it."""
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, private_mode(path)))
    owner_only(path)


def _fsync(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())
