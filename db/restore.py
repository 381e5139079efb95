"""Putting a backup back: checked on a copy first, the replaced store kept aside.

The backup is copied (with its key file and sync credentials) into a scratch folder, opened
(which upgrades a backup made by an older Kaika) and run through `kaika verify`'s checks; only
a copy that passes replaces the store. The store it replaces, side files and all, moves to a
`replaced-<time>` folder beside it: nothing is deleted."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from db.backup import create_private, side_files
from db.engine import SIDE_FILES, make_engine
from db.store import StoreDb, needs_key
from db.verify import Problem, verify
from domain.errors import DomainError


def check_backup(backup: Path, scratch: Path) -> Path:
    """A verified copy of `backup` in `scratch`, at this Kaika's schema.

    Raises:
        DomainError: ``store.backup_unusable`` (not there, not a store database, or verify
            finds problems: the first few named) or ``store.backup_no_key`` (sealed data and
            no key file beside it).
    """
    if not backup.is_file():
        raise DomainError("store.backup_unusable", path=str(backup), reason="no such file")
    copy = scratch / backup.name
    shutil.copyfile(backup, copy)
    for source, target in zip(side_files(backup), side_files(copy), strict=True):
        if source.exists():
            shutil.copyfile(source, target)
    _refuse_keyless(backup, copy)
    try:
        store = StoreDb.open(copy, create=False, backup_before_upgrade=False)
    except (DBAPIError, sqlite3.DatabaseError) as err:
        raise DomainError("store.backup_unusable", path=str(backup),
                          reason=f"not a readable store database ({_first_line(err)})") from None
    try:
        problems = verify(store)
    finally:
        store.close()
    if problems:
        raise DomainError("store.backup_unusable", path=str(backup),
                          reason="kaika verify found " + _listed(problems))
    return copy


def put_back(checked: Path, db_path: Path, at: datetime) -> Path | None:
    """Replace the store at `db_path` by `checked`; returns the folder the old store went to
    (None when there was none). The caller holds the store's lock (db/lock.py)."""
    aside = None
    old = [db_path, *(db_path.with_name(db_path.name + s) for s in SIDE_FILES),
           *side_files(db_path)]
    if any(path.exists() for path in old):
        aside = db_path.with_name(f"replaced-{at.strftime('%Y%m%d-%H%M%S')}")
        aside.mkdir(parents=True, exist_ok=False)
        for path in old:
            if path.exists():
                os.replace(path, aside / path.name)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    for source, target in ((checked, db_path),
                           *zip(side_files(checked), side_files(db_path), strict=True)):
        if source.exists():
            create_private(target)  # the key and credentials are never readable by others
            shutil.copyfile(source, target)
    # Opened once: the files get the modes any open gives them.
    StoreDb.open(db_path, create=False, backup_before_upgrade=False).close()
    return aside


def _refuse_keyless(backup: Path, copy: Path) -> None:
    key, _ = side_files(copy)
    if key.exists():
        return
    engine = make_engine(copy)
    try:
        sealed = needs_key(engine)
    except (DBAPIError, sqlite3.DatabaseError) as err:
        raise DomainError("store.backup_unusable", path=str(backup),
                          reason=f"not a readable store database ({_first_line(err)})") from None
    finally:
        engine.dispose()
    if sealed:
        raise DomainError("store.backup_no_key", path=str(backup),
                          key=str(side_files(backup)[0]))


def _listed(problems: list[Problem]) -> str:
    shown = "; ".join(p.code for p in problems[:3])
    more = f" and {len(problems) - 3} more" if len(problems) > 3 else ""
    return f"{len(problems)} problem(s): {shown}{more}"


def _first_line(err: BaseException) -> str:
    text = str(getattr(err, "orig", None) or err)
    return text.splitlines()[0] if text else type(err).__name__
