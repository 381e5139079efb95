"""The store's own backups: at day close and before a store upgrade, the last N kept, and a
copy written to a second place (a USB stick, a network share) when one is set.

Settings live in `kaika.toml` beside the store database ($KAIKA_SETTINGS names another file):

    [backup]
    keep = 14                       # the till's own backups kept (default 14)
    folder = "D:/kaika-backups"     # default: `backups` beside the store database
    copy_to = "E:/kaika"            # a second place; a failure there never stops a close

The copy to the second place is best effort: a missing stick or an offline share is
reported (and logged), the close and the local backup stand."""

from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from db.backup import Backup, copy_backup, prune, take_backup
from domain.errors import DomainError

log = logging.getLogger(__name__)
SETTINGS_ENV = "KAIKA_SETTINGS"
SETTINGS_FILE = "kaika.toml"
DEFAULT_KEEP = 14  # two weeks of closes: a problem found a week late still has a good copy


@dataclass(frozen=True, slots=True)
class BackupSettings:
    keep: int = DEFAULT_KEEP
    folder: Path | None = None
    copy_to: Path | None = None


@dataclass(frozen=True, slots=True)
class AutoBackup:
    """What a backup the till took itself did: the copy, and a problem to report, if any."""

    backup: Backup | None
    copied: Backup | None = None
    problem: DomainError | None = None


def settings_file(db_path: Path) -> Path:
    chosen = os.environ.get(SETTINGS_ENV)
    return Path(chosen) if chosen else db_path.parent / SETTINGS_FILE


def backup_settings(db_path: Path) -> BackupSettings:
    """The `[backup]` table of the settings file; defaults when there is none.

    Raises:
        DomainError: ``settings.invalid`` naming the file and the key that is wrong.
    """
    path = settings_file(db_path)
    if not path.is_file():
        return BackupSettings()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("backup", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise DomainError("settings.invalid", file=str(path), key="", problem=str(err)) from None
    return _parsed(path, table)


def _parsed(path: Path, table: object) -> BackupSettings:
    def bad(key: str, problem: str) -> DomainError:
        return DomainError("settings.invalid", file=str(path), key=f"backup.{key}",
                           problem=problem)

    if not isinstance(table, dict):
        raise bad("", "must be a table: [backup]")
    unknown = set(table) - {"keep", "folder", "copy_to"}
    if unknown:
        raise bad(sorted(unknown)[0], "unknown setting (keep, folder, copy_to)")
    keep = table.get("keep", DEFAULT_KEEP)
    if not isinstance(keep, int) or isinstance(keep, bool) or keep < 1:
        raise bad("keep", "must be a whole number, 1 or more")
    folders = {}
    for key in ("folder", "copy_to"):
        value = table.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise bad(key, "must be a folder path in quotes")
        folders[key] = Path(value).expanduser() if value else None
    return BackupSettings(keep, folders["folder"], folders["copy_to"])


def backup_folder(db_path: Path, settings: BackupSettings) -> Path:
    return settings.folder or db_path.parent / "backups"


def auto_backup(db_path: Path, reason: str, now: datetime | None = None) -> AutoBackup:
    """Back the store up (day close, upgrade) and prune; never raises for a backup problem:
    the caller reports `problem` (the close or the upgrade goes on)."""
    at = (now or datetime.now(UTC)).astimezone(UTC)
    folder = backup_folder(db_path, BackupSettings())
    try:
        settings = backup_settings(db_path)
        folder = backup_folder(db_path, settings)
        made = take_backup(db_path, folder, at, reason)
        prune(folder, db_path, settings.keep)
    except Exception as err:  # whatever it was is reported: the close or upgrade goes on
        log.exception("backup of %s (%s) failed", db_path, reason)
        return AutoBackup(None, problem=_failed(folder, err))
    if settings.copy_to is None:
        return AutoBackup(made)
    try:
        copied = copy_backup(made, settings.copy_to)
        prune(settings.copy_to, db_path, settings.keep)
    except OSError as err:
        log.warning("backup copy to %s failed: %s", settings.copy_to, err)
        return AutoBackup(made, problem=_failed(settings.copy_to, err))
    return AutoBackup(made, copied)


def _failed(folder: Path, err: BaseException) -> DomainError:
    if isinstance(err, DomainError):
        return err
    reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
    return DomainError("store.backup_failed", folder=str(folder), reason=reason)
